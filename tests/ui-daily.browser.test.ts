/**
 * Issue 18 in Chromium: each role's daily friction, on the real server with 40 days of simulator data.
 * The custom period with and without JavaScript (dd/mm/yyyy text fields, the dates are used); the current
 * month marked partial on the monthly chart; the map's indicator switch runs no page loader; the ceiling takes
 * "2 tỷ"; an administrator's brand link and pages live in the app's frame; the first pull shows "Đang tải dữ
 * liệu lần đầu" instead of zeros; the as-of time on every page; every bar of a bar chart labelled.
 */
import ExcelJS from 'exceljs'
import { and, desc, eq, inArray, max } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserAvailable, openPage, parseVi, signIn, startBrowserSession, type App, type BrowserSession } from './support/browser.ts'
import { getBacklog, getStaffingNeed } from '../app/kpi/index.server.ts'
import { createUser } from '../app/auth/users.server.ts'
import { addDays, toLocalYmd } from '../db/lib/workdays.ts'
import { communes, etlRuns } from '../db/pg/schema/index.ts'

const run = browserAvailable()
let session: BrowserSession
let app: App
let page: Page
const vi = (ymd: string) => ymd.split('-').reverse().join('/')
const open = (p: string, waitFor?: string) => openPage(page, `${app.url}${p}`, waitFor)

describe.skipIf(!run)('daily work in Chromium (issue 18)', () => {
  beforeAll(async () => {
    session = await startBrowserSession({ days: 40 })
    ;({ app, page } = session)
  }, 600_000)

  afterAll(() => session?.close())

  it('"Tùy chọn" shows dd/mm/yyyy fields, waits for the dates and uses them (with JavaScript)', async () => {
    await open('/', '[data-kpi="backlog"]')
    await expect(page.isVisible('[data-testid="period-from"]')).resolves.toBe(false)
    const before = page.url()
    await page.selectOption('select[name="period"]', 'custom')
    await page.waitForSelector('[data-testid="period-from"]', { state: 'visible' })
    expect(page.url()).toBe(before) // choosing "Tùy chọn" no longer submits empty dates
    expect(await page.getAttribute('[data-testid="period-from"]', 'type')).toBe('text')
    expect(await page.getAttribute('[data-testid="period-from"]', 'placeholder')).toBe('dd/mm/yyyy')
    const today = toLocalYmd(new Date())
    const from = addDays(today, -20)
    const to = addDays(today, -10)
    await page.fill('[data-testid="period-from"]', vi(from))
    await page.fill('[data-testid="period-to"]', vi(to))
    await Promise.all([page.waitForURL(/period=custom/), page.click('.filter-bar button[type="submit"]')])
    await page.waitForSelector(`[data-testid="period-text"]:has-text("${vi(from)} – ${vi(to)}")`)
    const b = await getBacklog(app.stores, { from, to })
    expect(parseVi((await page.textContent('[data-testid="overview-totals"] [data-total="received"]')) ?? '')).toBe(b.received)
    await expect(page.inputValue('[data-testid="period-from"]')).resolves.toBe(vi(from))
    // Dates that cannot be used are said so, and shown back as typed.
    await open('/?period=custom&from=31/02/2026&to=01/03/2026', '[data-testid="period-error"]')
    await expect(page.textContent('[data-testid="period-error"]')).resolves.toContain('dd/mm/yyyy')
    await expect(page.inputValue('[data-testid="period-from"]')).resolves.toBe('31/02/2026')
  }, 120_000)

  it('"Tùy chọn" works without JavaScript too', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN', viewport: { width: 1440, height: 900 } })
    const p = await context.newPage()
    await signIn(p, app)
    await p.goto(`${app.url}/`)
    await expect(p.isVisible('[data-testid="period-from"]')).resolves.toBe(false)
    await p.selectOption('select[name="period"]', 'custom')
    await expect(p.isVisible('[data-testid="period-from"]')).resolves.toBe(true) // CSS :has, no script
    const today = toLocalYmd(new Date())
    await p.fill('[data-testid="period-from"]', vi(addDays(today, -14)))
    await p.fill('[data-testid="period-to"]', vi(addDays(today, -7)))
    await Promise.all([p.waitForURL(/period=custom/), p.click('.filter-bar button[type="submit"]')])
    await expect(p.textContent('[data-testid="period-text"]')).resolves.toContain(`${vi(addDays(today, -14))} – ${vi(addDays(today, -7))}`)
    await context.close()
  }, 120_000)

  it('the monthly history marks the current month partial; its Excel export downloads; the ageing chart keeps "11–20"', async () => {
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    await open(`/communes/${c!.code}`, '#history')
    await page.waitForSelector('#history .recharts-surface')
    const today = toLocalYmd(new Date())
    await expect(page.textContent('#history [data-testid="partial-note"]')).resolves.toContain(
      `${vi(`${today.slice(0, 7)}-01`)} – ${vi(today)}`,
    )
    // A long label wraps into several <tspan>s: read each tick's lines joined by a space.
    const ticks = await page
      .locator('#ageing .recharts-cartesian-axis-tick-value')
      .evaluateAll((els) => els.map((e) => [...e.querySelectorAll('tspan')].map((t) => t.textContent).join(' ')))
    expect(ticks.filter((x) => x.includes('ngày làm việc'))).toEqual([
      '0–5 ngày làm việc',
      '6–10 ngày làm việc',
      '11–20 ngày làm việc',
      'Trên 20 ngày làm việc',
    ])
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="history-xlsx"]')])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await download.path())!)
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(20)
  }, 120_000)

  it('the staffing chart lists only communes actually short, each bar labelled', async () => {
    await open('/staffing', '#gap-chart')
    const toDay = toLocalYmd(new Date())
    const need = await getStaffingNeed(app.stores, { from: addDays(toDay, -29), to: toDay })
    const short = need.perCommune.filter((r) => r.gap !== null && r.gap > 0)
    if (short.length === 0) {
      await expect(page.textContent('[data-testid="none-short"]')).resolves.toContain('Không xã nào thiếu')
      expect(await page.locator('#gap-chart .recharts-bar-rectangle').count()).toBe(0)
    } else {
      await page.waitForSelector('#gap-chart .recharts-cartesian-axis-tick-value')
      // The category axis's ticks are the communes' names; the value axis's are numbers.
      const ticks = await page.locator('#gap-chart .recharts-cartesian-axis-tick-value').allTextContents()
      const labels = ticks.filter((x) => !/^[\d.,\s]+$/.test(x))
      expect(labels).toHaveLength(Math.min(15, short.length))
    }
    await expect(page.textContent('#gap-chart h2')).resolves.toContain(`(${Math.min(15, short.length)})`)
  }, 120_000)

  it('changing the map indicator runs no page loader (only the URL and the map change)', async () => {
    await open('/?period=7d', '[data-testid="choropleth"]')
    const loads: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('.data')) loads.push(r.url())
    })
    await Promise.all([page.waitForURL(/kpi=backlog/), page.selectOption('select[name="kpi"]', 'backlog')])
    await page.waitForSelector('#map-h:has-text("Đang giải quyết")')
    await page.waitForLoadState('networkidle')
    // Single fetch names the loaders it runs (`_routes`); the overview's must not be among them.
    for (const u of loads) expect(decodeURIComponent(new URL(u).searchParams.get('_routes') ?? 'ALL')).not.toMatch(/_index|ALL/)
    page.removeAllListeners('request')
  }, 120_000)

  it('the ceiling takes "2 tỷ" and answers a Vietnamese sentence for "hai tỷ"', async () => {
    await open('/equipment/budget', '[data-testid="budget-form"]')
    await page.fill('input[name="ceiling"]', '2 tỷ')
    await Promise.all([page.waitForURL(/ceiling=/), page.click('[data-testid="budget-form"] button[type="submit"]')])
    await page.waitForSelector('#params')
    expect(await page.locator('[data-testid="params-error"]').count()).toBe(0)
    expect(new URL(page.url()).searchParams.get('ceiling')).toBe('2 tỷ')
    await expect(page.textContent('[data-testid="budget-comparison"]')).resolves.toContain('Mức đáp ứng nhu cầu')
    await open('/equipment/budget?ceiling=hai+t%E1%BB%B7&year=2027', '[data-testid="params-error"]')
    await expect(page.textContent('[data-testid="params-error"]')).resolves.toBe(
      'Trần kinh phí chưa đọc được. Nhập số tiền, ví dụ: 2 tỷ, 500 triệu, 1.500.000.000.',
    )
  }, 120_000)

  it('/equipment has no period filter and says what date its inventory is from', async () => {
    await open('/equipment', '[data-testid="equipment-as-of"]')
    expect(await page.locator('select[name="period"]').count()).toBe(0)
    await expect(page.textContent('[data-testid="equipment-as-of"]')).resolves.toMatch(/ảnh chụp tồn kho.*\d{2}\/\d{2}\/\d{4}/)
  }, 60_000)

  it('an administrator lands on a page they may open, inside the app frame with the menu and the language switch', async () => {
    await createUser(
      app.stores,
      { email: 'quantri@ux.vn', password: 'kiem-thu-quan-tri-2026', roles: ['admin'] },
      { actor: 'test', ip: null },
    )
    const context = await session.browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } })
    const p = await context.newPage()
    await signIn(p, { url: app.url, email: 'quantri@ux.vn', password: 'kiem-thu-quan-tri-2026' })
    await p.waitForSelector('.site-header')
    const brand = await p.getAttribute('.site-header a.brand', 'href')
    expect(brand).toBe('/admin/users')
    const res = await p.goto(`${app.url}${brand}`)
    expect(res?.status()).toBe(200)
    const menu = await p.locator('#site-nav a').allTextContents()
    expect(menu).toEqual(['Cài đặt', 'Quản trị'])
    expect(await p.locator('.site-header .lang-switch, .site-header [aria-label="Ngôn ngữ"]').count()).toBeGreaterThan(0)
    expect(await p.locator('[data-testid="admin-nav"] a').count()).toBe(4)
    await context.close()
  }, 120_000)

  it('the as-of time is on every page; while the first pull runs the pages say so instead of showing zeros', async () => {
    const [{ at }] = (await app.stores.pg.db
      .select({ at: max(etlRuns.startedAt) })
      .from(etlRuns)
      .where(eq(etlRuns.status, 'ok'))) as [{ at: Date | string }]
    await open('/', '[data-testid="as-of"]')
    const shown = (await page.textContent('[data-testid="as-of"]')) ?? ''
    const local = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(at))
    expect(shown).toBe(`Số liệu đến ${local}`)
    // The first pull: rollups never succeeded and the dossiers job is running (the job state the scheduler writes).
    const db = app.stores.pg.db
    const okRollups = await db
      .select({ id: etlRuns.id })
      .from(etlRuns)
      .where(and(eq(etlRuns.job, 'rollups'), eq(etlRuns.status, 'ok')))
      .orderBy(desc(etlRuns.id))
    const ids = okRollups.map((r) => r.id)
    await db.update(etlRuns).set({ status: 'failed' }).where(inArray(etlRuns.id, ids))
    const [runningRow] = await db.insert(etlRuns).values({ job: 'dossiers', status: 'running', trigger: 'schedule' }).returning()
    try {
      await open('/', '[data-testid="first-load"]')
      await expect(page.textContent('[data-testid="first-load"]')).resolves.toContain('Đang tải dữ liệu lần đầu')
      await expect(page.textContent('[data-testid="first-load-progress"]')).resolves.toMatch(
        /Tác vụ đã xong: \d+\/\d+ · đang chạy: dossiers/,
      )
      expect(await page.locator('[data-kpi="overload"]').count()).toBe(0) // no "Xã có nguy cơ quá tải 0"
      await open('/data', '[data-testid="jobs-table"]') // IT's page still shows the runs
    } finally {
      await db.delete(etlRuns).where(eq(etlRuns.id, runningRow!.id))
      await db.update(etlRuns).set({ status: 'ok' }).where(inArray(etlRuns.id, ids))
    }
    await open('/', '[data-kpi="overload"]')
    expect(session.errors).toEqual([])
  }, 120_000)
})
