/**
 * The decision tools as their users drive them, in Debian's Chromium against the real server (45 days of
 * simulator data through the real ETL jobs):
 *  - Home Affairs: propose a reallocation, see its predicted effect, remove a move (what-if: the figures follow
 *    at once), save the edit, accept with a reason → the assignments and the audit entry are written;
 *  - Finance: a ceiling → the optimal plan beside the equal and need-proportional splits, save the optimal one,
 *    download it as XLSX (its grand total is the plan's), approve it;
 *  - leadership: a KPI breach becomes an action with an owner and a due date, then is marked done.
 * Every figure on a page is compared with the same server function's result. Screenshots go to docs/screenshots/.
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  browserAvailable,
  openPage,
  phoneContext,
  screenshot,
  SCREENSHOTS,
  startBrowserSession,
  watchErrors,
  type App,
  type BrowserSession,
} from '../support/browser.ts'
import { instanceOf, planView, slimEvaluation } from '../../app/planning/planner.server.ts'
import { evaluatePlan } from '../../app/planning/evaluate.ts'
import { budgetComparison, parseBudgetParams } from '../../app/planning/budget-page.server.ts'
import { listBreaches } from '../../app/planning/actions.server.ts'
import { actions, assignments, auditLog, budgetPlanLines, budgetPlans, staffingPlanMoves, staffingPlans } from '../../db/pg/schema/index.ts'
import { fmtInt, fmtNum, fmtVnd } from '../../app/i18n/format.ts'
import { worseCommunes } from '../../app/planning/decision.ts'
import JSZip from 'jszip'

const run = browserAvailable()

let session: BrowserSession
let app: App
let browser: Browser
let context: BrowserContext
let page: Page
let errors: string[] = []
let acceptedId = 0
const open = (p: string, waitFor?: string) => openPage(page, `${app.url}${p}`, waitFor)
/** Pages opened by the tests above, revisited on a phone. */
const visited: string[] = []
const text = async (selector: string) => ((await page.textContent(selector)) ?? '').trim()

describe.skipIf(!run)('decision tools in Chromium', () => {
  beforeAll(async () => {
    session = await startBrowserSession({ days: 45 })
    ;({ app, browser, context, page, errors } = session)
  }, 600_000)

  afterAll(() => session?.close())

  it('Home Affairs: propose a reallocation, remove a move and see the effect at once, save, accept with a reason', async () => {
    await open('/staffing/plan', '[data-testid="propose-form"]')
    await Promise.all([page.waitForURL(/[?&]plan=\d+/), page.click('[data-testid="propose-form"] button[type="submit"]')])
    const id = Number(new URL(page.url()).searchParams.get('plan'))
    visited.push(`/staffing/plan?plan=${id}`)
    await page.waitForSelector('[data-testid="province-effect"]')
    const view = await planView(app.stores, id)
    expect(view.moves.length).toBeGreaterThan(1)
    expect(await page.locator('[data-testid="moves"] tbody tr').count()).toBe(view.moves.length)
    // Fields of work by name ("Đất đai"), never by code.
    expect(await page.textContent('[data-testid="moves"] tbody')).not.toMatch(
      /dat_dai|ho_tich|chung_thuc|kinh_doanh|xay_dung|bao_tro_xa_hoi/,
    )
    const lateTile = '[data-testid="province-effect"] [data-kpi="late"] .tile-value'
    const shows = (e: typeof view.evaluation) => `${fmtNum(e.before.province.late, 1, 'vi')} → ${fmtNum(e.after.province.late, 1, 'vi')}`
    expect(await text(lateTile)).toBe(shows(view.evaluation))
    expect(view.evaluation.after.province.late!).toBeLessThan(view.evaluation.before.province.late!)
    await screenshot(page, 'ke-hoach-nhan-su')

    // What-if: without the first move, the page shows the model's figures for the rest, without a reload.
    const rest = view.moves.slice(1)
    const { instance } = await instanceOf(app.stores, id, view.params)
    const expected = slimEvaluation(evaluatePlan(instance, rest))
    await page.locator('[data-testid="moves"] tbody tr').first().locator('button.btn-danger').click()
    await expect.poll(() => text(lateTile), { timeout: 30_000 }).toBe(shows(expected))
    expect(await page.locator('[data-testid="moves"] tbody tr').count()).toBe(rest.length)

    // Save the edit, then accept: one new assignment per move, the plan accepted, one audit entry.
    await page.click('form:has(input[name="intent"][value="save"]) button[type="submit"]')
    await expect
      .poll(async () => (await app.stores.pg.db.select().from(staffingPlanMoves).where(eq(staffingPlanMoves.planId, id))).length, {
        timeout: 30_000,
      })
      .toBe(rest.length)
    const reason = 'Điều động theo đề xuất của Sở Nội vụ (kiểm thử)'
    await page.fill('[data-testid="accept-form"] textarea[name="reason"]', reason)
    // The communes the plan makes worse are listed before accepting, and must be acknowledged.
    const worse = worseCommunes((await planView(app.stores, id)).evaluation)
    expect(await page.locator('[data-testid="worse-warning"] li').count()).toBe(worse.length)
    if (worse.length) await page.check('[data-testid="accept-form"] input[name="acknowledgeWorse"]')
    await page.click('[data-testid="accept-form"] button[type="submit"]')
    await page.waitForSelector('[data-testid="flash"].flash-ok')
    const [plan] = await app.stores.pg.db.select().from(staffingPlans).where(eq(staffingPlans.id, id))
    expect(plan).toMatchObject({ status: 'accepted', reason, acceptedBy: app.email })
    const opened = await app.stores.pg.db.select().from(assignments).where(eq(assignments.reason, reason))
    expect(opened.map((a) => [a.officerId, a.communeCode]).sort()).toEqual(rest.map((m) => [m.officerId, m.to]).sort())
    const audits = await app.stores.pg.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reallocation.accept'), eq(auditLog.target, `staffing_plan:${id}`)))
    expect(audits).toHaveLength(1)
    expect(audits[0]!.actor).toBe(app.email)
    acceptedId = id
  }, 240_000)

  it('the accepted plan reads as a decision: names not ids, a draft decision DOCX, the moves on the commune page', async () => {
    const view = await planView(app.stores, acceptedId)
    await open(`/staffing/plan?plan=${acceptedId}`, '[data-testid="moves"]')
    const shown = await text('[data-testid="moves"] tbody')
    for (const m of view.moves) {
      expect(shown).toContain(view.officerNames[m.officerId]!)
      expect(shown).not.toContain(m.officerId)
    }
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="decision-docx"]')])
    const xml = await (await JSZip.loadAsync(fs.readFileSync(await dl.path()))).file('word/document.xml')!.async('string')
    for (const m of view.moves) expect(xml).toContain(view.officerNames[m.officerId]!)
    await screenshot(page, 'quyet-dinh-dieu-dong')
    const to = view.moves[0]!.to
    await open(`/communes/${to}`, '[data-testid="commune-moves"]')
    const inbound = view.moves.filter((m) => m.to === to).length
    expect(await page.locator('[data-testid="commune-moves"] tr[data-direction="in"]').count()).toBe(inbound)
    await page.locator('#moves').screenshot({ path: `${SCREENSHOTS}/xa-dieu-dong-den-di.png` })
    for (const [path, name] of [
      ['/reports', 'bao-cao-dinh-ky'],
      ['/data', 'du-lieu-nhap-tep'],
    ] as const) {
      await open(path)
      await screenshot(page, name)
    }
    const phone = await phoneContext(browser, context)
    const p = await phone.newPage()
    for (const [path, name] of [
      [`/staffing/plan?plan=${acceptedId}`, 'quyet-dinh-dieu-dong-dien-thoai'],
      ['/reports', 'bao-cao-dinh-ky-dien-thoai'],
      ['/data', 'du-lieu-nhap-tep-dien-thoai'],
    ] as const) {
      await openPage(p, `${app.url}${path}`)
      expect({ path, overflow: await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) }).toEqual({
        path,
        overflow: 0,
      })
      await screenshot(p, name, 2400)
    }
    await phone.close()
  }, 240_000)

  it('Finance: a ceiling gives the optimal plan beside the splits; saved, downloaded as XLSX with the same total, approved', async () => {
    await open('/equipment/budget', '[data-testid="budget-form"]')
    await page.fill('[data-testid="budget-form"] input[name="ceiling"]', '2.000.000.000')
    await Promise.all([page.waitForURL(/ceiling=/), page.click('[data-testid="budget-form"] button[type="submit"]')])
    await page.waitForSelector('[data-testid="budget-summary"]')
    const params = parseBudgetParams(new URL(page.url()).searchParams)
    if (!params?.ok) throw new Error(`the page's URL does not parse: ${JSON.stringify(params)}`)
    expect(params.data.ceiling).toBe(2_000_000_000)
    visited.push(`/equipment/budget${new URL(page.url()).search}`)
    const c = await budgetComparison(app.stores, params.data)
    const s = Object.fromEntries(c.summaries.map((x) => [x.method, x]))
    const row = (n: number) => page.locator('[data-testid="budget-summary"] tbody tr').nth(n).locator('td').allTextContents()
    const methods = ['optimal', 'equal', 'proportional'] as const
    expect(await row(0)).toEqual(methods.map((m) => fmtVnd(s[m]!.spentVnd, 'vi')))
    expect(await row(1)).toEqual(methods.map((m) => fmtNum(s[m]!.weightedClosed, 1, 'vi')))
    expect(await row(3)).toEqual(methods.map((m) => fmtInt(s[m]!.unitsClosed, 'vi')))
    expect(s.optimal!.spentVnd).toBeLessThanOrEqual(2_000_000_000)
    expect(s.optimal!.weightedClosed).toBeGreaterThanOrEqual(Math.max(s.equal!.weightedClosed, s.proportional!.weightedClosed))
    await screenshot(page, 'ngan-sach', 2400)

    await Promise.all([page.waitForURL(/[?&]plan=\d+/), page.click('[data-testid="budget-summary"] button.btn-primary')])
    const id = Number(new URL(page.url()).searchParams.get('plan'))
    const lines = await app.stores.pg.db.select().from(budgetPlanLines).where(eq(budgetPlanLines.planId, id))
    expect(lines).toHaveLength(c.optimalLines.length)
    expect(lines.reduce((x, l) => x + l.amountVnd, 0)).toBe(s.optimal!.spentVnd)

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[href="/equipment/budget/${id}/xlsx"]`)])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    let grand: unknown = null
    ws.eachRow((r) => {
      if (
        String(r.getCell(1).value ?? '')
          .trim()
          .toUpperCase() === 'TỔNG CỘNG'
      )
        grand = r.getCell(7).value
    })
    expect(grand).toMatchObject({ result: s.optimal!.spentVnd })

    await page.click('#saved form:has(input[name="intent"][value="approve"]) button[type="submit"]')
    await page.waitForSelector('[data-testid="flash"].flash-ok')
    const [plan] = await app.stores.pg.db.select().from(budgetPlans).where(eq(budgetPlans.id, id))
    expect(plan).toMatchObject({ status: 'approved', approvedBy: app.email, method: 'optimal', ceilingVnd: 2_000_000_000 })
  }, 240_000)

  it('Leadership: a KPI breach becomes an action with an owner and a due date, then is marked done; breaches filter by KPI', async () => {
    await open('/actions', '[data-testid="breaches-table"]')
    visited.push('/actions')
    const breach = page.locator('[data-testid="breaches-table"] tbody tr:has(form)').first()
    const commune = await breach.getAttribute('data-commune')
    const kpi = await breach.getAttribute('data-kpi')
    expect(commune).toMatch(/^\d{5}$/)
    // One line per breach: its form opens on demand.
    expect(await breach.locator('input[name="owner"]').isVisible()).toBe(false)
    await breach.locator('summary').click()
    await breach.locator('input[name="owner"]').fill('Nguyễn Thị Lan')
    await breach.locator('input[name="dueDate"]').fill('2026-12-31')
    await breach.locator('button[type="submit"]').click()
    await page.waitForSelector('[data-testid="flash"].flash-ok')
    const [created] = await app.stores.pg.db
      .select()
      .from(actions)
      .where(and(eq(actions.communeCode, commune!), eq(actions.kpi, kpi!)))
    expect(created).toMatchObject({ owner: 'Nguyễn Thị Lan', dueDate: '2026-12-31', status: 'open', createdBy: app.email })
    expect(created!.valueAtOpen).not.toBeNull()
    const row = page.locator(`[data-testid="actions-table"] tr[data-action="${created!.id}"]`)
    await expect(row.textContent()).resolves.toContain('Nguyễn Thị Lan')
    await screenshot(page, 'viec-can-lam', 2400)

    await row.locator('select[name="status"]').selectOption('done')
    await row.locator('button[type="submit"]').click()
    await expect
      .poll(async () => (await app.stores.pg.db.select().from(actions).where(eq(actions.id, created!.id)))[0]!.status, { timeout: 30_000 })
      .toBe('done')

    // The breaches list filters by KPI; its title counts what it shows.
    const expected = (await listBreaches(app.stores, 'all')).filter((b) => b.kpi === kpi)
    await Promise.all([page.waitForURL(/[?&]kpi=/), page.selectOption('#breaches select[name="kpi"]', kpi!)])
    const rows = page.locator('[data-testid="breaches-table"] tbody tr')
    await expect.poll(() => rows.count()).toBe(expected.length)
    expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kpi'))))).toEqual(new Set([kpi]))
    expect(await text('#breaches h2')).toBe(`Cảnh báo và chỉ tiêu chưa đạt (${fmtInt(expected.length, 'vi')})`)
  }, 120_000)

  it('a phone shows the three pages without horizontal overflow (wide tables scroll inside their box)', async () => {
    const phone = await phoneContext(browser, context)
    const errs = watchErrors(phone)
    const p = await phone.newPage()
    expect(visited).toHaveLength(3)
    for (const url of visited) {
      await openPage(p, `${app.url}${url}`)
      expect({ url, overflow: await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) }).toEqual({
        url,
        overflow: 0,
      })
      if (url.startsWith('/staffing/plan')) await screenshot(p, 'ke-hoach-nhan-su-dien-thoai', 2400)
    }
    await phone.close()
    expect(errs).toEqual([])
  }, 120_000)

  it('no page logged a console error', () => {
    expect(errors).toEqual([])
  })
})
