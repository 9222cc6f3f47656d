/**
 * The rollups job after a load recomputes only the (commune, day) cells the load changed (ADR 040), and those
 * cells then equal what a full rebuild writes. A hand-written fixture of two communes (A = Đông Thuận, B = Đông
 * Sơn), days relative to today (D): a first run by range, then one "5-minute load" with an insert, a correction
 * (a later end day), a correction of an old land dossier's field, a move from A to B, a deletion (the source's
 * new version is no longer received), a rating 1 of an open dossier and a ticket. The old versions are merged
 * away before the run: the job must not need them. Then every rollup row is compared with a full rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { changedCells } from '../etl/jobs/rollups/sql/cells.ts'
import { changedSince } from '../etl/jobs/rollups/range.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { addDays } from '../db/lib/workdays.ts'
import { vnDay } from '../db/lib/vn-time.ts'
import { DONG_SON as B, DONG_THUAN as A } from './support/etl-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let s: TestStores
/**
 * The job looks back 2 minutes past its mark when the rows counted there changed (a late commit); the merge
 * below also changes that count, so the look-back is turned off here to see exactly this load's cells.
 */
const NO_LOOKBACK = 0
const D = vnDay(Date.now())
const d = (k: number) => addDays(D, k)
const at = (k: number, time = '08:00:00') => `${d(k)} ${time}`

interface Version {
  id: string
  commune: string
  received: number | null
  due?: number
  finished?: number
  field?: string
  updated: number
}
/** One dossier version: status 10 when finished, 4 (in process) when received, 1 (submitted) otherwise. */
function insertDossier(v: Version) {
  return s.ch.client.command({
    query: `INSERT INTO dossiers (dossier_id, commune_code, source_unit, procedure_code, procedure_name, field_code, channel, status,
              submitted_at, received_at, due_at, finished_at, updated_at)
            VALUES ({id:String}, {c:String}, {c:String}, {p:String}, {p:String}, {f:String}, 1, {st:UInt8},
              {sub:String}, {rec:Nullable(String)}, {due:Nullable(String)}, {fin:Nullable(String)}, {upd:String})`,
    query_params: {
      id: v.id,
      c: v.commune,
      f: v.field ?? 'ho_tich',
      p: `${v.field ?? 'ho_tich'}-1`,
      st: v.finished !== undefined ? 10 : v.received !== null ? 4 : 1,
      sub: at(v.received ?? v.updated),
      rec: v.received === null ? null : at(v.received),
      due: v.due === undefined ? null : at(v.due, '17:00:00'),
      fin: v.finished === undefined ? null : at(v.finished, '15:00:00'),
      upd: at(v.updated, `1${v.id.length % 10}:00:00`),
    },
  })
}
const rate = (id: string, dossier: string, commune: string, level: number, day: number) =>
  s.ch.client.command({
    query: `INSERT INTO ratings (rating_id, dossier_id, commune_code, level, rated_at, channel, updated_at)
            VALUES ({id:String}, {dossier:String}, {c:String}, {level:UInt8}, {t:String}, 'tai_quay', {t:String})`,
    query_params: { id, dossier, c: commune, level, t: at(day, '16:00:00') },
  })
const ticket = (id: string, commune: string, day: number) =>
  s.ch.client.command({
    query: `INSERT INTO queue_tickets (ticket_id, commune_code, taken_at, called_at, done_at, updated_at)
            VALUES ({id:String}, {c:String}, {t:String}, {t:String} + INTERVAL 10 MINUTE, {t:String} + INTERVAL 25 MINUTE, {t:String})`,
    query_params: { id, c: commune, t: at(day, '09:00:00') },
  })

/** Every non-zero row of the three rollups, as text, without computed_at. */
async function rollups(): Promise<string[]> {
  const out: string[] = []
  for (const [table, key] of [
    ['commune_day', 'commune_code, day'],
    ['commune_day_procedure', 'commune_code, day, procedure_code'],
    ['commune_hour_queue', 'commune_code, day, hour'],
  ] as const) {
    const rs = await s.ch.client.query({
      query: `SELECT toJSONString(tuple(* EXCEPT computed_at)) AS r FROM ${table} FINAL ORDER BY ${key}`,
      format: 'JSONEachRow',
    })
    for (const { r } of z.array(z.object({ r: z.string() })).parse(await rs.json()))
      if (/[1-9]/.test(r.replace(/"\d{4}-\d\d-\d\d"|"\d+"/g, ''))) out.push(`${table} ${r}`)
  }
  return out
}

const range = (c: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `d ${c} ${d(from + i)}`)

beforeAll(async () => {
  s = await openTestStores({ LOG_LEVEL: 'warn' })
  await insertDossier({ id: 'X1', commune: A, received: -10, due: -6, finished: -8, updated: -8 })
  await insertDossier({ id: 'X2', commune: A, received: -5, due: 3, updated: -5 })
  await insertDossier({ id: 'X3', commune: B, received: -3, due: -1, updated: -3 })
  await insertDossier({ id: 'X4', commune: A, received: -40, due: -30, finished: -35, field: 'dat_dai', updated: -35 })
  await insertDossier({ id: 'X5', commune: B, received: -2, due: 5, updated: -2 })
  await insertDossier({ id: 'X6', commune: B, received: -50, due: -45, updated: -50 })
  await rate('R4', 'X4', A, 4, -35)
  await ticket('T1', A, -1)
  // the first run (no watermark yet) recomputes by range and sets the mark
  await runJob(s, findJob('rollups')!, { trigger: 'test' })
  // the 5-minute load
  await insertDossier({ id: 'N1', commune: B, received: 0, due: 4, updated: 0 }) // new
  await insertDossier({ id: 'X1', commune: A, received: -10, due: -6, finished: -7, updated: -7 }) // finished a day later
  await insertDossier({ id: 'X4', commune: A, received: -40, due: -30, finished: -35, field: 'ho_tich', updated: -1 }) // no longer land
  await insertDossier({ id: 'X2', commune: B, received: -5, due: 3, updated: -1 }) // moved A → B
  await insertDossier({ id: 'X5', commune: B, received: null, updated: -1 }) // deleted: no longer received
  await rate('R3', 'X3', B, 1, -1)
  await ticket('T2', B, 0)
  await s.ch.client.command({ query: 'OPTIMIZE TABLE dossiers FINAL' })
})
afterAll(async () => {
  await s?.dispose()
})

describe('the rollups job recomputes only the cells a load changed', () => {
  it('names exactly the cells where the versions of a changed dossier differ, and the rating and ticket days', async () => {
    const wm = (await getWatermark(s.pg.db, 'rollups'))!
    const since = await changedSince(s, { at: wm.at.getTime(), seen: Number(wm.lastId) }, NO_LOOKBACK)
    const rows = await changedCells(s.ch, { since, today: D }, 'test')
    const cells = rows
      .filter((r) => r.kind !== 'm')
      .map((r) => `${r.kind} ${r.commune_code} ${r.day}`)
      .sort()
    expect(cells).toEqual(
      [
        ...range(A, -40, -35), // X4: received … finished (no longer land; its rating day -35 is among them)
        `d ${A} ${d(-10)}`, // X1: its reception day, its old end day (now open at its end) and its new end day;
        `d ${A} ${d(-8)}`, //     day -9, open in both versions alike, is left alone
        `d ${A} ${d(-7)}`,
        ...range(A, -5, 0), // X2's old commune: open since -5
        ...range(B, -5, 0), // X2's new commune; X3 (rated 1) from -3; X5 (deleted) from -2; N1 today; R3 on -1
        `p ${A} ${d(-40)}`,
        `p ${A} ${d(-10)}`,
        `p ${A} ${d(-5)}`,
        `p ${B} ${d(-5)}`,
        `p ${B} ${d(-3)}`,
        `p ${B} ${d(-2)}`,
        `p ${B} ${d(0)}`,
        `q ${B} ${d(0)}`,
      ].sort(),
    )
    expect(rows.find((r) => r.kind === 'm')!.n).toBe(7) // 5 dossier versions, 1 rating, 1 ticket
  })

  it('after the run every rollup row equals a full rebuild', async () => {
    const summary = await runJob(s, findJob('rollups')!, { trigger: 'test', options: { overlapMs: NO_LOOKBACK } })
    const incremental = await rollups()
    await refreshRollups(s, { fromDay: d(-60), toDay: D })
    await refreshLoadRollups(s, { fromDay: d(-60), toDay: D })
    const full = await rollups()
    expect(incremental).toEqual(full)
    expect(summary).toMatchObject({ job: 'rollups', read: 21, fromDay: d(-40), toDay: D })
    expect(summary.rollups).toMatchObject({ cells: 21, procedureCells: 7, queueCells: 1, communes: 2, todayRows: 0 })
    // spot checks of the fixture: on day -1, A has nothing open (X2 moved to B); B has X2, X3 and X6 (X5 deleted)
    const rs = await s.ch.client.query({
      query: `SELECT commune_code AS c, open_not_due + open_nearly_due + open_overdue AS n FROM commune_day FINAL
              WHERE day = {day:Date} AND commune_code IN ({a:String}, {b:String}) ORDER BY c`,
      query_params: { day: d(-1), a: A, b: B },
      format: 'JSONEachRow',
    })
    expect(await rs.json()).toEqual([
      { c: A, n: 0 },
      { c: B, n: 3 },
    ])
  })
})
