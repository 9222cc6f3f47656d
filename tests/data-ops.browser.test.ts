/**
 * The data page for IT in a real Chromium (issue #18 item 4): "Chạy ngay" shows the run's progress live, then its
 * result in words without a reload; old units are listed with the lineage's suggestion, mapped, and their rejects
 * run again; freshness per commune. A slow test source (3 records a page, 700 ms a page) makes the run observable.
 * Screenshots at 1440×900 and 390×844 go to docs/screenshots/data-ops-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  browserAvailable,
  launchBrowser,
  openPage,
  phoneContext,
  screenshot,
  SCREENSHOTS,
  signIn,
  startApp,
  watchErrors,
  type App,
} from './support/browser.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'

const run = browserAvailable()
let src: SourceServer
let app: App
let browser: Browser
let context: BrowserContext
let page: Page
let errors: string[]

const hour = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

describe.skipIf(!run)('the data page: live run, old units, freshness per commune', () => {
  beforeAll(async () => {
    src = await startSourceServer()
    src.set('dossiers', [
      dossier({ MaHoSo: 'HS-B1', MaDonVi: '18880', CapNhatLuc: hour(2) }),
      dossier({ MaHoSo: 'HS-B2', MaDonVi: 'UBND huyện Minh Hóa', CapNhatLuc: hour(3) }),
      dossier({ MaHoSo: 'HS-B3', MaDonVi: 'UBND huyện Minh Hóa', CapNhatLuc: hour(3) }),
      dossier({ MaHoSo: 'HS-B4', MaDonVi: 'Văn phòng lạ', CapNhatLuc: hour(3) }),
    ])
    for (const r of ['ratings', 'complaints', 'queue-tickets']) src.set(r, [])
    app = await startApp({ days: 3, env: { TTHC_SOURCE_URL: src.url, DEMO: 'off' } })
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })
    errors = watchErrors(context)
    page = await context.newPage()
    await signIn(page, app)
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await src?.close()
  })

  it('run now: the progress shows while the run goes on, then the result, without a reload', async () => {
    src.add('dossiers', ...Array.from({ length: 12 }, (_, i) => dossier({ MaHoSo: `HS-L${i}`, MaDonVi: '18880', CapNhatLuc: hour(1) })))
    src.slow(700, 3)
    await openPage(page, `${app.url}/data`)
    await Promise.all([page.waitForURL(/ran=dossiers/), page.click('[data-testid="run-dossiers"]')])
    const running = page.locator('[data-testid="run-progress"][data-job="dossiers"][data-state="running"]')
    await running.waitFor({ timeout: 10_000 })
    await expect.poll(async () => running.textContent(), { timeout: 10_000 }).toMatch(/Đang chạy dossiers: đã đọc [1-9]\d* bản ghi/)
    await screenshot(page, 'data-ops-running-1440', 900)
    const done = page.locator('[data-testid="run-progress"][data-job="dossiers"][data-state="done"]')
    await done.waitFor({ timeout: 60_000 })
    expect(await done.textContent()).toMatch(/dossiers chạy xong lúc .*: đọc \d+, nạp \d+, loại \d+ bản ghi\./)
    src.slow(0)
  })

  it('old units: listed with the suggestion, mapped and run again; the result is said in words', async () => {
    await openPage(page, `${app.url}/data#units`)
    const row = page.locator('[data-testid="units-table"] tr[data-unit="UBND huyện Minh Hóa"]')
    await row.waitFor()
    expect(await row.locator('select').inputValue()).toBe('18901') // prefilled: xã Minh Hóa, named after the district
    expect(await row.textContent()).toContain('Gợi ý: Xã Minh Hóa (xã mới mang tên đơn vị cũ)')
    await page.locator('#units').screenshot({ path: `${SCREENSHOTS}/data-ops-units-1440.png` })
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('[data-testid="rerun-rejects"]')])
    const result = page.locator('[data-testid="rerun-result"]')
    await result.waitFor()
    expect(await result.textContent()).toContain('Đã chạy lại 3 bản ghi bị từ chối: nạp 2 hồ sơ (2 bản ghi); 1 bản ghi vẫn bị từ chối.')
    await page.locator('[data-testid="units-table"] tr[data-unit="UBND huyện Minh Hóa"]').waitFor({ state: 'detached' })
  })

  it('freshness per commune: Đồng Hới heard from, the others flagged silent', async () => {
    await openPage(page, `${app.url}/data#communes`)
    expect(await page.locator('[data-testid="fresh-summary"]').textContent()).toMatch(/^\d+\/78 xã không gửi dữ liệu hồ sơ quá 72 giờ$/)
    expect(await page.locator('[data-testid="commune-freshness"] tr[data-commune="18880"]').getAttribute('data-silent')).toBe('no')
    expect(await page.locator('[data-testid="commune-freshness"] tr[data-commune="19742"]').getAttribute('data-silent')).toBe('yes')
    await page.locator('#communes').screenshot({ path: `${SCREENSHOTS}/data-ops-communes-1440.png` })
  })

  it('on a phone the data page fits, and its tables are cards', async () => {
    const phone = await phoneContext(browser, context)
    const p = await phone.newPage()
    await openPage(p, `${app.url}/data`)
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    const display = await p.evaluate(() => getComputedStyle(document.querySelector('[data-testid="commune-freshness"] tbody tr')!).display)
    expect(display).toBe('block')
    await p.locator('#units').screenshot({ path: `${SCREENSHOTS}/data-ops-units-390.png` })
    await p.locator('#communes').screenshot({ path: `${SCREENSHOTS}/data-ops-communes-390.png` })
    await screenshot(p, 'data-ops-390', 1600)
    await phone.close()
    expect(errors).toEqual([])
  })
})
