/**
 * A misbehaving source (500s, a hang, broken JSON, 401) leaves the watermark and the data exactly as they
 * were; transient faults are retried with backoff; a run killed after its first batch committed, then
 * re-run, gives exact counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { desc, eq } from 'drizzle-orm'
import { etlRuns } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import type { PullOptions } from '../etl/job.ts'
import { runJob } from '../etl/runner.ts'
import { SourceHttpError } from '../etl/source/http.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
const job = findJob('dossiers')!
const fast: PullOptions = { pageSize: 2, retries: 2, minBackoffMs: 50, maxBackoffMs: 400, timeoutMs: 300 }
const run = (options: PullOptions = fast, signal?: AbortSignal, progress?: (n: number) => void) =>
  runJob(s, job, { trigger: 'test', options, signal, progress })

const at = (h: number) => `2026-04-01T${String(h).padStart(2, '0')}:00:00+07:00`
const first = [1, 2, 3].map((i) =>
  dossier({ MaHoSo: `HS-F${i}`, NgayTiepNhan: at(i), NgayNopHoSo: at(i), NgayHenTra: '2026-04-10T17:00:00+07:00', CapNhatLuc: at(i) }),
)
const more = [4, 5, 6].map((i) =>
  dossier({ MaHoSo: `HS-F${i}`, NgayTiepNhan: at(i), NgayNopHoSo: at(i), NgayHenTra: '2026-04-10T17:00:00+07:00', CapNhatLuc: at(i) }),
)

async function state() {
  const rs = await s.ch.client.query({
    query: 'SELECT dossier_id, status, toString(updated_at) AS u FROM dossiers FINAL ORDER BY dossier_id',
    format: 'JSONEachRow',
  })
  const rows = await rs.json()
  const rc = await s.ch.client.query({ query: 'SELECT count() AS n FROM dossiers', format: 'JSONEachRow' })
  const wm = await getWatermark(s.pg.db, 'dossiers')
  return { rows, stored: Number(((await rc.json()) as { n: number }[])[0]!.n), watermark: wm?.at.toISOString() ?? null }
}
async function lastRun() {
  const [r] = await s.pg.db.select().from(etlRuns).where(eq(etlRuns.job, 'dossiers')).orderBy(desc(etlRuns.id)).limit(1)
  return r!
}

beforeAll(async () => {
  src = await startSourceServer({ token: 'token-thu-123' })
  src.set('dossiers', first)
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, TTHC_SOURCE_TOKEN: 'token-thu-123', LOG_LEVEL: 'error' })
  const r = await run()
  expect({ read: r.read, loaded: r.loaded, watermark: r.watermark }).toEqual({
    read: 3,
    loaded: 3,
    watermark: '2026-04-01T03:00:00.000+07:00',
  })
  expect(src.requests.every((q) => q.auth === 'Bearer token-thu-123')).toBe(true)
  src.set('dossiers', [...first, ...more])
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('a failing source leaves the watermark and the data unchanged', () => {
  let before: Awaited<ReturnType<typeof state>>
  beforeAll(async () => {
    before = await state()
    expect(before.rows).toHaveLength(3)
  })

  it('500 on every request: retried twice with growing, jittered backoff, then the run fails', async () => {
    src.requests.length = 0
    src.fault({ fault: { kind: 'status', status: 500 } })
    const t0 = Date.now()
    await expect(run()).rejects.toThrow(/source answered 500/)
    expect(src.requests).toHaveLength(3) // 1 + 2 retries
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50 + 100) // backoff ≥ 50 ms then ≥ 100 ms (×1–2 jitter)
    expect(await state()).toEqual(before)
    expect(await lastRun()).toMatchObject({ status: 'failed', read: 0, loaded: 0 })
    expect((await lastRun()).error).toMatch(/500/)
  })

  it('a source that never answers: the per-request timeout fires, retried, then the run fails', async () => {
    src.requests.length = 0
    src.fault({ fault: { kind: 'hang' } })
    await expect(run()).rejects.toThrow(/timed out/)
    expect(src.requests).toHaveLength(3)
    expect(await state()).toEqual(before)
  })

  it('broken JSON: retried, then the run fails', async () => {
    src.requests.length = 0
    src.fault({ fault: { kind: 'broken-json' } })
    await expect(run()).rejects.toThrow(/broken JSON/)
    expect(src.requests).toHaveLength(3)
    expect(await state()).toEqual(before)
  })

  it('page 2 failing for good after page 1 was read: nothing of the run is kept (one batch, not yet inserted)', async () => {
    src.requests.length = 0
    src.fault({ fault: { kind: 'status', status: 503 }, page: 2 })
    await expect(run()).rejects.toThrow(/503/)
    expect(src.requests.map((r) => r.status)).toEqual([200, 503, 503, 503])
    expect(await state()).toEqual(before)
    // Page 1 was fetched but, in the fast lane, not yet checked (its batch waits for more pages): read 0.
    expect(await lastRun()).toMatchObject({ status: 'failed', read: 0, loaded: 0 })
  })

  it('4xx is not retried and says what is wrong', async () => {
    src.requests.length = 0
    src.fault({ fault: { kind: 'status', status: 401 } })
    const err = await run().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SourceHttpError)
    expect((err as SourceHttpError).status).toBe(401)
    expect((err as Error).message).toMatch(/401 Unauthorized \(check TTHC_SOURCE_TOKEN\)/)
    expect(src.requests).toHaveLength(1)
    expect(await state()).toEqual(before)
  })
})

describe('transient faults heal', () => {
  it('one 500 on page 2 is retried and the run completes', async () => {
    src.requests.length = 0
    src.fault({ fault: { kind: 'status', status: 500 }, page: 2, times: 1 })
    const r = await run()
    src.fault(null)
    expect(src.requests.map((q) => q.status)).toEqual([200, 500, 200])
    // since 02:50: HS-F3 … HS-F6
    expect({ read: r.read, loaded: r.loaded, watermark: r.watermark }).toEqual({
      read: 4,
      loaded: 4,
      watermark: '2026-04-01T06:00:00.000+07:00',
    })
    expect((await state()).rows).toHaveLength(6)
  })
})

describe('a run killed mid-batch', () => {
  it('keeps the batch it committed, leaves the watermark, and the re-run gives exact counts', async () => {
    const dossiers = Array.from({ length: 10 }, (_, i) =>
      dossier({
        MaHoSo: `HS-K${String(i).padStart(2, '0')}`,
        TrangThaiHoSo: 4,
        CapNhatLuc: `2026-05-01T08:${String(i).padStart(2, '0')}:00+07:00`,
      }),
    )
    src.set('dossiers', dossiers)
    const wmBefore = (await state()).watermark
    const stop = new AbortController()
    // batches of 4 rows and pages of 4: abort once the first batch is in ClickHouse
    const opts: PullOptions = { ...fast, pageSize: 4, batchRows: 4 }
    await expect(run(opts, stop.signal, (n) => n >= 4 && stop.abort(new Error('killed')))).rejects.toThrow(/aborted/)
    const mid = await state()
    expect(mid.watermark).toBe(wmBefore)
    expect(mid.rows.filter((r) => (r as { dossier_id: string }).dossier_id.startsWith('HS-K'))).toHaveLength(4)
    expect(await lastRun()).toMatchObject({ status: 'failed', loaded: 4 })

    const again = await run(opts)
    expect({ read: again.read, loaded: again.loaded, watermark: again.watermark }).toEqual({
      read: 10,
      loaded: 10,
      watermark: '2026-05-01T08:09:00.000+07:00',
    })
    const after = await state()
    expect(after.rows.filter((r) => (r as { dossier_id: string }).dossier_id.startsWith('HS-K'))).toHaveLength(10)
    expect(after.rows).toHaveLength(16) // HS-F1…F6 and HS-K00…K09, once each
    expect(after.stored).toBeGreaterThanOrEqual(16) // re-inserted versions replace themselves in FINAL
  })
})
