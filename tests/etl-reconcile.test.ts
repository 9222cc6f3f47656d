/**
 * The nightly reconciliation (issue #17 item 4): a record the source committed late (more than the pull's overlap
 * behind the watermark) and a record changed without a new CapNhatLuc are never picked up by the incremental
 * pull; the reconcile job re-reads the window, finds the two (commune, day) cells that differ by count and content
 * hash, loads the source's versions of those cells, records every cell, and a second run finds nothing to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { vnDay } from '../db/lib/vn-time.ts'
import { latestReconcile } from '../db/clickhouse/reads/reconcile.ts'
import { DAN_HOA, LAO_BAO, dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
const DAY = 86_400_000
const d1 = vnDay(Date.now() - 6 * DAY)
const d2 = vnDay(Date.now() - 5 * DAY)
const rec = (id: string, unit: string, day: string, hour: number, over: Record<string, unknown> = {}) =>
  dossier({
    MaHoSo: id,
    MaDonVi: unit,
    NgayNopHoSo: `${day}T08:00:00+07:00`,
    NgayTiepNhan: `${day}T08:00:00+07:00`,
    NgayHenTra: `${day}T17:00:00+07:00`,
    CapNhatLuc: `${day}T${String(hour).padStart(2, '0')}:00:00+07:00`,
    ...over,
  })
const BASE = [rec('HS-1', DAN_HOA, d1, 9), rec('HS-2', DAN_HOA, d1, 10), rec('HS-3', LAO_BAO, d2, 9), rec('HS-4', DAN_HOA, d2, 11)]

async function stored(id: string) {
  const rs = await s.ch.client.query({
    query: `SELECT procedure_name, status FROM dossiers FINAL WHERE dossier_id = {id:String}`,
    query_params: { id },
    format: 'JSONEachRow',
  })
  return z.array(z.object({ procedure_name: z.string(), status: z.coerce.number() })).parse(await rs.json())
}

beforeAll(async () => {
  src = await startSourceServer()
  src.set('dossiers', BASE)
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'error' })
  expect((await runJob(s, findJob('dossiers')!, { trigger: 'test' })).loaded).toBe(4)
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('reconciliation with the source over a sliding window', () => {
  it('a late-committed record and a silent change: the pull misses both, the reconciliation loads them', async () => {
    // HS-5 committed late: its CapNhatLuc is 13 h behind the watermark (far more than the 10-minute overlap).
    // HS-3 changed (status 4, another name) without a new CapNhatLuc.
    src.set('dossiers', [
      ...BASE.filter((r) => r.MaHoSo !== 'HS-3'),
      rec('HS-5', DAN_HOA, d1, 11),
      rec('HS-3', LAO_BAO, d2, 9, { TrangThaiHoSo: 4, TenTTHC: 'Đăng ký kết hôn' }),
    ])
    const pull = await runJob(s, findJob('dossiers')!, { trigger: 'test' })
    expect(pull.loaded).toBe(1) // only HS-4 again (inside the overlap)
    expect(await stored('HS-5')).toEqual([])
    expect(await stored('HS-3')).toEqual([{ procedure_name: 'Đăng ký khai sinh', status: 2 }])

    const r = await runJob(s, findJob('reconcile')!, { trigger: 'test' })
    expect({ read: r.read, cells: r.cells, differing: r.differing, loaded: r.loaded }).toEqual({
      read: 5,
      cells: 3,
      differing: 2,
      loaded: 4,
    })
    expect(await stored('HS-5')).toEqual([{ procedure_name: 'Đăng ký khai sinh', status: 2 }])
    expect(await stored('HS-3')).toEqual([{ procedure_name: 'Đăng ký kết hôn', status: 4 }])

    const report = await latestReconcile(s.ch, {}, 'test')
    expect(report.summary).toMatchObject({ cells: 3, differing: 2, source_count: 5, stored_count: 4, loaded: 4 })
    expect(report.differing.map((c) => `${c.commune_code} ${c.day} ${c.source_count}/${c.stored_count} ${c.loaded}`)).toEqual([
      `${DAN_HOA} ${d1} 3/2 3`,
      `${LAO_BAO} ${d2} 1/1 1`,
    ])
  })

  it('a second run finds every cell equal and loads nothing; the dossiers watermark is not moved', async () => {
    const before = await runJob(s, findJob('dossiers')!, { trigger: 'test' })
    const r = await runJob(s, findJob('reconcile')!, { trigger: 'test' })
    expect({ cells: r.cells, differing: r.differing, loaded: r.loaded }).toEqual({ cells: 3, differing: 0, loaded: 0 })
    const after = await runJob(s, findJob('dossiers')!, { trigger: 'test' })
    expect(after.watermark).toBe(before.watermark)
  })
})
