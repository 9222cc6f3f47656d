/**
 * Drill-through in Chromium (issue 14 item 4) and the commune chair's home (issue 18): on the real server
 * with simulator data pulled through the ETL, a count on the commune page and on the overview opens the
 * list of its dossiers whose total is that count; the list exports to CSV with one line per dossier; a
 * commune user's home shows their worklist by officer (its counts open their lists), their commune's name
 * in the header and a menu link to their commune; no page overflows a 390 px phone. Screenshots at
 * 1440×900 and 390×844 go to docs/screenshots/.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  browserAvailable,
  openPage,
  parseVi,
  phoneContext,
  screenshot,
  signIn,
  startBrowserSession,
  watchErrors,
  type App,
  type BrowserSession,
} from '../support/browser.ts'
import { createUser } from '../../app/auth/users.server.ts'
import { getWorklist } from '../../app/kpi/dossiers.server.ts'

const run = browserAvailable()
const H = '18880' // Phường Đồng Hới

let session: BrowserSession
let app: App
let browser: Browser
let page: Page
let errors: string[] = []

const open = (p: string, waitFor?: string) => openPage(page, `${app.url}${p}`, waitFor)
const drillTotal = async (p: Page) => Number(await p.getAttribute('[data-testid="drill-total"]', 'data-value'))
const overflow = (p: Page) => p.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth))

describe.skipIf(!run)('drill-through and the commune home in Chromium', () => {
  beforeAll(async () => {
    session = await startBrowserSession({ days: 20 })
    ;({ app, browser, page, errors } = session)
    await page.setViewportSize({ width: 1440, height: 900 })
  }, 600_000)
  afterAll(() => session?.close())

  it('a commune tile opens its dossiers: the list total is the tile, and the CSV has one line per dossier', async () => {
    await open(`/communes/${H}`, '[data-kpi="overdue"]')
    const shown = Number(await page.getAttribute('[data-kpi="overdue"] .tile-value', 'data-value'))
    expect(shown).toBeGreaterThan(0)
    await Promise.all([page.waitForURL(/\/dossiers\?/), page.click('a[data-kpi="overdue"]')])
    await page.waitForSelector('[data-testid="drill-total"]')
    expect(new URL(page.url()).searchParams.get('class')).toBe('in_process_overdue')
    expect(await drillTotal(page)).toBe(shown)
    expect(await page.locator('[data-testid="dossiers-table"] tbody tr').count()).toBe(Math.min(shown, 50))
    // Sorted on the server by working days overdue, most first.
    await page.click('th a[data-sort="overdueDays"]')
    await page.waitForSelector('th[aria-sort="ascending"] a[data-sort="overdueDays"]')
    await page.waitForLoadState('networkidle')
    await page.click('th a[data-sort="overdueDays"]')
    await page.waitForSelector('th[aria-sort="descending"] a[data-sort="overdueDays"]')
    await page.waitForLoadState('networkidle')
    const days = (await page.locator('td[data-col="overdueDays"]').allTextContents()).map(parseVi)
    expect(days).toEqual([...days].sort((a, b) => b - a))
    await screenshot(page, 'dossiers-1440')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-export="csv"]')])
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')
    const lines = csv.split('\r\n').filter((l) => l !== '')
    expect(lines[0]!.split(';')[0]).toBe('Mã hồ sơ')
    expect(lines.length - 1).toBe(shown)
    expect(errors).toEqual([])
  }, 180_000)

  it('an overview table count opens the same commune’s list with the same total', async () => {
    await open('/', '#commune-table')
    const cell = page.locator(`tr[data-commune="${H}"] a[data-drill="received"]`)
    const shown = parseVi(await cell.innerText())
    await Promise.all([page.waitForURL(/class=received/), cell.click()])
    await page.waitForSelector('[data-testid="drill-total"]')
    expect(await drillTotal(page)).toBe(shown)
    expect(errors).toEqual([])
  }, 120_000)

  it('a commune user lands on their worklist by officer, their commune named, and cannot open another commune', async () => {
    const email = 'chutich@example.vn'
    await createUser(app.stores, { email, password: app.password, roles: ['commune'], communeCode: H }, { actor: 'test', ip: null })
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', acceptDownloads: true })
    const errs = watchErrors(ctx)
    const p = await ctx.newPage()
    await signIn(p, { url: app.url, email, password: app.password })
    await openPage(p, `${app.url}/`, '[data-testid="worklist-summary"]')
    expect(await p.innerText('.user-menu')).toContain('Phường Đồng Hới')
    expect(await p.innerText('.user-menu')).not.toContain('Mã xã')
    expect(await p.getAttribute('[data-testid="nav-my-commune"]', 'href')).toMatch(new RegExp(`^/communes/${H}`))
    const w = await getWorklist(app.stores, H)
    const overdue = Number(await p.getAttribute('[data-testid="worklist-summary"] [data-value]', 'data-value'))
    expect(overdue).toBe(w.overdue)
    expect(await p.locator('.worklist-officer').count()).toBe(w.byOfficer.length)
    expect(await p.locator('[data-testid="home-compare"] td[data-rank]').count()).toBe(7)
    await screenshot(p, 'commune-home-1440')
    await Promise.all([
      p.waitForURL(/class=in_process_overdue/),
      p.click('[data-testid="worklist-summary"] a[data-drill="in_process_overdue"]'),
    ])
    await p.waitForSelector('[data-testid="drill-total"]')
    expect(await drillTotal(p)).toBe(w.overdue)
    const other = await p.goto(`${app.url}/dossiers?commune=18871&class=received`)
    expect(other?.status()).toBe(403)
    // Phone: no page wider than the viewport.
    const phone = await phoneContext(browser, ctx)
    const pp = await phone.newPage()
    for (const [url, name] of [
      ['/', 'commune-home-390'],
      [`/dossiers?commune=${H}&class=in_process_overdue`, 'dossiers-390'],
      [`/communes/${H}`, null],
    ] as const) {
      await openPage(pp, `${app.url}${url}`)
      expect({ url, overflow: await overflow(pp) }).toEqual({ url, overflow: 0 })
      if (name) await screenshot(pp, name)
    }
    await phone.close()
    await ctx.close()
    expect(errs.filter((e) => !/403/.test(e))).toEqual([])
  }, 240_000)
})
