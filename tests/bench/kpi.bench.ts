/**
 * Bench: the KPI engine (part 1) at 10 M dossiers (BENCH_SCALE=0.1 → 1 M, etc.).
 *
 *  1. Generates N dossiers (+ ratings for 30 % of the finished ones, complaints) inside ClickHouse (chDB).
 *  2. Refreshes the rollups over the whole range (and times a 7-day incremental refresh, as the ETL does).
 *  3. For each KPI query function: its time (median of 3 warm runs) next to the raw ClickHouse query on its
 *     rollup (the same SQL through the client, no scope lookup or parsing) — the ratio is the overhead of
 *     the typed function — and the same backlog computed directly from `dossiers FINAL`.
 *  4. Copies the same dossiers to the Postgres server (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
 *     a fresh database, dropped afterwards) with COPY, computes the same backlog there, checks it equals
 *     ClickHouse's, and prints Postgres ÷ KPI function.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { openTestStores, freshPgDatabase, type TestStores } from '../support/stores.ts'
import { addDays, ymdToDayNumber } from '../../db/lib/workdays.ts'
import { scopeParams } from '../../db/clickhouse/query.ts'
import { refreshRollups } from '../../etl/jobs/rollups/commune-day.ts'
import { getAgeing, getBacklog, getBacklogFromDossiers, getProcessingTime } from '../../app/kpi/backlog.server.ts'
import { getComplaints, getSatisfaction } from '../../app/kpi/satisfaction.server.ts'
import { get766 } from '../../app/kpi/qd766.server.ts'
import { getTrend } from '../../app/kpi/trend.server.ts'
import { getCommuneRanking } from '../../app/kpi/ranking.server.ts'
import { getKpiSummary } from '../../app/kpi/summary.server.ts'
import { resolveScope } from '../../app/kpi/scope.server.ts'
import { ageingRows, backlogRows, processingTimeRows } from '../../app/kpi/queries/backlog.ts'
import { complaintsByCategoryRows, digitisationRows, satisfactionRows } from '../../app/kpi/queries/satisfaction.ts'
import { trendRows } from '../../app/kpi/queries/trend.ts'
import {
  DATA_FROM,
  DATA_TO,
  GENERATE_COMPLAINTS,
  GENERATE_DOSSIERS,
  GENERATE_RATINGS,
  PG_SCHEMA,
  exportForPostgres,
} from './kpi-bench-data.ts'
import { PG_BACKLOG } from './kpi-bench-pg.ts'

const FULL = 10_000_000

export interface KpiBenchLine {
  name: string
  fnMs: number
  rawMs: number
  ratio: number
}
export interface KpiBenchResult {
  dossiers: number
  generateMs: number
  refreshAllMs: number
  refresh7dMs: number
  rollupRows: number
  lines: KpiBenchLine[]
  fromDossiersMs: number
  summaryMs: number
  postgres: { loadMs: number; backlogMs: number; equal: boolean; ratio: number } | { error: string }
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const v = await f()
  return [v, performance.now() - t]
}

/** Median of 3 runs after one warm-up. */
async function median(f: () => Promise<unknown>): Promise<number> {
  await f()
  const ms: number[] = []
  for (let i = 0; i < 3; i++) ms.push((await timed(f))[1])
  return ms.sort((a, b) => a - b)[1]!
}

async function raw(s: TestStores, query: string, params: Record<string, unknown>): Promise<unknown> {
  const rs = await s.ch.client.query({
    query,
    // The scope parameters as the query layer sends them (IN_SCOPE, ADR 041).
    query_params: scopeParams(s.ch, query, params, 'query'),
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: 'bench:kpi raw' },
  })
  return rs.json()
}

async function command(s: TestStores, query: string, params: Record<string, unknown>): Promise<number> {
  return (
    await timed(() => s.ch.client.command({ query, query_params: params, clickhouse_settings: { log_comment: 'bench:kpi generate' } }))
  )[1]
}

export async function run(): Promise<KpiBenchResult> {
  const scale = Number(process.env.BENCH_SCALE ?? 1)
  if (!(scale > 0)) throw new Error('BENCH_SCALE must be a positive number')
  const n = Math.round(FULL * scale)
  const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const s = await openTestStores()
  const log = (m: string) => console.log(`kpi bench · ${m}`)
  try {
    const scope = await resolveScope(s)
    const codes = scope.codes
    const days = ymdToDayNumber(DATA_TO) - ymdToDayNumber(DATA_FROM) + 1
    const gen = { codes, n, offset: 0, days, dataFrom: DATA_FROM, dataTo: DATA_TO, k: Math.max(10, Math.round(n / 1300)) }
    let generateMs = await command(s, GENERATE_DOSSIERS, gen)
    generateMs += await command(s, GENERATE_RATINGS, {})
    generateMs += await command(s, GENERATE_COMPLAINTS, gen)
    log(`${n.toLocaleString('en')} dossiers (+ ratings, ${gen.k} complaints) generated in ${(generateMs / 1000).toFixed(1)} s`)

    const [all, refreshAllMs] = await timed(() => refreshRollups(s, { fromDay: addDays(DATA_FROM, -1), toDay: DATA_TO }))
    const [, refresh7dMs] = await timed(() => refreshRollups(s, { fromDay: addDays(DATA_TO, -6), toDay: DATA_TO }))
    log(
      `rollups: ${all.rows.toLocaleString('en')} commune-days in ${(refreshAllMs / 1000).toFixed(1)} s; last 7 days re-done in ${(refresh7dMs / 1000).toFixed(2)} s`,
    )

    const month = { from: '2026-10-01', to: '2026-10-31' }
    const year = { from: '2026-01-01', to: '2026-10-31' }
    const c = codes[0]!
    const p = (from: string, to: string, cs = codes) => ({ communes: cs, from, to, scanFrom: addDays(from, -31) })
    const endAt = `${addDays(month.to, 1)} 00:00:00.000`
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['getBacklog (province, month)', () => getBacklog(s, month), () => raw(s, backlogRows.definition.sql.text, p(month.from, month.to))],
      [
        'getBacklog (commune, month)',
        () => getBacklog(s, { ...month, commune: c }),
        () => raw(s, backlogRows.definition.sql.text, p(month.from, month.to, [c])),
      ],
      ['getBacklog (province, 10 months)', () => getBacklog(s, year), () => raw(s, backlogRows.definition.sql.text, p(year.from, year.to))],
      ['getAgeing (province)', () => getAgeing(s, month), () => raw(s, ageingRows.definition.sql.text, p(month.from, month.to))],
      [
        'getProcessingTime (province, month)',
        () => getProcessingTime(s, month),
        () => raw(s, processingTimeRows.definition.sql.text, p(month.from, month.to)),
      ],
      [
        'getSatisfaction (province, month)',
        () => getSatisfaction(s, month),
        () => raw(s, satisfactionRows.definition.sql.text, p(month.from, month.to)),
      ],
      [
        'getComplaints (province, month)',
        () => getComplaints(s, month),
        () => raw(s, complaintsByCategoryRows.definition.sql.text, { ...p(month.from, month.to), endAt }),
      ],
      [
        'get766 (province, month)',
        () => get766(s, month),
        async () => {
          await Promise.all([
            raw(s, backlogRows.definition.sql.text, p(month.from, month.to)),
            raw(s, satisfactionRows.definition.sql.text, p(month.from, month.to)),
            raw(s, complaintsByCategoryRows.definition.sql.text, { ...p(month.from, month.to), endAt }),
            raw(s, digitisationRows.definition.sql.text, p(month.from, month.to)),
          ])
        },
      ],
      [
        'getTrend (province, 10 months by week)',
        () => getTrend(s, { ...year, grain: 'week' }),
        () => raw(s, trendRows.definition.sql.text, { ...p(year.from, year.to), grain: 'week' }),
      ],
      [
        'getCommuneRanking (late rate, month)',
        () => getCommuneRanking(s, { ...month, kpi: 'late_rate' }),
        () => raw(s, backlogRows.definition.sql.text, p(month.from, month.to)),
      ],
    ]
    const lines: KpiBenchLine[] = []
    for (const [name, fn, rawFn] of cases) {
      const fnMs = await median(fn)
      const rawMs = await median(rawFn)
      lines.push({ name, fnMs, rawMs, ratio: fnMs / rawMs })
      log(
        `${name.padEnd(40)} ${fnMs.toFixed(1).padStart(8)} ms · raw rollup query ${rawMs.toFixed(1).padStart(8)} ms · ratio ${(fnMs / rawMs).toFixed(2)}`,
      )
    }
    const summaryMs = await median(() => getKpiSummary(s, month))
    log(`getKpiSummary (province, month: 3 periods + targets + part 2) ${summaryMs.toFixed(1)} ms — what GET /api/v1/kpi computes`)
    const [direct, fromDossiersMs] = await timed(() => getBacklogFromDossiers(s, month))
    const rollupMonth = await getBacklog(s, month)
    const sameAsRollup = JSON.stringify({ ...direct.backlog, stockAsOf: null }) === JSON.stringify({ ...rollupMonth, stockAsOf: null })
    log(
      `the same month's backlog straight from dossiers FINAL: ${fromDossiersMs.toFixed(0)} ms (${(fromDossiersMs / lines[0]!.fnMs).toFixed(0)}× the rollup function; equal: ${sameAsRollup ? 'yes' : 'NO'})`,
    )

    const postgres = await onPostgres(s, pgUrl, month, rollupMonth, lines[0]!.fnMs, log).catch((e: Error) => {
      log(`Postgres comparison skipped: ${e.message}`)
      return { error: e.message }
    })
    return { dossiers: n, generateMs, refreshAllMs, refresh7dMs, rollupRows: all.rows, lines, fromDossiersMs, summaryMs, postgres }
  } finally {
    await s.dispose()
  }
}

async function onPostgres(
  s: TestStores,
  url: string,
  period: { from: string; to: string },
  expected: Awaited<ReturnType<typeof getBacklog>>,
  fnMs: number,
  log: (m: string) => void,
): Promise<{ loadMs: number; backlogMs: number; equal: boolean; ratio: number }> {
  const db = await freshPgDatabase(url)
  const { default: postgres } = await import('postgres')
  const sql = postgres(db.url, { max: 1, onnotice: () => {} })
  let file = ''
  try {
    const t0 = performance.now()
    for (const q of PG_SCHEMA) await sql.unsafe(q)
    const wd = (await raw(s, 'SELECT toString(day) AS day, is_working, seq FROM workdays FINAL ORDER BY day', {})) as {
      day: string
      is_working: number
      seq: number
    }[]
    for (let i = 0; i < wd.length; i += 2000)
      await sql`INSERT INTO bench_workdays ${sql(wd.slice(i, i + 2000).map((w) => ({ day: w.day, is_working: Number(w.is_working) === 1, seq: Number(w.seq) })))}`
    file = await exportForPostgres(s.ch)
    const writable = await sql`COPY bench_dossiers FROM STDIN`.writable()
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(file).pipe(writable).on('finish', resolve).on('error', reject)
    })
    await sql`ANALYZE bench_dossiers`
    const loadMs = performance.now() - t0
    log(`Postgres: dossiers copied in ${(loadMs / 1000).toFixed(1)} s`)
    const run = () => sql.unsafe(PG_BACKLOG, [period.from, period.to])
    await run()
    const [rows, backlogMs] = await timed(run)
    const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0)
    const got = {
      carriedOver: sum('carried_over'),
      received: sum('received'),
      processedEarly: sum('processed_early'),
      processedOnTime: sum('processed_on_time'),
      processedLate: sum('processed_late'),
      inProcessNotDue: sum('in_process_not_due'),
      inProcessNearlyDue: sum('in_process_nearly_due'),
      inProcessOverdue: sum('in_process_overdue'),
    }
    const equal = Object.entries(got).every(([k, v]) => expected[k as keyof typeof expected] === v)
    log(
      `Postgres: the same month's backlog from the same dossiers in ${backlogMs.toFixed(0)} ms = ${(backlogMs / fnMs).toFixed(0)}× the ClickHouse rollup function; equal to ClickHouse: ${equal ? 'yes' : 'NO ' + JSON.stringify(got)}`,
    )
    return { loadMs, backlogMs, equal, ratio: backlogMs / fnMs }
  } finally {
    await sql.end()
    await db.drop()
    if (file) fs.rmSync(file.replace(/\/dossiers\.tsv$/, ''), { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  run().catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
