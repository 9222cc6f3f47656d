/**
 * The scheduled-report producer (ADR 030), registered as the `reports` job's step (etl/jobs/reports.ts):
 * for every subscription whose last whole period has no stored PDF, Chromium (playwright-core, Debian's
 * /usr/bin/chromium, loopback only) opens the department's pages on this server as a service identity with
 * the department's role (and the subscriber's commune), the pages' main content is laid out in one printable
 * document with the app's own stylesheet, printed to PDF, stored under DATA_DIR/reports, recorded in
 * report_files and — when SMTP_URL is set and the subscription has addresses — mailed with nodemailer.
 */
import { fmtDate, fmtDateTime } from '../i18n/format.ts'
import fs from 'node:fs/promises'
import path from 'node:path'
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Stores } from '../../db/stores.ts'
import { reportFiles, reportSubscriptions } from '../../db/pg/schema/index.ts'
import type { JobSummary } from '../../db/job-control.ts'
import { todayVn, type Period } from '~/kpi/period'
import { createSession, destroySession, SESSION_COOKIE } from '~/auth/sessions.server'
import { createUser, findUserByEmail } from '~/auth/users.server'
import { randomToken } from '~/auth/secrets.server'
import { DEPARTMENT_PAGES, duePeriod, pageUrl, pdfPageCount, type Department, type Frequency } from './scheduled'
import { sendReportMail } from './mail.server'

export type Subscription = typeof reportSubscriptions.$inferSelect

export interface ProduceOptions {
  scheduledAt: Date
  runId: number | null
  progress?: (done: number, total: number | null) => void
  signal?: AbortSignal
}

/** The subscriptions with no stored report for their due period, and that period. */
export async function dueReports(stores: Stores, today: string): Promise<{ sub: Subscription; period: Period }[]> {
  const subs = await stores.pg.db.select().from(reportSubscriptions).orderBy(asc(reportSubscriptions.id))
  const out: { sub: Subscription; period: Period }[] = []
  for (const sub of subs) {
    const period = duePeriod(sub.frequency as Frequency, today)
    const [done] = await stores.pg.db
      .select({ id: reportFiles.id })
      .from(reportFiles)
      .where(and(eq(reportFiles.subscriptionId, sub.id), eq(reportFiles.periodFrom, period.from), eq(reportFiles.periodTo, period.to)))
    if (!done) out.push({ sub, period })
  }
  return out
}

/** The service identity a department's report is rendered as: its role, its commune; never signs in by password. */
async function serviceUser(stores: Stores, sub: Subscription): Promise<string> {
  const dept = sub.department as Department
  const email = `bao-cao.${dept.replace('_', '-')}${sub.communeCode ? `.${sub.communeCode}` : ''}@mck.local`
  const found = await findUserByEmail(stores, email)
  if (found) return found.id
  const u = await createUser(
    stores,
    {
      email,
      displayName: `Báo cáo định kỳ (${dept})`,
      password: randomToken(24),
      roles: [DEPARTMENT_PAGES[dept].role],
      communeCode: dept === 'commune' ? sub.communeCode : null,
    },
    { actor: 'system:reports', ip: null },
  )
  return u.id
}

/** Runs every due subscription; one that fails is counted and the others go on. */
export async function produceReports(stores: Stores, o: ProduceOptions): Promise<JobSummary> {
  const due = await dueReports(stores, todayVn(o.scheduledAt))
  const summary: JobSummary = { job: 'reports', read: due.length, loaded: 0, rejected: {}, watermark: null, files: [] as string[] }
  for (const [i, { sub, period }] of due.entries()) {
    if (o.signal?.aborted) throw new Error('aborted')
    try {
      const f = await produceOne(stores, sub, period, o.runId)
      summary.loaded++
      ;(summary.files as string[]).push(f)
    } catch (e) {
      summary.rejected.failed = (summary.rejected.failed ?? 0) + 1
      summary.error = `${sub.department}#${sub.id}: ${(e as Error).message}`
    }
    o.progress?.(i + 1, due.length)
  }
  if (summary.rejected.failed && !summary.loaded) throw new Error(String(summary.error))
  return summary
}

/** Renders, stores, records and (maybe) mails one subscription's report for `period`; answers the file name. */
export async function produceOne(stores: Stores, sub: Subscription, period: Period, runId: number | null): Promise<string> {
  const pdf = await renderReportPdf(stores, sub, period)
  const dir = path.join(stores.config.dataDir, 'reports')
  await fs.mkdir(dir, { recursive: true })
  const file = `bao-cao-${sub.department}${sub.communeCode ? `-${sub.communeCode}` : ''}-${period.from}-${period.to}-${sub.id}.pdf`
  await fs.writeFile(path.join(dir, file), pdf)
  const mailed = await sendReportMail(stores.config, sub, period, file, pdf)
  await stores.pg.db
    .insert(reportFiles)
    .values({
      subscriptionId: sub.id,
      periodFrom: period.from,
      periodTo: period.to,
      file,
      bytes: pdf.length,
      pages: pdfPageCount(pdf),
      emailedTo: mailed,
      runId,
    })
    .onConflictDoNothing()
  return file
}

async function renderReportPdf(stores: Stores, sub: Subscription, period: Period): Promise<Buffer> {
  const port = stores.runtime?.port
  if (!port) throw new Error('the server is not listening yet: reports render its pages')
  const base = `http://127.0.0.1:${port}`
  const userId = await serviceUser(stores, sub)
  const { token } = await createSession(stores, userId, '127.0.0.1')
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: stores.config.CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
    await ctx.addCookies([{ name: SESSION_COOKIE, value: token, url: base }])
    // Fully offline: nothing but this server is ever fetched.
    await ctx.route(
      (u) => !u.href.startsWith(base),
      (r) => r.abort(),
    )
    const page = await ctx.newPage()
    const sections: string[] = []
    let styles: string[] = []
    for (const p of DEPARTMENT_PAGES[sub.department as Department].pages) {
      const res = await page.goto(base + pageUrl(p, period, sub.communeCode), { waitUntil: 'networkidle', timeout: 60_000 })
      if (!res || res.status() >= 400) throw new Error(`${p}: HTTP ${res?.status() ?? 'no answer'}`)
      sections.push(await page.evaluate(() => (document.querySelector('main') ?? document.body).innerHTML))
      styles = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href))
    }
    await page.setContent(printDocument(sub, period, sections, styles), { waitUntil: 'load' })
    return await page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    })
  } finally {
    await browser.close()
    await destroySession(stores, token)
  }
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
const dmy = (ymd: string) => fmtDate(ymd)

const DEPT_NAMES: Record<Department, string> = {
  leadership: 'Lãnh đạo UBND tỉnh',
  home_affairs: 'Sở Nội vụ',
  finance: 'Sở Tài chính',
  it: 'Sở Khoa học và Công nghệ (CNTT)',
  commune: 'UBND xã',
}

function printDocument(sub: Subscription, period: Period, sections: string[], styles: string[]): string {
  const title = `Báo cáo ${sub.frequency === 'weekly' ? 'tuần' : 'tháng'} — ${DEPT_NAMES[sub.department as Department]}${sub.communeCode ? ` (mã xã ${sub.communeCode})` : ''}`
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title>
${styles.map((h) => `<link rel="stylesheet" href="${esc(h)}">`).join('\n')}
<style>@page{size:A4 landscape} .report-section{break-before:page} .report-section:first-of-type{break-before:auto}
 .report-cover{border-bottom:2px solid #1f4e79;margin-bottom:12px;padding-bottom:8px} form,.btn,nav,button{display:none!important}</style>
</head><body><header class="report-cover"><h1>${esc(title)}</h1><p>Kỳ báo cáo: ${dmy(period.from)} – ${dmy(period.to)}. Lập tự động lúc ${esc(
    fmtDateTime(new Date(), 'vi'),
  )} từ Một Cửa KPI.</p></header>
${sections.map((s) => `<section class="report-section">${s}</section>`).join('\n')}</body></html>`
}

/** Subscriptions and the stored reports, newest first, for the /reports page (a commune user: their own). */
export async function listReports(stores: Stores, communeCode: string | null) {
  const subs = await stores.pg.db.select().from(reportSubscriptions).orderBy(asc(reportSubscriptions.id))
  const files = await stores.pg.db.select().from(reportFiles).orderBy(desc(reportFiles.createdAt)).limit(200)
  const visible = new Set(subs.filter((s) => !communeCode || s.communeCode === communeCode).map((s) => s.id))
  return {
    subscriptions: subs.filter((s) => visible.has(s.id)).map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    files: files.filter((f) => visible.has(f.subscriptionId)).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
  }
}
