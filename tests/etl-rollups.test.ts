/**
 * The rollups job: after a load the scheduler runs it; the first run recomputes the days the load touched
 * (from the earliest reception day to today, via the KPI engine's refreshRollups) for the communes it touched
 * and today for every commune; later runs only the (commune, day) cells the load changed (ADR 040,
 * tests/etl-rollup-cells.test.ts); each evaluates alerts; with nothing new it recomputes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { etlRuns } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { startScheduler, type Scheduler } from '../etl/scheduler.ts'
import { vnDay } from '../db/lib/vn-time.ts'
import { DAN_HOA, LAO_BAO, dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
let scheduler: Scheduler
const today = vnDay(Date.now())
const rec = (id: string, unit: string, day: string) =>
  dossier({
    MaHoSo: id,
    MaDonVi: unit,
    NgayNopHoSo: `${day}T08:00:00+07:00`,
    NgayTiepNhan: `${day}T08:00:00+07:00`,
    NgayHenTra: `${day}T17:00:00+07:00`,
    CapNhatLuc: `${day}T08:00:00+07:00`,
  })

const Received = z.object({ commune_code: z.string(), day: z.string(), received: z.coerce.number() })
async function received() {
  const rs = await s.ch.client.query({
    query: `SELECT commune_code, toString(day) AS day, received FROM commune_day FINAL WHERE received > 0 ORDER BY commune_code, day`,
    format: 'JSONEachRow',
  })
  return z
    .array(Received)
    .parse(await rs.json())
    .map((r) => `${r.commune_code} ${r.day} ${r.received}`)
}
async function lastRollups() {
  const [r] = await s.pg.db
    .select()
    .from(etlRuns)
    .where(and(eq(etlRuns.job, 'rollups'), eq(etlRuns.status, 'ok')))
    .orderBy(desc(etlRuns.id))
    .limit(1)
  return r
}

beforeAll(async () => {
  src = await startSourceServer()
  src.set('dossiers', [
    rec('HS-R1', DAN_HOA, '2026-03-02'),
    rec('HS-R2', DAN_HOA, '2026-03-02'),
    rec('HS-R3', DAN_HOA, '2026-03-03'),
    rec('HS-R4', LAO_BAO, '2026-03-03'),
  ])
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'warn' })
  scheduler = startScheduler(s, undefined, false)
})
afterAll(async () => {
  await scheduler?.stop()
  await s?.dispose()
  await src?.close()
})

describe('rollups after loads', () => {
  it('a dossiers load that loaded rows triggers rollups from its earliest reception day to today', async () => {
    const pulled = await scheduler.runNow('dossiers', 'test')
    expect(pulled.loaded).toBe(4)
    // the trigger is asynchronous: wait for the rollups run it started
    const deadline = Date.now() + 30_000
    while (!(await lastRollups()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    const run = await lastRollups()
    expect(run).toMatchObject({ trigger: 'after:dossiers', status: 'ok' })
    expect(await received()).toEqual([`${DAN_HOA} 2026-03-02 2`, `${DAN_HOA} 2026-03-03 1`, `${LAO_BAO} 2026-03-03 1`])
    // the load/procedure rollups (KPI part 2) are refreshed by the same job
    const rs = await s.ch.client.query({
      query: `SELECT commune_code, toString(day) AS day, sum(received) AS received FROM commune_day_procedure FINAL GROUP BY commune_code, day HAVING received > 0 ORDER BY commune_code, day`,
      format: 'JSONEachRow',
    })
    expect(
      z
        .array(Received)
        .parse(await rs.json())
        .map((r) => `${r.commune_code} ${r.day} ${r.received}`),
    ).toEqual([`${DAN_HOA} 2026-03-02 2`, `${DAN_HOA} 2026-03-03 1`, `${LAO_BAO} 2026-03-03 1`])
  })

  it('run again with nothing new, it recomputes nothing but still evaluates alerts', async () => {
    const before = await received()
    const summary = await runJob(s, findJob('rollups')!, { trigger: 'test' })
    expect(summary).toMatchObject({ job: 'rollups', read: 0, loaded: 0 })
    expect(summary.alerts).toEqual({ opened: expect.any(Number), cleared: expect.any(Number), open: expect.any(Number) })
    expect(await received()).toEqual(before)
  })

  it('a batch that committed late, inside the 2-minute look-back, is still rolled up', async () => {
    // Simulate a concurrent insert that committed after the last run with a loaded_at before its mark.
    const wm = (await runJob(s, findJob('rollups')!, { trigger: 'test' })).watermark as string
    const late = new Date(Date.parse(wm) - 30_000).toISOString()
    await s.ch.client.command({
      query: `INSERT INTO dossiers (dossier_id, commune_code, status, received_at, updated_at, loaded_at)
              VALUES ('HS-LATE', {c:String}, 2, '2026-02-20 08:00:00', '2026-02-20 08:00:00', parseDateTime64BestEffort({t:String}, 3))`,
      query_params: { c: DAN_HOA, t: late },
    })
    const summary = await runJob(s, findJob('rollups')!, { trigger: 'test' })
    expect(summary).toMatchObject({ fromDay: '2026-02-20', toDay: today })
    expect(await received()).toContain(`${DAN_HOA} 2026-02-20 1`)
  })

  it('a late dossier received earlier widens the range back to its day', async () => {
    src.add('dossiers', rec('HS-R5', LAO_BAO, '2026-02-27'))
    await runJob(s, findJob('dossiers')!, { trigger: 'test', window: { from: new Date(0), to: null } })
    const summary = await runJob(s, findJob('rollups')!, { trigger: 'test' })
    expect(summary).toMatchObject({ fromDay: '2026-02-27', toDay: today })
    expect(await received()).toEqual([
      `${DAN_HOA} 2026-02-20 1`,
      `${DAN_HOA} 2026-03-02 2`,
      `${DAN_HOA} 2026-03-03 1`,
      `${LAO_BAO} 2026-02-27 1`,
      `${LAO_BAO} 2026-03-03 1`,
    ])
  })

  it('an old dossier of one commune recomputes only the cells it counts in: every day it has been open, in that commune', async () => {
    await s.ch.client.command({
      query: `INSERT INTO dossiers (dossier_id, commune_code, status, received_at, updated_at)
              VALUES ('HS-ONE', {c:String}, 2, '2026-02-10 08:00:00', '2026-02-10 08:00:00')`,
      query_params: { c: LAO_BAO },
    })
    const summary = await runJob(s, findJob('rollups')!, { trigger: 'test' })
    expect(summary).toMatchObject({ fromDay: '2026-02-10', toDay: today })
    const r = summary.rollups as { cells: number; communes: number; todayRows: number; rows: number }
    const days = Math.round((Date.parse(today) - Date.parse('2026-02-10')) / 86_400_000) + 1
    expect(r).toMatchObject({ communes: 1, cells: days, todayRows: 0, rows: days }) // today was done for every commune by the first run
    expect(await received()).toContain(`${LAO_BAO} 2026-02-10 1`)
  })

  it('an explicit window recomputes those days and leaves the job watermark alone', async () => {
    const before = (await runJob(s, findJob('rollups')!, { trigger: 'test' })).watermark
    const summary = await runJob(s, findJob('rollups')!, {
      trigger: 'test',
      window: { from: new Date('2026-03-02T00:00:00+07:00'), to: new Date('2026-03-04T00:00:00+07:00') },
    })
    expect(summary).toMatchObject({ fromDay: '2026-03-02', toDay: '2026-03-03', read: 2, watermark: before })
  })
})
