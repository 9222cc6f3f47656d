/**
 * Bench: rollup maintenance at national scale (issue 15, goal 3; ADR 040). `npm run bench -- rollups`.
 *
 * The whole country (3,321 communes, re-homed into the configured province in the bench's own Postgres as the
 * loaders bench does) with BENCH_ROLLUPS_N dossiers (default 2 M) generated inside ClickHouse by the KPI bench's
 * SQL; then, side by side in one run on the same data:
 *   - the nightly full rebuild (every day from the first generated day to today, every commune): time and the
 *     process's peak RSS (chDB runs in this process; sampled every 50 ms);
 *   - a typical 5-minute load (below), then the rollups job's incremental step as it was before ADR 040 (the
 *     range from the earliest changed day to today for every changed commune, plus today for every commune) and
 *     as it is now (only the changed cells, `refreshChangedCells`), twice; each with its time, the rows ClickHouse
 *     read (system.events SelectedRows) and the process's peak RSS; and the once-a-day "today for every commune".
 * The 5-minute load: 2,000 dossiers received now (random communes), 1,000 open dossiers finished now, 300
 * corrections of finished dossiers spread over the whole history, 100 dossiers moved to another commune, 50
 * deleted (the new version has no reception) and 300 ratings of recently finished dossiers.
 */
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { communes as communesTable } from '../../db/pg/schema/index.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { vnDay } from '../../db/lib/vn-time.ts'
import { resolveScope } from '../../app/kpi/scope.server.ts'
import { refreshRollups } from '../../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../../etl/jobs/rollups/load-rollups.ts'
import { changedRange, changedSince, markAt, type RollupMark } from '../../etl/jobs/rollups/range.ts'
import { refreshChangedCells } from '../../etl/jobs/rollups/cells.ts'
import { openTestStores, type TestStores } from '../support/stores.ts'
import { DATA_FROM } from './kpi-bench-data.ts'
import { command, generate, withPeakRss } from './loaders.bench.ts'
import type { BenchRow } from './run.ts'

const TARGET_MS = 2000

async function selectedRows(s: TestStores): Promise<number> {
  const rs = await s.ch.client.query({
    query: `SELECT sum(value) AS n FROM system.events WHERE event = 'SelectedRows'`,
    format: 'JSONEachRow',
  })
  return z.array(z.object({ n: z.coerce.number() })).parse(await rs.json())[0]!.n
}

interface Measured<T> {
  value: T
  ms: number
  rows: number
  peakMb: number
}
async function measure<T>(s: TestStores, f: () => Promise<T>): Promise<Measured<T>> {
  const before = await selectedRows(s)
  const [value, ms, peakMb] = await withPeakRss(f)
  return { value, ms, peakMb, rows: (await selectedRows(s)) - before }
}

/** The newest loaded_at of the four source tables, as the job's mark. */
async function currentMark(s: TestStores): Promise<RollupMark> {
  const rs = await s.ch.client.query({
    query: `SELECT toUnixTimestamp64Milli(greatest((SELECT max(loaded_at) FROM dossiers), (SELECT max(loaded_at) FROM ratings),
              (SELECT max(loaded_at) FROM complaints), (SELECT max(loaded_at) FROM queue_tickets))) AS n`,
    format: 'JSONEachRow',
  })
  return markAt(s, z.array(z.object({ n: z.coerce.number() })).parse(await rs.json())[0]!.n)
}

/**
 * New versions of `n` dossiers picked by `where` (over dossiers FINAL), changed by `replace` (a REPLACE list). The
 * pick is a subquery: in one SELECT, ClickHouse resolves a WHERE column to a REPLACE alias of the same name (the
 * loaders bench's "finished now" versions were never inserted for this reason, ADR 025).
 */
async function revise(s: TestStores, n: number, where: string, replace: string, params: Record<string, unknown> = {}) {
  await command(
    s,
    `INSERT INTO dossiers SELECT * REPLACE (${replace}, now64(3) AS updated_at, now64(3) AS loaded_at)
     FROM (SELECT * FROM dossiers FINAL WHERE ${where} ORDER BY cityHash64(dossier_id, {seed:UInt32}) LIMIT {n:UInt32})`,
    { ...params, n, seed: n },
  )
}

/** The 5-minute load described above. */
async function fiveMinuteLoad(s: TestStores, codes: string[]): Promise<void> {
  const code = `{codes:Array(String)}[1 + cityHash64(dossier_id, 7) % length({codes:Array(String)})]`
  await command(
    s,
    `INSERT INTO dossiers SELECT * REPLACE (concat('N', dossier_id) AS dossier_id, ${code} AS commune_code,
         now64(3) AS received_at, now64(3) AS submitted_at, now64(3) + toIntervalDay(5) AS due_at, NULL AS finished_at,
         NULL AS returned_at, toUInt8(4) AS status, now64(3) AS updated_at, now64(3) AS loaded_at)
     FROM (SELECT * FROM dossiers WHERE startsWith(dossier_id, 'B') AND cityHash64(dossier_id, 3) % 200 = 0 LIMIT 2000)`,
    { codes },
  )
  await revise(
    s,
    1000,
    `status = 4 AND startsWith(dossier_id, 'B') AND received_at >= now64(3) - toIntervalDay(120)`,
    `toUInt8(10) AS status, now64(3) AS finished_at`,
  )
  await revise(
    s,
    300,
    `status IN (9, 10) AND startsWith(dossier_id, 'B')`,
    `NOT digitised AS digitised, supplement_count + 1 AS supplement_count`,
  )
  await revise(s, 100, `startsWith(dossier_id, 'B')`, `${code} AS commune_code`, { codes })
  await revise(s, 50, `startsWith(dossier_id, 'B') AND received_at IS NOT NULL`, `NULL AS received_at, toUInt8(1) AS status`)
  await command(
    s,
    `INSERT INTO ratings (rating_id, dossier_id, commune_code, level, rated_at, channel, updated_at)
     SELECT concat('N', dossier_id), dossier_id, commune_code, toUInt8(1 + cityHash64(dossier_id) % 5), now64(3), 'tai_quay', now64(3)
     FROM dossiers WHERE finished_at >= now64(3) - toIntervalDay(5) LIMIT 300`,
  )
}

const note = (m: Measured<unknown>) => `${m.rows.toLocaleString('en')} rows read, peak RSS ${m.peakMb.toLocaleString('en')} MB`

/**
 * After the data is rolled up: the 5-minute load, then the incremental step before and after ADR 040 on it.
 * Used by the loaders bench too (its national section).
 */
export async function incremental(s: TestStores, codes: string[], log: (m: string) => void): Promise<BenchRow[]> {
  const today = vnDay(Date.now())
  const mark = await currentMark(s)
  await fiveMinuteLoad(s, codes)
  const before = await measure(s, async () => {
    const range = await changedRange(s, mark)
    if (!range) throw new Error('the 5-minute load changed nothing the rollups job sees')
    await refreshRollups(s, range)
    await refreshLoadRollups(s, range)
    await refreshRollups(s, { fromDay: today, toDay: today })
    await refreshLoadRollups(s, { fromDay: today, toDay: today })
    return range
  })
  const after = [0, 1].map(() => null as Measured<Awaited<ReturnType<typeof refreshChangedCells>>> | null)
  for (const i of [0, 1]) after[i] = await measure(s, async () => refreshChangedCells(s, await changedSince(s, mark), today))
  const roll = await measure(s, async () => {
    await refreshRollups(s, { fromDay: today, toDay: today })
    await refreshLoadRollups(s, { fromDay: today, toDay: today })
  })
  const [a1, a2] = after as Measured<Awaited<ReturnType<typeof refreshChangedCells>>>[]
  const r = before.value
  log(`incremental before: ${r.communes.length} communes from ${r.fromDay}, ${before.ms.toFixed(0)} ms, ${note(before)}`)
  log(
    `incremental after: ${a1!.value.cells} cells in ${a1!.value.communes} communes, ${a1!.ms.toFixed(0)} / ${a2!.ms.toFixed(0)} ms, ${note(a1!)}, steps ${JSON.stringify(a1!.value.steps)} / ${JSON.stringify(a2!.value.steps)}`,
  )
  const days = Math.round((Date.parse(today) - Date.parse(r.fromDay)) / 86_400_000) + 1
  return [
    {
      metric: 'incremental rollup · the 5-minute load',
      value: 3750,
      unit: 'dossiers',
      note: '2,000 new, 1,000 finished, 300 old corrected, 100 moved, 50 deleted; + 300 ratings',
    },
    {
      metric: 'incremental rollup · before (range per changed commune + today everywhere)',
      value: Math.round(before.ms),
      unit: 'ms',
      target: `≤ ${TARGET_MS}`,
      note: `${r.communes.length} communes × ${days} days from ${r.fromDay} + today × all; ${note(before)}`,
    },
    ...[a1!, a2!].map((a, i) => ({
      metric: `incremental rollup · after (changed cells only), run ${i + 1}`,
      value: Math.round(a.ms),
      unit: 'ms',
      target: `≤ ${TARGET_MS}`,
      note: `find ${a.value.steps.findMs} + commune_day ${a.value.steps.communeDayMs} + cohort ${a.value.steps.procedureMs} + queue ${a.value.steps.queueMs} ms; ${a.value.cells.toLocaleString('en')} commune_day + ${a.value.procedureCells.toLocaleString('en')} cohort + ${a.value.queueCells} queue cells in ${a.value.communes} communes from ${a.value.fromDay}; ${note(a)}${a.ms <= TARGET_MS ? '' : ' — MISSES'}`,
    })),
    { metric: 'incremental rollup · before ÷ after (run 1)', value: Number((before.ms / a1!.ms).toFixed(1)), unit: '×' },
    {
      metric: 'incremental rollup · rows read before ÷ after (run 1)',
      value: Number((before.rows / Math.max(1, a1!.rows)).toFixed(1)),
      unit: '×',
    },
    { metric: 'once a day · today for every commune', value: Math.round(roll.ms), unit: 'ms', note: note(roll) },
  ]
}

export async function run(): Promise<{ title: string; rows: BenchRow[] }> {
  const n = Number(process.env.BENCH_ROLLUPS_N ?? 2_000_000)
  if (!(n >= 1000)) throw new Error('BENCH_ROLLUPS_N must be ≥ 1000')
  const log = (m: string) => console.log(`rollups bench · ${m}`)
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test'
  const s = await openTestStores()
  try {
    await s.pg.db.update(communesTable).set({ provinceCode: s.config.PROVINCE_CODE })
    const codes = (await resolveScope(s)).codes
    const genMs = await generate(s, codes, n, 0)
    const today = vnDay(Date.now())
    const range = { fromDay: addDays(DATA_FROM, -1), toDay: today }
    const full = await measure(s, async () => {
      await refreshRollups(s, range)
      await refreshLoadRollups(s, range)
    })
    log(
      `${codes.length} communes × ${n.toLocaleString('en')} dossiers generated in ${(genMs / 1000).toFixed(1)} s; full rebuild ${(full.ms / 1000).toFixed(1)} s, ${note(full)}`,
    )
    const rows: BenchRow[] = [
      { metric: 'nation · communes × dossiers', value: `${codes.length} × ${n.toLocaleString('en')}` },
      { metric: `nightly full rebuild (${range.fromDay} … ${today})`, value: Math.round(full.ms), unit: 'ms', note: note(full) },
      ...(await incremental(s, codes, log)),
    ]
    return { title: `rollup maintenance (BENCH_ROLLUPS_N=${n})`, rows }
  } finally {
    await s.dispose()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  run().catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
