/**
 * The dashboard as a user sees it: the real server (startServer, port 0) with 45 days of simulator data
 * pulled through the real ETL jobs, driven by Debian's Chromium. Every page shows the figure the KPI
 * function computes; the map has one shape per commune and opens the commune's page; a filter change
 * updates the URL and the figures; an exported workbook's totals equal the page's; edits reach the KPIs;
 * a phone renders without horizontal overflow; no console errors. Screenshots go to docs/screenshots/.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { NAV } from '../../app/components/layout/nav.ts'
import { messages, type MessageKey } from '../../app/i18n/messages.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import {
  browserAvailable,
  openPage,
  parseVi,
  phoneContext,
  screenshot,
  SCREENSHOTS,
  signIn,
  startBrowserSession,
  waitHydrated,
  watchErrors,
  type App,
  type BrowserSession,
} from '../support/browser.ts'
import { parseFilters, resolvePeriod } from '../../app/lib/url-filters.ts'
import { get766, getBacklog, getEquipmentGap, getKpiSummary, getSatisfaction, getStaffingNeed } from '../../app/kpi/index.server.ts'
import { listAlerts } from '../../app/kpi/alerts.server.ts'
import { auditLog, communes, equipmentInventory, etlRuns, kpiTargets } from '../../db/pg/schema/index.ts'
import { createUser } from '../../app/auth/users.server.ts'

const run = browserAvailable()
const PROVINCE_COMMUNES = 78

let session: BrowserSession
let app: App
let browser: Browser
let context: BrowserContext
let page: Page
let errors: string[] = []
const period = () => resolvePeriod(parseFilters(''))

const open = (p: string, waitFor?: string) => openPage(page, `${app.url}${p}`, waitFor)
const shot = (name: string) => screenshot(page, name)

const tileValue = async (id: string) => Number(await page.getAttribute(`[data-kpi="${id}"] .tile-value`, 'data-value'))

describe.skipIf(!run)('dashboard in Chromium', () => {
  beforeAll(async () => {
    session = await startBrowserSession({ days: 45 })
    ;({ app, browser, context, page, errors } = session)
  }, 600_000)

  afterAll(() => session?.close())

  it('Tổng quan shows the KPI functions\u2019 figures in its tiles and table totals', async () => {
    await open('/', '[data-kpi="backlog"]')
    const p = period()
    const b = await getBacklog(app.stores, { from: p.current.from, to: p.current.to })
    expect(await tileValue('backlog')).toBe(b.inProcess)
    expect(await tileValue('overdue')).toBe(b.inProcessOverdue)
    expect(await tileValue('onTime')).toBeCloseTo(b.onTimeRate!, 12)
    expect(b.received).toBeGreaterThan(0)
    expect(parseVi((await page.textContent('[data-testid="overview-totals"] [data-total="received"]')) ?? '')).toBe(b.received)
    const q = await get766(app.stores, { from: p.current.from, to: p.current.to })
    expect(await tileValue('qd766')).toBeCloseTo(q.total!, 10)
    await expect(page.locator('[data-testid="synthetic-badge"]').first().textContent()).resolves.toContain('mô phỏng')
    await page.waitForSelector('#commune-table .sparkline')
    // The alerts: one line per commune (a late commune's late-rate and on-time alerts share it), worst first.
    const openAlerts = await listAlerts(app.stores, { open: true })
    const alertCommunes = new Set(openAlerts.map((a) => a.commune))
    expect(openAlerts.length).toBeGreaterThan(alertCommunes.size) // the demo has communes with more than one alert
    const lines = await page.locator('[data-testid="alerts"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-commune')))
    expect(lines).toHaveLength(Math.min(12, alertCommunes.size))
    expect(new Set(lines).size).toBe(lines.length)
    expect(parseVi(((await page.textContent('[data-testid="alerts-summary"]')) ?? '').split(' ')[0]!)).toBe(alertCommunes.size)
    await expect(page.locator('[data-testid="alerts-summary"]').textContent()).resolves.toContain(
      `(${openAlerts.length.toLocaleString('vi-VN')} cảnh báo)`,
    )
    await shot('tong-quan')
  }, 120_000)

  it('the map has one shape per commune and clicking one opens its page with its own figures', async () => {
    await open('/', '[data-testid="choropleth"]')
    expect(await page.locator('[data-testid="choropleth"] path.commune-shape').count()).toBe(PROVINCE_COMMUNES)
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    const shape = page.locator(`path.commune-shape[data-code="${c!.code}"]`)
    expect(await shape.count()).toBe(1)
    await shape.hover()
    await expect(page.locator('.map-tooltip').textContent()).resolves.toContain('Đông Hà')
    await Promise.all([page.waitForURL(new RegExp(`/communes/${c!.code}`)), shape.click()])
    // The overview also marks figures (data-kpi, ADR 032): wait for the commune page itself, not any figure.
    await page.waitForFunction((name) => document.querySelector('main h1')?.textContent === name, c!.fullName)
    await page.waitForSelector('[data-kpi="received"]')
    expect(await page.textContent('main h1')).toBe(c!.fullName)
    const p = period()
    const s = await getKpiSummary(app.stores, { commune: c!.code, from: p.current.from, to: p.current.to })
    expect(await tileValue('received')).toBe(s.received)
    expect(await tileValue('backlog')).toBe(s.inProcess)
    expect(parseVi((await page.textContent('[data-testid="qd766-total"]')) ?? '')).toBeCloseTo(s.qd766.total!, 2)
    // The 766 breakdown names the ONLINE group "not computed", never a number.
    await expect(page.locator('#qd766 .q766-group', { hasText: 'Dịch vụ công trực tuyến' }).textContent()).resolves.toContain(
      'chưa tính được',
    )
    await page.waitForSelector('#history .recharts-surface')
    await shot('xa-phuong')
  }, 120_000)

  it('changing the period filter updates the URL and the figures', async () => {
    await open('/', '[data-kpi="backlog"]')
    const before = parseVi((await page.textContent('[data-testid="overview-totals"] [data-total="received"]')) ?? '')
    await Promise.all([page.waitForURL(/period=7d/), page.selectOption('select[name="period"]', '7d')])
    await page.waitForFunction((b) => {
      const el = document.querySelector('[data-testid="overview-totals"] [data-total="received"]')
      return el && el.textContent !== null && Number(el.textContent.replace(/\D/g, '')) !== b
    }, before)
    const p = resolvePeriod(parseFilters('period=7d'))
    const b = await getBacklog(app.stores, { from: p.current.from, to: p.current.to })
    expect(parseVi((await page.textContent('[data-testid="overview-totals"] [data-total="received"]')) ?? '')).toBe(b.received)
    expect(await page.textContent('[data-testid="period-text"]')).toContain(p.current.from.split('-').reverse().join('/'))
    // The map indicator is a URL filter too.
    await Promise.all([page.waitForURL(/kpi=backlog/), page.selectOption('select[name="kpi"]', 'backlog')])
    await page.waitForSelector('#map-h:has-text("Đang giải quyết")')
    expect(new URL(page.url()).searchParams.get('period')).toBe('7d')
  }, 120_000)

  it('searching "dong ha" without diacritics finds Đông Hà (and Nam Đông Hà)', async () => {
    await open('/', '#commune-table')
    await page.fill('#commune-table input[type="search"]', 'dong ha')
    await page.waitForURL(/q=dong/)
    await page.waitForFunction(() => document.querySelectorAll('#commune-table tbody tr th a').length === 2)
    const names = await page.locator('#commune-table tbody tr th a').allTextContents()
    expect(names.sort()).toEqual(['Nam Đông Hà', 'Đông Hà'].sort())
  }, 60_000)

  it('the exported workbook\u2019s totals equal the totals on the page', async () => {
    await open('/', '[data-testid="overview-totals"]')
    const onPage = {
      received: parseVi((await page.textContent('[data-total="received"]')) ?? ''),
      backlog: parseVi((await page.textContent('[data-total="backlog"]')) ?? ''),
      overdue: parseVi((await page.textContent('[data-total="overdue"]')) ?? ''),
      equipmentGapVnd: parseVi((await page.textContent('[data-total="equipmentGapVnd"]')) ?? ''),
      onTimeRate: parseVi((await page.textContent('[data-total="onTimeRate"]')) ?? ''),
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#commune-table a[data-export="xlsx"]')])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await download.path())!)
    const ws = wb.worksheets[0]!
    let header = 0
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Đơn vị') header = n
    })
    const col = (title: string) => (ws.getRow(header).values as unknown[]).indexOf(title)
    const totals = ws.getRow(ws.rowCount)
    const num = (title: string) => {
      const v = totals.getCell(col(title)).value as number | { result: number }
      return typeof v === 'number' ? v : v.result
    }
    expect(ws.rowCount - header - 1).toBe(PROVINCE_COMMUNES)
    expect(totals.getCell(1).value).toBe('Tổng cộng')
    expect(num('Tiếp nhận')).toBe(onPage.received)
    expect(num('Đang giải quyết (tồn)')).toBe(onPage.backlog)
    expect(num('Đang quá hạn')).toBe(onPage.overdue)
    expect(num('Thiếu thiết bị (₫)')).toBe(onPage.equipmentGapVnd)
    expect(Math.round(num('Tỷ lệ đúng hạn') * 1000) / 10).toBe(onPage.onTimeRate)
    // CSV: UTF-8 with BOM, one line per commune plus the header.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#commune-table a[data-export="csv"]')])
    const text = fs.readFileSync((await csv.path())!)
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text.toString('utf8').trim().split('\r\n')).toHaveLength(PROVINCE_COMMUNES + 1)
  }, 120_000)

  it('Nhân sự, Thiết bị, Hài lòng, Chỉ số 766 and Dữ liệu show the KPI functions\u2019 figures', async () => {
    const p = period()
    const q = { from: p.current.from, to: p.current.to }
    await open('/staffing', '[data-kpi="required"]')
    const need = await getStaffingNeed(app.stores, q)
    expect(await tileValue('required')).toBe(need.required)
    expect(await tileValue('assigned')).toBe(need.assigned)
    expect(await page.locator('#staffing-table tbody tr').count()).toBe(PROVINCE_COMMUNES)
    await shot('nhan-su')

    await open('/equipment', '[data-kpi="gapVnd"]')
    expect(await tileValue('gapVnd')).toBe((await getEquipmentGap(app.stores, q)).gapVnd)
    await shot('thiet-bi')

    await open('/satisfaction', '[data-kpi="satisfied"]')
    const sat = await getSatisfaction(app.stores, q)
    expect(await tileValue('satisfied')).toBeCloseTo(sat.ratings.satisfiedShare!, 12)
    await shot('hai-long')

    await open('/qd766', '[data-kpi="qd766"]')
    expect(await tileValue('qd766')).toBeCloseTo((await get766(app.stores, q)).total!, 10)
    await expect(page.locator('[data-group="ONLINE"] .tile-value').textContent()).resolves.toBe('chưa tính được')
    await shot('chi-so-766')

    await open('/data', '[data-testid="jobs-table"]')
    const [lastDossiers] = await app.stores.pg.db.select().from(etlRuns).where(eq(etlRuns.job, 'dossiers'))
    expect(parseVi((await page.locator('tr[data-job="dossiers"] td.num').first().textContent()) ?? '')).toBe(lastDossiers!.read)
    await expect(page.locator('[data-testid="source-status"]').textContent()).resolves.toContain('kết nối được')
    await shot('du-lieu')
  }, 240_000)

  it('Dữ liệu: a CSV import goes through the ETL — one dossier loaded, one rejected with its reason, browsable', async () => {
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    const csv =
      'MaHoSo,MaDonVi,MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,CapNhatLuc\r\n' +
      `NHAP-TEP-1,${c!.code},1.000894,Đăng ký khai sinh,ho_tich,Hộ tịch,1,2,2026-11-02T08:00:00+07:00,2026-11-05T17:00:00+07:00,2026-11-02T08:00:00+07:00\r\n` +
      'NHAP-TEP-2,Xã Không Tồn Tại,1.000894,Đăng ký khai sinh,ho_tich,Hộ tịch,1,2,2026-11-02T08:00:00+07:00,2026-11-05T17:00:00+07:00,2026-11-02T08:00:00+07:00\r\n'
    await open('/data', '#import form')
    await page.selectOption('#import select[name="kind"]', 'dossiers')
    await page.setInputFiles('#import input[name="file"]', {
      name: 'ho-so-xa.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF' + csv, 'utf8'),
    })
    await page.click('#import button[type="submit"]')
    // One row rejected: the summary is a warning, not green (issue 18), with the reason in words.
    await page.waitForSelector('[data-testid="import-result"] .flash-warn', { timeout: 120_000 })
    const msg = (await page.textContent('[data-testid="import-result"]')) ?? ''
    expect(msg).toContain('Đọc 2')
    expect(msg).toContain('Nạp 1')
    expect(msg).toContain('Đơn vị không phải xã của tỉnh: 1')
    const rs = await app.stores.ch.client.query({
      query: "SELECT commune_code FROM dossiers FINAL WHERE dossier_id = 'NHAP-TEP-1'",
      format: 'JSONEachRow',
    })
    expect(await rs.json()).toEqual([{ commune_code: c!.code }])
    await open('/data?job=dossiers&reason=unknown_unit&rq=NHAP-TEP', '[data-testid="rejects-table"]')
    expect(await page.locator('[data-testid="rejects-table"] tbody tr').count()).toBe(1)
    await expect(page.locator('[data-testid="rejects-table"] tbody tr').textContent()).resolves.toContain('NHAP-TEP-2')
    const audits = await app.stores.pg.db.select().from(auditLog).where(eq(auditLog.action, 'import.file'))
    expect(audits.map((a) => a.target)).toEqual(['dossiers'])
  }, 240_000)

  it('an inventory edit on Thiết bị reaches the equipment gap, is audited, and a bad value gets a Vietnamese message', async () => {
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    const p = period()
    const q = { from: p.current.from, to: p.current.to }
    const before = (await getEquipmentGap(app.stores, q)).perCommune.find((x) => x.commune === c!.code)!.gapVnd
    await open(`/equipment?ic=${c!.code}`, '[data-testid="inventory-table"]')
    const row = page.locator('[data-testid="inventory-table"] tr[data-type="computer"]')
    await row.locator('input[name="working"]').fill('abc')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), row.locator('button[type="submit"]').click()])
    await expect(row.locator('.field-error').textContent()).resolves.toContain('Nhập một số nguyên')
    await page.waitForLoadState('networkidle')
    // Save stays disabled until the action's revalidation has ended: a second submission during it would interrupt
    // that load, and React Router rejects the interrupted navigation with an AbortError nobody catches (seen in CI).
    // The revalidation is held here so the check cannot race it.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let seen!: () => void
    const reloading = new Promise<void>((r) => (seen = r))
    let continued: Promise<void> = Promise.resolve()
    const hold = (route: Route) => {
      seen()
      continued = held.then(() => route.continue())
      return continued
    }
    const isData = (u: URL) => u.pathname.endsWith('.data')
    await page.route(isData, (route) => (route.request().method() === 'GET' ? hold(route) : route.continue()))
    await row.locator('input[name="working"]').fill('0')
    await row.locator('input[name="broken"]').fill('0')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), row.locator('button[type="submit"]').click()])
    try {
      await reloading
      // The loading bar renders from the same navigation state, in the same commit as the button.
      await page.locator('.loading-bar').waitFor({ timeout: 5_000 })
      expect(await row.locator('button[type="submit"]').isDisabled()).toBe(true)
    } finally {
      release()
      await continued
      await page.unroute(isData)
    }
    await page.waitForSelector('[data-testid="flash"].flash-ok')
    await page.locator('.loading-bar').waitFor({ state: 'detached' })
    expect(await row.locator('button[type="submit"]').isDisabled()).toBe(false)
    const [inv] = await app.stores.pg.db
      .select()
      .from(equipmentInventory)
      .where(and(eq(equipmentInventory.communeCode, c!.code), eq(equipmentInventory.typeCode, 'computer')))
    expect(inv!.working).toBe(0)
    const after = (await getEquipmentGap(app.stores, q)).perCommune.find((x) => x.commune === c!.code)!.gapVnd
    expect(after).toBeGreaterThan(before)
    const audits = await app.stores.pg.db.select().from(auditLog).where(eq(auditLog.action, 'equipment.inventory'))
    expect(audits.map((a) => a.target)).toContain(c!.code)
  }, 120_000)

  it('Cài đặt: an admin changes the on-time target and the overview tile shows it', async () => {
    await open('/settings', '[data-testid="targets-table"]')
    const row = page.locator('[data-testid="targets-table"] tr[data-kpi="on_time_rate"][data-commune=""]')
    await row.locator('input[name="target"]').fill('0,92')
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), row.locator('button[type="submit"]').click()])
    await page.waitForSelector('[data-testid="flash"].flash-ok')
    await shot('cai-dat')
    const [t] = await app.stores.pg.db.select().from(kpiTargets).where(eq(kpiTargets.kpi, 'on_time_rate'))
    expect(t!.target).toBe(0.92)
    await open('/', '[data-kpi="onTime"]')
    await expect(page.locator('[data-kpi="onTime"] .target').textContent()).resolves.toContain('92,0%')
  }, 120_000)

  it('an unknown commune is a 404 page; English is one click away', async () => {
    const res = await page.goto(`${app.url}/communes/99999`)
    expect(res?.status()).toBe(404)
    await expect(page.locator('[role="alert"]').first().textContent()).resolves.toContain('Không tìm thấy')
    // The browser logs the 404 document itself as a console error: that one is the point of this test.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.startsWith(`${app.url}/communes/99999: Failed to load resource`)))
    await open('/?lang=en', '[data-kpi="backlog"]')
    expect(await page.textContent('main h1')).toBe('Overview')
    await expect(page.locator('[data-kpi="onTime"] .tile-label').textContent()).resolves.toBe('On-time rate')
    await open('/?lang=vi', '[data-kpi="backlog"]')
  }, 60_000)

  it('a phone renders the overview and a commune page without horizontal overflow, the menu behind a button', async () => {
    const phone = await phoneContext(browser, context)
    const errs = watchErrors(phone)
    const p = await phone.newPage()
    await p.goto(`${app.url}/`)
    await p.waitForSelector('[data-kpi="backlog"]')
    await waitHydrated(p)
    await p.waitForLoadState('networkidle')
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    expect(await p.isVisible('#site-nav ul')).toBe(false)
    await p.click('.nav-toggle')
    expect(await p.isVisible('#site-nav ul')).toBe(true)
    await p.click('.nav-toggle')
    await p.screenshot({ path: path.join(SCREENSHOTS, 'tong-quan-dien-thoai.png'), fullPage: false })
    // The staffing page on a phone: the model's tiles and its note, no horizontal overflow (ADR 031).
    await p.goto(`${app.url}/staffing`)
    await p.waitForSelector('[data-kpi="predictedLate"]')
    await waitHydrated(p)
    await p.waitForLoadState('networkidle')
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await screenshot(p, 'nhan-su-dien-thoai', 2400)
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    await p.goto(`${app.url}/communes/${c!.code}`)
    await p.waitForSelector('[data-kpi="received"]')
    await waitHydrated(p)
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await phone.close()
    expect(errs).toEqual([])
  }, 120_000)

  it('the map is keyboard-usable: a commune shape takes focus and Enter opens its page', async () => {
    await open('/', '[data-testid="choropleth"]')
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Cồn Cỏ'))
    const link = page.locator(`[data-testid="choropleth"] a:has(path[data-code="${c!.code}"])`)
    await expect(link.getAttribute('aria-label')).resolves.toMatch(/^Cồn Cỏ: /)
    await link.focus()
    await expect(page.locator('.map-tooltip').textContent()).resolves.toContain('Cồn Cỏ')
    await Promise.all([page.waitForURL(new RegExp(`/communes/${c!.code}`)), page.keyboard.press('Enter')])
  }, 60_000)

  it('the print layout of the overview and the commune page drops navigation and filters, keeps the figures', async () => {
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    for (const [url, tile] of [
      ['/', 'backlog'],
      [`/communes/${c!.code}`, 'received'],
    ] as const) {
      await open(url, `[data-kpi="${tile}"]`)
      await page.emulateMedia({ media: 'print' })
      expect(await page.isVisible('.site-header')).toBe(false)
      expect(await page.isVisible('.filter-bar')).toBe(false)
      expect(await page.isVisible('.page-actions')).toBe(false)
      expect(await page.isVisible(`[data-kpi="${tile}"]`)).toBe(true)
      await page.emulateMedia({ media: 'screen' })
    }
  }, 60_000)

  it('a commune user sees their commune only: one row, one shape, and another commune is refused', async () => {
    const [own, other] = await app.stores.pg.db
      .select()
      .from(communes)
      .where(eq(communes.provinceCode, '44'))
      .orderBy(communes.code)
      .limit(2)
    const email = 'xa-kiemthu@example.vn'
    await createUser(app.stores, { email, password: app.password, roles: ['commune'], communeCode: own!.code }, { actor: 'test', ip: null })
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    const errs = watchErrors(ctx)
    const p = await ctx.newPage()
    await signIn(p, { url: app.url, email, password: app.password })
    await p.goto(`${app.url}/`)
    // Their home (issue 18): their figures beside the province's average, their worklist — no one-row ranking.
    await p.waitForSelector('[data-testid="home-compare"]')
    const shown = await p.locator('[data-commune]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-commune')))])
    expect(shown).toEqual([own!.code])
    // the overview and the commune's own pages: the province-wide pages are not offered
    const nav = await p.locator('#site-nav a').allTextContents()
    expect(nav).toEqual(expect.arrayContaining(['Tổng quan', 'Việc cần làm', 'Biểu 06']))
    for (const item of NAV.filter((n) => n.provinceWide)) expect(nav).not.toContain(messages.vi[item.label as MessageKey])
    const res = await p.goto(`${app.url}/communes/${other!.code}`)
    expect(res?.status()).toBe(403)
    const exp = await p.request.get(`${app.url}/export/communes/${other!.code}?table=qd766&format=csv`)
    expect(exp.status()).toBe(403)
    await ctx.close()
    expect(errs.filter((e) => !e.includes(`/communes/${other!.code}`))).toEqual([])
  }, 120_000)

  it('no page logged a console error', () => {
    expect(errors).toEqual([])
  })
})
