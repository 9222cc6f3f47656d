/**
 * A dossier's identity is its id alone (issue #17 item 1, ADR 016). The source sends HC-1 received by Đồng
 * Thuận (18859), then a later version received by Đồng Sơn (18871), then a later one back in Đồng Thuận: after
 * each load the dossiers table holds one row for it (FINAL), in the commune of its newest version, and the
 * rollups count it once, there — the commune it left is recomputed too, even after a merge dropped the old
 * version. Both load lanes (the fast lane's SQL and the JS path) are checked. The migration: etl-dossier-migration.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { etlRuns, etlWatermarks } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { DONG_SON, DONG_THUAN, dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores

const version = (unit: string, day: number) =>
  dossier({
    MaHoSo: 'HC-1',
    MaDonVi: unit,
    NgayNopHoSo: '2026-03-02T08:00:00+07:00',
    NgayTiepNhan: '2026-03-02T08:05:00+07:00',
    NgayHenTra: '2026-03-20T17:00:00+07:00',
    CapNhatLuc: `2026-03-0${day}T09:00:00+07:00`,
  })
/** An unrelated dossier of each commune, so both always have rollup rows. */
const OTHERS = [
  dossier({ MaHoSo: 'HC-2', MaDonVi: DONG_THUAN, CapNhatLuc: '2026-03-02T08:05:00+07:00' }),
  dossier({ MaHoSo: 'HC-3', MaDonVi: DONG_SON, CapNhatLuc: '2026-03-02T08:05:00+07:00' }),
]

const Row = z.object({ c: z.string(), n: z.coerce.number() })
async function rows(query: string) {
  const rs = await s.ch.client.query({ query, format: 'JSONEachRow' })
  return Object.fromEntries(
    z
      .array(Row)
      .parse(await rs.json())
      .map((r) => [r.c, r.n]),
  )
}
/** Where HC-1 is stored (FINAL): commune → rows. */
const stored = () => rows(`SELECT commune_code AS c, count() AS n FROM dossiers FINAL WHERE dossier_id = 'HC-1' GROUP BY c`)
/** Received on 2 March, and open at the end of 2 March, per commune, from the rollup. */
const received = () =>
  rows(`SELECT commune_code AS c, sum(received) AS n FROM commune_day FINAL WHERE day = '2026-03-02' GROUP BY c HAVING n > 0`)
const open = () =>
  rows(
    `SELECT commune_code AS c, sum(open_not_due + open_nearly_due + open_overdue) AS n FROM commune_day FINAL WHERE day = '2026-03-02' GROUP BY c HAVING n > 0`,
  )
const procedure = () =>
  rows(`SELECT commune_code AS c, sum(received) AS n FROM commune_day_procedure FINAL WHERE day = '2026-03-02' GROUP BY c HAVING n > 0`)

async function load(fastLane: boolean, unit: string, day: number) {
  src.set('dossiers', [...OTHERS, version(unit, day)])
  const r = await runJob(s, findJob('dossiers')!, { trigger: 'test', options: { fastLane } })
  // A merge may collapse the versions at any time: the rollups must not need the old one.
  await s.ch.client.command({ query: 'OPTIMIZE TABLE dossiers FINAL' })
  await runJob(s, findJob('rollups')!, { trigger: 'test' })
  return r
}

beforeAll(async () => {
  src = await startSourceServer()
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'error' })
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe.each([
  ['fast lane', true],
  ['JS path', false],
])('a dossier moved between communes (%s)', (_name, fastLane) => {
  beforeAll(async () => {
    for (const t of ['dossiers', 'dossier_communes', 'commune_day', 'commune_day_procedure'])
      await s.ch.client.command({ query: `TRUNCATE TABLE ${t}` })
    await s.pg.db.delete(etlWatermarks)
    await s.pg.db.delete(etlRuns)
  })

  it('18859, then 18871, then 18859 again: one row, counted once, in the right commune', async () => {
    const first = await load(fastLane, DONG_THUAN, 2)
    expect(first.loaded).toBe(3)
    expect(first.fastLane === undefined).toBe(!fastLane)
    expect(await stored()).toEqual({ [DONG_THUAN]: 1 })
    expect(await received()).toEqual({ [DONG_THUAN]: 2, [DONG_SON]: 1 })

    await load(fastLane, DONG_SON, 3)
    expect(await stored()).toEqual({ [DONG_SON]: 1 })
    expect(await received()).toEqual({ [DONG_THUAN]: 1, [DONG_SON]: 2 })
    expect(await open()).toEqual({ [DONG_THUAN]: 1, [DONG_SON]: 2 })
    expect(await procedure()).toEqual({ [DONG_THUAN]: 1, [DONG_SON]: 2 })

    await load(fastLane, DONG_THUAN, 4)
    expect(await stored()).toEqual({ [DONG_THUAN]: 1 })
    expect(await rows(`SELECT 'all' AS c, count() AS n FROM dossiers FINAL`)).toEqual({ all: 3 })
    expect(await received()).toEqual({ [DONG_THUAN]: 2, [DONG_SON]: 1 })
    expect(await open()).toEqual({ [DONG_THUAN]: 2, [DONG_SON]: 1 })
    expect(await procedure()).toEqual({ [DONG_THUAN]: 2, [DONG_SON]: 1 })
    // Every commune the dossier was ever in is remembered (the rollups' guide), one row per commune.
    expect(await rows(`SELECT commune_code AS c, count() AS n FROM dossier_communes FINAL WHERE dossier_id = 'HC-1' GROUP BY c`)).toEqual({
      [DONG_THUAN]: 1,
      [DONG_SON]: 1,
    })
  })
})
