/**
 * The dossiers job against a real HTTP source (tests/support/source-server.ts): duplicates, an older version
 * arriving after a newer one, one record per reject reason, pre-merger units, re-running a window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { etlRejects, etlRuns } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { hashUnit } from '../etl/validate/units.ts'
import { isoVn } from '../db/lib/vn-time.ts'
import {
  ALL_DOSSIERS,
  DAN_HOA,
  DONG_SON,
  DONG_THUAN,
  EXPECTED,
  LAO_BAO,
  TAN_THANH,
  addSplitLineage,
  dossier,
} from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
const job = findJob('dossiers')!
const opts = { pageSize: 5 }
const run = (window = { from: null as Date | null, to: null as Date | null }) => runJob(s, job, { trigger: 'test', window, options: opts })

const Row = z.object({
  dossier_id: z.string(),
  commune_code: z.string(),
  source_unit: z.string(),
  status: z.coerce.number(),
  procedure_name: z.string(),
  online_level: z.string(),
  fee_vnd: z.coerce.number(),
  e_result: z.boolean(),
  synthetic: z.boolean(),
  received_at: z.string().nullable(),
  updated_at: z.string(),
})
async function finalRows() {
  const rs = await s.ch.client.query({
    query: `SELECT dossier_id, commune_code, source_unit, status, procedure_name, online_level, fee_vnd, e_result, synthetic,
                   toString(received_at) AS received_at, toString(updated_at) AS updated_at
            FROM dossiers FINAL ORDER BY dossier_id`,
    format: 'JSONEachRow',
  })
  return z.array(Row).parse(await rs.json())
}
async function count(q: string) {
  const rs = await s.ch.client.query({ query: q, format: 'JSONEachRow' })
  return Number(((await rs.json()) as { n: number }[])[0]!.n)
}

beforeAll(async () => {
  src = await startSourceServer()
  src.set('dossiers', ALL_DOSSIERS)
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'warn' })
  await addSplitLineage(s)
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('dossiers: first pull from the HTTP source', () => {
  it('reads 23 records in pages of 5, loads 11 versions of 9 dossiers, rejects 12 with one reason each', async () => {
    const summary = await run()
    expect({ read: summary.read, loaded: summary.loaded, rejected: summary.rejected, watermark: summary.watermark }).toEqual({
      read: EXPECTED.read,
      loaded: EXPECTED.loaded,
      rejected: EXPECTED.rejected,
      watermark: EXPECTED.watermark,
    })
    // 23 items in pages of 5 = 5 requests; the first from the beginning of time, the rest by cursor.
    expect(src.requests.map((r) => [r.updatedSince, r.cursor !== null, r.limit])).toEqual([
      ['1970-01-01T07:00:00.000+07:00', false, 5],
      ...Array(4).fill(['1970-01-01T07:00:00.000+07:00', true, 5]),
    ])
  })

  it('keeps one row per dossier in FINAL: the newest version wins, duplicates collapse, text is NFC', async () => {
    const rows = await finalRows()
    expect(rows.map((r) => r.dossier_id)).toEqual([
      'HS-0001',
      'HS-0002',
      'HS-0003',
      'HS-2025-0101',
      'HS-2025-0102',
      'HS-2025-0103',
      'HS-2025-0104',
      'HS-2025-0105',
      'HS-2025-0201',
    ])
    const byId = new Map(rows.map((r) => [r.dossier_id, r]))
    expect(byId.get('HS-0001')).toMatchObject({ status: 9, commune_code: DAN_HOA, updated_at: '2026-03-04 10:00:00.000', synthetic: false })
    expect(byId.get('HS-0003')).toMatchObject({
      procedure_name: 'Chứng thực bản sao từ bản chính'.normalize('NFC'),
      online_level: 'toan_trinh',
      fee_vnd: 10000,
      e_result: true,
    })
    expect(byId.get('HS-0003')!.procedure_name).not.toBe('Chứng thực bản sao từ bản chính'.normalize('NFD'))
    expect(await count('SELECT count() AS n FROM dossiers FINAL')).toBe(9)
  })

  it('maps pre-merger units to the new communes through the lineage (merger day 1 July 2025, Asia/Ho_Chi_Minh)', async () => {
    const byId = new Map((await finalRows()).map((r) => [r.dossier_id, r]))
    expect(byId.get('HS-2025-0101')).toMatchObject({ commune_code: DAN_HOA, source_unit: 'Xã Trọng Hóa' })
    expect(byId.get('HS-2025-0102')).toMatchObject({ commune_code: LAO_BAO, received_at: '2025-06-30 16:30:00.000' })
    expect(byId.get('HS-2025-0103')!.commune_code).toBe(LAO_BAO)
    expect(byId.get('HS-2025-0104')!.commune_code).toBe(DAN_HOA)
    expect(byId.get('HS-2025-0105')!.commune_code).toBe(TAN_THANH)
    // a split unit with shares: a stable hash of the dossier id picks the destination (0.25 / 0.75)
    expect(byId.get('HS-2025-0201')!.commune_code).toBe(hashUnit('HS-2025-0201') < 0.25 ? DONG_THUAN : DONG_SON)
  })

  it('keeps every reject in etl_rejects with its raw record and reason, and records the run', async () => {
    const rejects = await s.pg.db.select().from(etlRejects).orderBy(asc(etlRejects.id))
    expect(rejects).toHaveLength(12)
    const reasons: Record<string, number> = {}
    for (const r of rejects) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1
    expect(reasons).toEqual(EXPECTED.rejected)
    const byId = new Map(rejects.map((r) => [r.recordId, r]))
    expect((byId.get('HS-R03')!.raw as { NgayTiepNhan: unknown }).NgayTiepNhan).toBe(45000)
    expect(byId.get('HS-R03')!.detail).toBe('NgayTiepNhan: 45000')
    expect(byId.get('HS-R09')!.detail).toContain(`split into ${DAN_HOA}, ${LAO_BAO}`)
    expect(byId.get('HS-R08')!.reason).toBe('ambiguous_unit')
    expect(byId.get('HS-R11')!.reason).toBe('unknown_unit')
    expect((byId.get('HS-R02')!.raw as { TenTTHC: string }).TenTTHC).toBe('Đăng ký \uFFFD( kết hôn')
    expect(rejects.find((r) => r.reason === 'missing_id')!.recordId).toBeNull()
    const [runRow] = await s.pg.db.select().from(etlRuns).where(eq(etlRuns.job, 'dossiers')).orderBy(asc(etlRuns.id))
    expect(runRow).toMatchObject({
      status: 'ok',
      trigger: 'test',
      read: 23,
      loaded: 11,
      rejected: EXPECTED.rejected,
      error: null,
      source: src.url,
    })
    expect(runRow!.finishedAt!.getTime()).toBeGreaterThanOrEqual(runRow!.startedAt.getTime())
    expect(rejects.every((r) => r.runId === runRow!.id)).toBe(true)
  })

  it('re-running the same window gives identical counts and changes nothing', async () => {
    const before = await finalRows()
    const again = await run({ from: new Date(0), to: null })
    expect({ read: again.read, loaded: again.loaded, rejected: again.rejected, watermark: again.watermark }).toEqual({
      read: 23,
      loaded: 11,
      rejected: EXPECTED.rejected,
      watermark: EXPECTED.watermark,
    })
    expect(await finalRows()).toEqual(before)
    expect(await s.pg.db.$count(etlRejects)).toBe(12) // the same rejects are not stored twice
  })
})

describe('dossiers: the insert path used against a ClickHouse server', () => {
  it('streaming the TabSeparated batch as the INSERT body gives the same rows as INSERT … SELECT FROM file()', async () => {
    const before = await finalRows()
    await s.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
    const summary = await runJob(s, job, {
      trigger: 'test',
      window: { from: new Date(0), to: null },
      options: { ...opts, insertMode: 'stream', batchRows: 4 },
    })
    expect({ read: summary.read, loaded: summary.loaded }).toEqual({ read: 23, loaded: 11 })
    expect(await finalRows()).toEqual(before)
  })
})

describe('dossiers: incremental pulls', () => {
  it('starts 10 minutes before the watermark and does not move it past a rejected record', async () => {
    src.requests.length = 0
    const summary = await run()
    expect(src.requests[0]!.updatedSince).toBe('2026-03-05T14:50:00.000+07:00')
    // HS-0003 (15:00, loaded again) and HS-R07 (rejected, newer): the watermark stays at 15:00
    expect({ read: summary.read, loaded: summary.loaded, rejected: summary.rejected, watermark: summary.watermark }).toEqual({
      read: 2,
      loaded: 1,
      rejected: { unknown_unit: 1 },
      watermark: EXPECTED.watermark,
    })
  })

  it('an older version delivered after a newer one changes nothing; a late new record inside the overlap is picked up', async () => {
    src.add(
      'dossiers',
      // HS-0003 at status 4, stamped 14:55 — older than the 15:00 version already loaded
      dossier({ MaHoSo: 'HS-0003', MaDonVi: DONG_SON, TrangThaiHoSo: 4, CapNhatLuc: '2026-03-05T14:55:00+07:00' }),
      // a record committed late at the source, stamped before the watermark but inside the overlap
      dossier({ MaHoSo: 'HS-0004', CapNhatLuc: '2026-03-05T14:58:00+07:00' }),
    )
    const summary = await run()
    expect({ read: summary.read, loaded: summary.loaded }).toEqual({ read: 4, loaded: 3 })
    const byId = new Map((await finalRows()).map((r) => [r.dossier_id, r]))
    expect(byId.get('HS-0003')).toMatchObject({ status: 10, updated_at: '2026-03-05 15:00:00.000' })
    expect(byId.get('HS-0004')).toMatchObject({ status: 2, commune_code: DAN_HOA })
    expect(byId.size).toBe(10)
    expect((await getWatermark(s.pg.db, 'dossiers'))!.at.toISOString()).toBe('2026-03-05T08:00:00.000Z')
  })

  it('a newer version moves the watermark to its CapNhatLuc', async () => {
    src.add('dossiers', dossier({ MaHoSo: 'HS-0004', TrangThaiHoSo: 4, CapNhatLuc: '2026-03-07T09:30:00+07:00' }))
    const summary = await run()
    expect(summary.watermark).toBe('2026-03-07T09:30:00.000+07:00')
    // the overlap since 14:50 again (3 versions), HS-R07 (03-06) rejected again, HS-0004 (03-07) loaded
    expect({ read: summary.read, loaded: summary.loaded, rejected: summary.rejected }).toEqual({
      read: 5,
      loaded: 4,
      rejected: { unknown_unit: 1 },
    })
    const byId = new Map((await finalRows()).map((r) => [r.dossier_id, r]))
    expect(byId.get('HS-0004')!.status).toBe(4)
  })

  it('a CapNhatLuc a little ahead of our clock is loaded but does not carry the watermark past the run start; one far ahead is rejected', async () => {
    // Within ETL_FUTURE_TOLERANCE (1 day): a source clock running fast. Beyond it (issue #17 item 2): future_date.
    src.add('dossiers', dossier({ MaHoSo: 'HS-FUT', CapNhatLuc: isoVn(Date.now() + 3_600_000) }))
    src.add('dossiers', dossier({ MaHoSo: 'HS-FAR', CapNhatLuc: '2099-01-01T00:00:00+07:00' }))
    const t0 = Date.now()
    const summary = await run()
    expect(summary.loaded).toBe(2) // HS-0004 (at the watermark, re-read) and HS-FUT
    expect(summary.rejected).toEqual({ future_date: 1 })
    const wm = Date.parse(summary.watermark!)
    expect(wm).toBeGreaterThanOrEqual(t0 - 1000)
    expect(wm).toBeLessThanOrEqual(Date.now())
    const ids = (await finalRows()).map((r) => r.dossier_id)
    expect(ids).toContain('HS-FUT')
    expect(ids).not.toContain('HS-FAR')
  })
})
