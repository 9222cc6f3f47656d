/**
 * "Chạy ngay" followed live (issue #18 item 4): POST /data/run answers at once and the run goes on; GET
 * /data/run/status says it is running (records read, pages, seconds), then its result; the server-rendered page
 * shows the progress with a no-JavaScript refresh, then the result in words. Real server, chDB + PGlite, a slow
 * test source of 6 pages of 5 dossiers.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../db/pg/schema/index.ts'
import type { RunStatus } from '../app/dashboard/data-health.server.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

let src: SourceServer
let app: TestServer
let it_: HttpClient

const status = async (job: string) => (await (await it_.get(`/data/run/status?job=${job}`)).json()) as RunStatus
const text = async (path: string) => (await (await it_.get(path)).text()).replaceAll('<!-- -->', '')

beforeAll(async () => {
  src = await startSourceServer()
  src.set(
    'dossiers',
    Array.from({ length: 30 }, (_, i) =>
      dossier({ MaHoSo: `HS-P${String(i).padStart(2, '0')}`, CapNhatLuc: `2026-03-02T08:${String(i).padStart(2, '0')}:00+07:00` }),
    ),
  )
  src.slow(400, 5)
  app = await startTestServer({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'warn' })
  it_ = await app.signIn(['it'])
})
afterAll(async () => {
  await app?.close()
  await src?.close()
})

describe('run now, followed live', () => {
  it('the status route: 404 for no such job; a job that never ran is not running and has no last run', async () => {
    const none = await it_.get('/data/run/status?job=khong-co')
    expect(none.status).toBe(404)
    const r = await it_.get('/data/run/status?job=dossiers')
    expect(r.headers.get('cache-control')).toBe('no-store')
    expect(await r.json()).toEqual({ job: 'dossiers', running: false, live: null, last: null })
    expect((await app.client().get('/data/run/status?job=dossiers')).status).toBe(302) // signed out: to the sign-in page
  })

  it('answers at once, shows the run going on (with a refresh for no JavaScript), refuses a second, then the result', async () => {
    const t0 = Date.now()
    const res = await it_.post('/data/run', { job: 'dossiers' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/data?ran=dossiers#jobs')
    expect(Date.now() - t0).toBeLessThan(2000) // six pages at 400 ms each take longer than that

    const during = await status('dossiers')
    expect(during.running).toBe(true)
    expect(during.live).toMatchObject({ trigger: 'ui' })
    expect(during.live!.elapsedS).toBeGreaterThanOrEqual(0)
    const page = await text('/data?ran=dossiers')
    expect(page).toMatch(/data-testid="run-progress" data-job="dossiers" data-state="running"/)
    expect(page).toContain('Đang chạy dossiers')
    expect(page).toMatch(/<noscript><meta http-equiv="refresh" content="2"\/><\/noscript>/)
    expect((await it_.post('/data/run', { job: 'dossiers' })).status).toBe(409)

    const seen: number[] = []
    let last = during
    while (last.running) {
      if (last.live) seen.push(last.live.read)
      await new Promise((r) => setTimeout(r, 150))
      last = await status('dossiers')
    }
    expect(seen.some((n) => n > 0 && n < 30)).toBe(true) // a count part-way through was seen
    expect(seen).toEqual([...seen].sort((a, b) => a - b)) // never backwards
    expect(last.live).toBeNull()
    expect(last.last).toMatchObject({ status: 'ok', trigger: 'ui', read: 30, loaded: 30, rejected: 0, error: null })

    const after = await text('/data?ran=dossiers')
    expect(after).toMatch(/data-testid="run-progress" data-job="dossiers" data-state="done"/)
    expect(after).toMatch(
      /dossiers chạy xong lúc \d{2}:\d{2}(:\d{2})? \d{2}\/\d{2}\/\d{4} \([\d,]+ giây\): đọc 30, nạp 30, loại 0 bản ghi\./,
    )
    expect(after).not.toMatch(/data-job="dossiers" data-state="running"/) // (the rollups it asked for may be running)
    const audits = await app.stores.pg.db.select().from(auditLog).where(eq(auditLog.action, 'job.run'))
    expect(audits.map((a) => [a.actor, a.target, a.detail])).toEqual([[it_.email, 'dossiers', { read: 30, loaded: 30, rejected: {} }]])
  })
})
