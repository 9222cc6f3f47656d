/**
 * The official reports as users see them, on the real server with simulator data pulled through the real ETL,
 * in Debian's Chromium: Biểu 06 (every commune + the province total, equal to the API and the KPI functions),
 * its XLSX download (drawn for the README), the commune user's 06a from the menu and from the commune page,
 * the 766 reconciliation page; screenshots at 1440 × 900 and 390 × 844, no page wider than the phone.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  browserAvailable,
  openPage,
  parseVi,
  SCREENSHOTS,
  signIn,
  startBrowserSession,
  watchErrors,
  type App,
  type BrowserSession,
} from '../support/browser.ts'
import { worksheetHtml } from '../support/xlsx-html.ts'
import { communes } from '../../db/pg/schema/index.ts'
import { createUser } from '../../app/auth/users.server.ts'
import { getBacklog } from '../../app/kpi/index.server.ts'
import { getBieu06 } from '../../app/reports/bieu06.server.ts'
import { BIEU06_KEYS } from '../../app/reports/bieu06.ts'

const run = browserAvailable()

let session: BrowserSession
let app: App
let browser: Browser
let context: BrowserContext
let page: Page
let errors: string[] = []

const noOverflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

async function shots(p: Page, name: string, phoneCtx: BrowserContext, url: string, waitFor: string) {
  await p.setViewportSize({ width: 1440, height: 900 })
  await openPage(p, url, waitFor)
  expect(await noOverflow(p)).toBeLessThanOrEqual(0)
  await p.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false })
  const phone = await phoneCtx.newPage()
  await openPage(phone, url, waitFor)
  expect({ url, overflow: await noOverflow(phone) }).toEqual({ url, overflow: 0 })
  await phone.screenshot({ path: path.join(SCREENSHOTS, `${name}-dien-thoai.png`), fullPage: false })
  await phone.close()
}

async function phone(): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    storageState: await context.storageState(),
  })
}

describe.skipIf(!run)('official reports in Chromium', () => {
  beforeAll(async () => {
    session = await startBrowserSession({ days: 45 })
    ;({ app, browser, context, page, errors } = session)
  }, 600_000)
  afterAll(() => session?.close())

  it('Biểu 06 shows every commune and the total with the KPI functions’ figures; the quick periods and typed dates work', async () => {
    await openPage(page, `${app.url}/`, 'main h1')
    await Promise.all([page.waitForURL(/\/reports\/bieu06/), page.click('#site-nav a[href^="/reports/bieu06"]')])
    await page.waitForSelector('[data-testid="bieu06"]')
    // Default: the last whole month.
    const from = await page.inputValue('input[name="from"]')
    const to = await page.inputValue('input[name="to"]')
    expect(from).toMatch(/^01\/\d{2}\/\d{4}$/)
    const ymd = (dmy: string) => dmy.split('/').reverse().join('-')
    const report = await getBieu06(app.stores, { from: ymd(from), to: ymd(to) })
    expect(await page.locator('[data-testid="bieu06"] tbody tr').count()).toBe(78)
    const total = page.locator('[data-testid="b06-total"]')
    for (const k of BIEU06_KEYS) expect(parseVi((await total.locator(`[data-key="${k}"]`).textContent()) ?? '')).toBe(report.total[k])
    const b = await getBacklog(app.stores, { from: ymd(from), to: ymd(to) })
    expect(report.total.toProcess).toBe(b.toProcess)
    expect(b.received).toBeGreaterThan(0)
    // A typed period (dd/mm/yyyy), without JavaScript's help: the form is a plain GET.
    await page.fill('input[name="from"]', '1/' + to.slice(3))
    await page.fill('input[name="to"]', to)
    await Promise.all([page.waitForURL(/from=1%2F/), page.click('form.b06-periods button[type="submit"]')])
    // The report is the typed period's (the sheet's own title line reads it back as dd/mm/yyyy).
    await page.waitForSelector(`[data-testid="bieu06"]:has-text("${from}")`)
    // A bad date says so and shows the default period.
    await openPage(page, `${app.url}/reports/bieu06?from=31/02/2026&to=${to}`, '[data-testid="bieu06"]')
    await expect(page.locator('#b06-date-hint').textContent()).resolves.toContain('không hợp lệ')
    // Quick period: this month.
    await page.click('.b06-quick a:has-text("Tháng này")')
    await page.waitForSelector('.b06-quick a[aria-current="true"]:has-text("Tháng này")')
  }, 120_000)

  it('downloads the XLSX for filing, whose total row equals the page, and draws its layout for the README', async () => {
    await openPage(page, `${app.url}/reports/bieu06`, '[data-testid="bieu06"]')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-export="xlsx"]')])
    expect(download.suggestedFilename()).toMatch(/^bieu-06-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const file = await download.path()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.worksheets[0]!
    const totalRow = 12 + 78
    expect(ws.getCell(totalRow, 1).value).toBe('Tổng cộng')
    const pageTotal = parseVi((await page.locator('[data-testid="b06-total"] [data-key="toProcess"]').textContent()) ?? '')
    expect((ws.getCell(totalRow, 3).value as { result: number }).result).toBe(pageTotal)
    // The sheet as a spreadsheet program shows it (first rows, the total and the signature block).
    const shown = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await shown.setContent(worksheetHtml(ws, (r) => r < 12 + 8 || r >= totalRow))
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    await shown.screenshot({ path: path.join(SCREENSHOTS, 'bieu-06-xlsx.png'), fullPage: true })
    await shown.close()
  }, 120_000)

  it('screenshots Biểu 06 at 1440 × 900 and 390 × 844 with no page wider than the screen', async () => {
    const ph = await phone()
    await shots(page, 'bieu-06', ph, `${app.url}/reports/bieu06`, '[data-testid="bieu06"]')
    await ph.close()
  }, 120_000)

  it('a commune user gets Biểu 06a of their own centre from the menu and from their commune page, nothing else', async () => {
    const [own, other] = await app.stores.pg.db
      .select()
      .from(communes)
      .where(eq(communes.provinceCode, '44'))
      .orderBy(communes.code)
      .limit(2)
    const email = 'xa-baocao@example.vn'
    await createUser(app.stores, { email, password: app.password, roles: ['commune'], communeCode: own!.code }, { actor: 'test', ip: null })
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })
    const errs = watchErrors(ctx)
    const p = await ctx.newPage()
    await signIn(p, { url: app.url, email, password: app.password })
    await openPage(p, `${app.url}/`, 'main h1')
    await Promise.all([p.waitForURL(/\/reports\/bieu06/), p.click('#site-nav a[href^="/reports/bieu06"]')])
    await p.waitForSelector('[data-testid="bieu06"]')
    expect(await p.textContent('main h1')).toBe('Biểu số 06a/VPCP/KSTT')
    expect(await p.locator('[data-testid="bieu06"] tbody tr').count()).toBe(1)
    expect(await p.getAttribute('[data-testid="bieu06"] tbody tr', 'data-commune')).toBe(own!.code)
    expect(await p.textContent('[data-testid="b06-unit"]')).toBe(own!.fullName)
    // The same report from the commune page's link.
    await openPage(p, `${app.url}/communes/${own!.code}`, '[data-testid="bieu06a-link"]')
    await Promise.all([p.waitForURL(/\/reports\/bieu06\?commune=/), p.click('[data-testid="bieu06a-link"]')])
    await p.waitForSelector('[data-testid="bieu06"]')
    expect(await p.locator('[data-testid="bieu06"] tbody tr').count()).toBe(1)
    await p.screenshot({ path: path.join(SCREENSHOTS, 'bieu-06a.png'), fullPage: false })
    // Another commune's 06a is refused, on the page and through the API.
    expect((await p.goto(`${app.url}/reports/bieu06?commune=${other!.code}`))?.status()).toBe(403)
    expect((await p.request.get(`${app.url}/api/v1/reports/bieu06?from=2026-01-01&to=2026-01-31&commune=${other!.code}`)).status()).toBe(
      403,
    )
    await ctx.close()
    expect(errs.filter((e) => !e.includes(`commune=${other!.code}`))).toEqual([])
  }, 120_000)

  it('the IT role uploads the portal’s 766 figures and sees them beside ours, differences highlighted', async () => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await openPage(page, `${app.url}/`, 'main h1')
    await Promise.all([page.waitForURL(/\/reports\/reconcile766/), page.click('#site-nav a[href^="/reports/reconcile766"]')])
    await page.waitForSelector('input[name="file"]')
    await page.setInputFiles('input[name="file"]', path.resolve(import.meta.dirname, '../fixtures/qd766-portal-quang-tri-2026-03.json'))
    await Promise.all([page.waitForURL(/upload=\d+/), page.click('#upload button[type="submit"]')])
    await page.waitForSelector('[data-testid="rc-summary"]')
    expect(await page.locator('tr[data-status]').count()).toBe(10)
    const different = await page.locator('tr.rc-diff[data-status="different"]').count()
    expect(different).toBeGreaterThan(0)
    expect(await page.textContent('[data-testid="rc-summary"]')).toContain(`${different} chỗ lệch`)
    const ph = await phone()
    await shots(page, 'doi-chieu-766', ph, page.url(), '[data-testid="rc-summary"]')
    await ph.close()
  }, 120_000)

  it('no page logged a console error', () => {
    expect(errors).toEqual([])
  })
})
