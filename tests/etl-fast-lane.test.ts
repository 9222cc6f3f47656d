/**
 * The ETL's fast lane (ADR 011) must give exactly what the JS path (zod per record) gives: the same rows, the
 * same rejects with the same reasons, the same summary and watermark. The same source is pulled twice into
 * the same stores — once with the fast lane, once without — and everything is compared. The source holds the
 * fixtures of etl-pull.test.ts plus records that are valid but unusual (the fast lane must hand them to zod)
 * and one page ClickHouse cannot read at all (a number where text belongs: the batch goes through zod).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc } from 'drizzle-orm'
import { etlRejects, etlRuns, etlWatermarks } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import type { JobSummary } from '../etl/job.ts'
import { rawEnvelope } from '../etl/source/raw-page.ts'
import { ALL_DOSSIERS, DAN_HOA, addSplitLineage, dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const at = (m: number) => `2026-04-02T08:${String(m).padStart(2, '0')}:00+07:00`
/** Valid records the fast lane is not sure of, and rejects it must not accept. */
const UNUSUAL = [
  dossier({ MaHoSo: 'HS-U01', TenTTHC: 'Chứng thực bản sao'.normalize('NFD'), CapNhatLuc: at(1) }), // NFD → NFC
  dossier({ MaHoSo: 'HS-U02', MaTTHC: '  1.001193 ', CanBoXuLy: ' CB-1 ', CapNhatLuc: at(2) }), // outer spaces
  dossier({ MaHoSo: 'HS-U03', KenhThucHien: '+2', SoLanBoSung: '1', PhiLePhi: '1e3', SoGioChoBoSung: 12.5, CapNhatLuc: at(3) }), // quoted numbers
  dossier({ MaHoSo: 'HS-U04', NgayTiepNhan: '2026-04-02T01:05:00Z', CapNhatLuc: '2026-04-02T01:04:00Z' }), // another offset
  dossier({ MaHoSo: 'HS-U05', NgayTra: '2026-02-30T10:00:00+07:00', CapNhatLuc: at(5) }), // 30 February → bad_date
  dossier({ MaHoSo: 'HS-U06', CapNhatLuc: '2026-04-02T08:06:00.250+07:00', NgayKetThucXuLy: '2026-04-02T08:06:00.999+07:00' }), // milliseconds
  dossier({ MaHoSo: 'HS-U07', MucDo: '', CoKetQuaDienTu: 1, DaSoHoa: 0, CanBoXuLy: '', CapNhatLuc: at(7) }), // blanks, 0/1 booleans
  dossier({ MaHoSo: 'HS-U08', NgayTra: '2026-04-02T24:00:00+07:00', CapNhatLuc: at(8) }), // 24:00 → bad_date
  dossier({ MaHoSo: 'HS-U09', KenhThucHien: '1.5', CapNhatLuc: at(9) }), // not an integer → bad_enum
  dossier({ MaHoSo: 'HS-U10', PhiLePhi: -5, CapNhatLuc: at(10) }), // negative → bad_number
  dossier({ MaHoSo: 'HS-U11', Extra: { nested: true }, synthetic: true, CapNhatLuc: at(11) }), // unknown key, synthetic record
  dossier({ MaHoSo: 'HS-U12', MaDonVi: ` ${DAN_HOA}`, CapNhatLuc: at(12) }), // unit with a leading space
  dossier({ MaHoSo: 'HS-U13', TrangThaiHoSo: 'ba', CapNhatLuc: at(13) }), // text where a number belongs → bad_status
  dossier({ MaHoSo: 'HS-U14', NgayTra: '2026-04-02T10:00:0a+07:00', CapNhatLuc: at(14) }), // a letter in a time → bad_date
  dossier({ MaHoSo: 'HS-U16', MaTTHC: '1.001\u0007193', CapNhatLuc: at(16) }), // a control character inside ASCII text (kept by both)
  dossier({ MaHoSo: 'HS-U17', CanBoXuLy: 'CB-1\t', CapNhatLuc: at(17) }), // a tab at the end (zod trims it)
  dossier({ MaHoSo: 'HS-U15', NgayNopHoSo: '1975-04-30T10:00:00+07:00', NgayTiepNhan: '2026-04-02T08:00:00.5+07:00', CapNhatLuc: at(15) }), // year before 1980, one-digit ms
]
/** Alone on the last page: ClickHouse cannot read a number into a text column, so this batch goes through zod. */
const UNREADABLE = [dossier({ MaHoSo: 'HS-V01', TenTTHC: 12345, CapNhatLuc: at(30) }), dossier({ MaHoSo: 'HS-V02', CapNhatLuc: at(31) })]

/**
 * Flagged records in the fast lane's two batches before it turns itself off (pages of 5, the first batch 1 page,
 * then 2): the first 15 records in CapNhatLuc order hold 5 the SQL proves ordinary and 10 it flags.
 */
const FLAGGED_BY_RANGE = 10
const FLAGGED_BY_SCAN = 0

let src: SourceServer
let s: TestStores
const job = findJob('dossiers')!

async function snapshot() {
  const rs = await s.ch.client.query({
    query: `SELECT * EXCEPT (loaded_at) FROM dossiers FINAL ORDER BY dossier_id`,
    format: 'JSONEachRow',
  })
  const rejects = await s.pg.db
    .select({ reason: etlRejects.reason, recordId: etlRejects.recordId, detail: etlRejects.detail, raw: etlRejects.raw })
    .from(etlRejects)
    .orderBy(asc(etlRejects.recordId), asc(etlRejects.reason))
  return { rows: await rs.json(), rejects }
}
async function reset() {
  await s.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
  await s.pg.db.delete(etlRejects)
  await s.pg.db.delete(etlWatermarks)
  await s.pg.db.delete(etlRuns)
}
const pick = (r: JobSummary) => ({ read: r.read, loaded: r.loaded, rejected: r.rejected, watermark: r.watermark })

beforeAll(async () => {
  src = await startSourceServer()
  // Ordered by CapNhatLuc by the server; pages of 5, batches of 10 (two pages per fast-lane batch).
  src.set('dossiers', [...ALL_DOSSIERS, ...UNUSUAL, ...UNREADABLE])
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'error' })
  await addSplitLineage(s)
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('fast lane = JS path', () => {
  it('same rows, rejects, summary and watermark; most rows by the fast lane', async () => {
    const fast = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10 } })
    const a = await snapshot()
    await reset()
    const slow = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10, fastLane: false } })
    const b = await snapshot()

    expect(pick(fast)).toEqual(pick(slow))
    expect(a.rows).toEqual(b.rows)
    expect(a.rejects).toEqual(b.rejects)
    // Not vacuous: the fast lane loaded the ordinary records, zod the rest.
    const lane = fast.fastLane as { rows: number; batches: number; flaggedByRange: number; flaggedByScan: number }
    expect(lane.batches).toBeGreaterThanOrEqual(2)
    expect(lane.rows).toBeGreaterThanOrEqual(5)
    expect(lane.rows).toBeLessThan(fast.loaded)
    expect(slow.fastLane).toBeUndefined()
    expect(fast.rejected).toMatchObject({ bad_date: 4, bad_enum: 2, bad_number: 2, bad_status: 2, unknown_unit: 2 })
    // The flagged records were read back by their byte ranges (compact JSON: one `},{"` between two items).
    expect(lane.flaggedByRange).toBe(FLAGGED_BY_RANGE)
    expect(lane.flaggedByScan).toBe(FLAGGED_BY_SCAN)
  })

  it('a source that spaces its JSON: the flagged records are found by the scan, with the same result', async () => {
    await reset()
    const slow = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10, fastLane: false } })
    const b = await snapshot()
    await reset()
    src.indent(1)
    try {
      const fast = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10 } })
      expect(pick(fast)).toEqual(pick(slow))
      expect(await snapshot()).toEqual(b)
      expect(fast.fastLane).toMatchObject({ flaggedByRange: 0, flaggedByScan: FLAGGED_BY_RANGE + FLAGGED_BY_SCAN })
    } finally {
      src.indent(null)
    }
  })

  it('the envelope: the items text of a page in the usual shape; anything else is parsed as usual', () => {
    const page = (s: string) => Buffer.from(s, 'utf8')
    expect(rawEnvelope(page('{"synthetic":true,"items":[{"a":1},{"b":"]"}],"next_cursor":"abc"}'))).toMatchObject({
      next: 'abc',
      synthetic: true,
    })
    expect(rawEnvelope(page('{"items":[{"a":1}],"next_cursor":"x"}'))!.raw.toString()).toBe('[{"a":1}]')
    expect(rawEnvelope(page('{ "items" : [ ] , "next_cursor" : null }'))).toMatchObject({ next: null, synthetic: false })
    expect(rawEnvelope(page('{"next_cursor":null,"items":[]}'))).toBeNull() // another key order
    expect(rawEnvelope(page('{"items":[{"a":"\ufffd"}],"next_cursor":null}'))).toBeNull() // U+FFFD
    expect(rawEnvelope(page('{"items":[{"a":"\\ud800"}],"next_cursor":null}'))).toBeNull() // escaped surrogate
    expect(rawEnvelope(Buffer.concat([page('{"items":[{"a":"'), Buffer.from([0xc3, 0x28]), page('"}],"next_cursor":null}')]))).toBeNull() // not UTF-8
    expect(rawEnvelope(page('{"items":[{"a":1}],"next_cursor":"a\\"b"}'))).toBeNull() // a cursor that needs escapes
  })
})

describe('fast lane batches', () => {
  it('the first batch is a fifth of the others (ClickHouse starts while the rest is fetched); every record loaded once', async () => {
    await reset()
    const plain = Array.from({ length: 24 }, (_, i) =>
      dossier({ MaHoSo: `HS-B${String(i).padStart(2, '0')}`, CapNhatLuc: `2026-05-04T09:${String(i).padStart(2, '0')}:00+07:00` }),
    )
    src.set('dossiers', plain)
    try {
      // 12 pages of 2; batches of 10 rows = 5 pages, the first 1 page: 1 + 5 + 5 + 1 pages → 4 batches (3 without the ramp).
      const r = await runJob(s, job, { trigger: 'test', options: { pageSize: 2, batchRows: 10 } })
      expect(pick(r)).toEqual({ read: 24, loaded: 24, rejected: {}, watermark: '2026-05-04T09:23:00.000+07:00' })
      expect(r.fastLane).toEqual({ rows: 24, batches: 4, flaggedByRange: 0, flaggedByScan: 0 })
      const rs = await s.ch.client.query({
        query: 'SELECT count() AS n, uniqExact(dossier_id) AS ids FROM dossiers',
        format: 'JSONEachRow',
      })
      expect(await rs.json()).toEqual([{ n: 24, ids: 24 }])
    } finally {
      src.set('dossiers', [...ALL_DOSSIERS, ...UNUSUAL, ...UNREADABLE])
    }
  })

  it("flagged records are read by byte range, or by ClickHouse's scan on a page whose separators do not count its items", async () => {
    await reset()
    const records = Array.from({ length: 20 }, (_, i) =>
      dossier({ MaHoSo: `HS-R${String(i).padStart(2, '0')}`, CapNhatLuc: `2026-05-05T09:${String(i).padStart(2, '0')}:00+07:00` }),
    )
    records[2]!.MaDonVi = 'KHONG-CO' // unknown unit → reject (page 1)
    records[7]!.TenTTHC = 'Chứng thực bản sao'.normalize('NFD') // flagged, accepted by zod (page 2)
    records[12]!.Extra = [{ a: 1 }, { b: 2 }] // a `},{"` inside an item: page 3's separators are 5, not 4
    records[12]!.TenTTHC = 'Đăng ký khai sinh'.normalize('NFD')
    records[17]!.MaDonVi = 'KHONG-CO' // page 4
    src.set('dossiers', records)
    try {
      // 4 pages of 5; batches: page 1, pages 2–3, page 4.
      const slow = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10, fastLane: false } })
      const expected = await snapshot()
      expect(pick(slow)).toMatchObject({ read: 20, loaded: 18, rejected: { unknown_unit: 2 } })
      for (const [indent, byRange, byScan] of [
        [null, 3, 1],
        [1, 0, 4],
      ] as const) {
        await reset()
        src.indent(indent)
        const fast = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10 } })
        expect(pick(fast), `indent ${indent}`).toEqual(pick(slow))
        expect(await snapshot(), `indent ${indent}`).toEqual(expected)
        expect(fast.fastLane, `indent ${indent}`).toEqual({ rows: 16, batches: 3, flaggedByRange: byRange, flaggedByScan: byScan })
      }
      // A window that ends inside page 4: its last two records are not staged, so its flagged one (HS-R17) is found
      // by the scan too; the rest as before.
      const window = { from: null, to: new Date('2026-05-05T09:18:00+07:00') }
      src.indent(null)
      await reset()
      const slowWindow = await runJob(s, job, { trigger: 'test', window, options: { pageSize: 5, batchRows: 10, fastLane: false } })
      const expectedWindow = await snapshot()
      await reset()
      const fastWindow = await runJob(s, job, { trigger: 'test', window, options: { pageSize: 5, batchRows: 10 } })
      expect(pick(fastWindow)).toEqual(pick(slowWindow))
      expect(pick(fastWindow)).toMatchObject({ read: 18, loaded: 16, rejected: { unknown_unit: 2 } })
      expect(await snapshot()).toEqual(expectedWindow)
      expect(fastWindow.fastLane).toEqual({ rows: 14, batches: 3, flaggedByRange: 2, flaggedByScan: 2 })
    } finally {
      src.indent(null)
      src.set('dossiers', [...ALL_DOSSIERS, ...UNUSUAL, ...UNREADABLE])
    }
  })
})

describe('bounds: the fast lane flags what zod rejects (issue #17 item 5)', () => {
  it('over-long text and out-of-range numbers: the same rejects by both paths, each flagged by the SQL checks', async () => {
    await reset()
    const records = Array.from({ length: 20 }, (_, i) =>
      dossier({ MaHoSo: `HS-L${String(i).padStart(2, '0')}`, CapNhatLuc: `2026-05-06T09:${String(i).padStart(2, '0')}:00+07:00` }),
    )
    records[1]!.TenTTHC = 'Đ'.repeat(1001) // too_long (names: 1,000)
    records[3]!.CanBoXuLy = 'ố'.repeat(100) // exactly at the bound (100 characters, 300 bytes): accepted
    records[6]!.MaHoSo = 'H'.repeat(101) // too_long (ids: 100)
    records[8]!.PhiLePhi = 1e308 // out_of_range (fees: 1e11 VND)
    records[11]!.CanBoXuLy = 'ố'.repeat(101) // too_long
    records[13]!.SoGioChoBoSung = 10_000.5 // out_of_range (hours: 10,000)
    records[16]!.MaDonVi = 'x'.repeat(201) // too_long (units: 200) before unknown_unit
    records[18]!.MaTTHC = '1'.repeat(100) // at the bound: accepted
    src.set('dossiers', records)
    try {
      const slow = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10, fastLane: false } })
      const expected = await snapshot()
      expect(pick(slow)).toMatchObject({ read: 20, loaded: 14, rejected: { too_long: 4, out_of_range: 2 } })
      expect(expected.rejects.map((r) => r.reason).sort()).toEqual([
        'out_of_range',
        'out_of_range',
        'too_long',
        'too_long',
        'too_long',
        'too_long',
      ])
      await reset()
      const fast = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10 } })
      expect(pick(fast)).toEqual(pick(slow))
      expect(await snapshot()).toEqual(expected)
      // Every violation was caught by ClickHouse's checks (flagged, then rejected by zod); the two at the bound loaded there.
      expect(fast.fastLane).toEqual({ rows: 14, batches: 3, flaggedByRange: 6, flaggedByScan: 0 })
    } finally {
      src.set('dossiers', [...ALL_DOSSIERS, ...UNUSUAL, ...UNREADABLE])
    }
  })
})

describe('timestamps: out of range and future-dated versions are rejected by both paths (issue #17 item 2)', () => {
  it('a CapNhatLuc of 2030 or 2500 no longer freezes a dossier; 0001 and 9999 are rejected; a far deadline is fine', async () => {
    await reset()
    const t = (m: number) => `2026-05-07T09:${String(m).padStart(2, '0')}:00+07:00`
    const records = Array.from({ length: 20 }, (_, i) => dossier({ MaHoSo: `HS-T${String(i).padStart(2, '0')}`, CapNhatLuc: t(i) }))
    // HS-T00 at 09:00, then a version stamped 2030 (served last, being the newest), then the real correction at 09:19.
    records.push(dossier({ MaHoSo: 'HS-T00', TrangThaiHoSo: 10, NgayTra: t(0), CapNhatLuc: '2030-01-01T00:00:00+07:00' }))
    records.push(dossier({ MaHoSo: 'HS-T01', TrangThaiHoSo: 10, NgayTra: t(1), CapNhatLuc: '2500-06-01T00:00:00+07:00' })) // date_out_of_range
    records[19] = dossier({ MaHoSo: 'HS-T00', TrangThaiHoSo: 9, NgayKetThucXuLy: t(19), CapNhatLuc: t(19) })
    records[2]!.NgayTiepNhan = '0001-01-01T00:00:00+07:00' // date_out_of_range (was stored as 2001-01-01)
    records[5]!.NgayTra = '9999-12-31T00:00:00+07:00' // date_out_of_range
    records[7]!.NgayNopHoSo = '1999-12-31T23:59:59+07:00' // date_out_of_range (the range starts at 2000)
    records[9]!.NgayHenTra = '2100-12-31T17:00:00+07:00' // a deadline may lie ahead: accepted
    records[12]!.NgayKetThucXuLy = '2031-01-01T00:00:00+07:00' // an end of processing in the future: future_date
    records[14]!.NgayNopHoSo = '2000-01-01T00:00:00+07:00' // the first instant of the range: accepted
    src.set('dossiers', records)
    try {
      const slow = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10, fastLane: false } })
      const expected = await snapshot()
      expect(pick(slow)).toMatchObject({ read: 22, loaded: 16, rejected: { date_out_of_range: 4, future_date: 2 } })
      // The real correction won: HS-T00 is resolved (9), as at 09:19, not returned (10) as the 2030 version said.
      const t00 = (expected.rows as { dossier_id: string; status: number; updated_at: string }[]).find((r) => r.dossier_id === 'HS-T00')
      expect(t00).toMatchObject({ status: 9, updated_at: '2026-05-07 09:19:00.000' })
      await reset()
      const fast = await runJob(s, job, { trigger: 'test', options: { pageSize: 5, batchRows: 10 } })
      expect(pick(fast)).toEqual(pick(slow))
      expect(await snapshot()).toEqual(expected)
      expect(fast.fastLane).toMatchObject({ flaggedByRange: 6, flaggedByScan: 0 })
    } finally {
      src.set('dossiers', [...ALL_DOSSIERS, ...UNUSUAL, ...UNREADABLE])
    }
  })
})
