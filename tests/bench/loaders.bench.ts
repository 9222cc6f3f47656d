/**
 * Bench: every dashboard loader (issue 15, goal 1 and 3) on data generated inside ClickHouse (chDB) with the
 * KPI bench's SQL (kpi-bench-data.ts, INSERT … SELECT FROM numbers — no JS loop), at
 *   (a) one province with 10× today's history: Quảng Trị's 78 communes, 6 M dossiers (the demo has ~590k);
 *   (b) the whole country, 3,321 communes (vn-communes reference data), 10 M and then 100 M dossiers over the
 *       same 22 months (the second batch is added to the first, so the period asked for stays fixed).
 * BENCH_SCALE multiplies the three sizes (default 0.05 → 300k / 500k / 5 M: a few minutes on 2 cores);
 * BENCH_NATION=off stops after the province, BENCH_PROVINCE=off skips it, BENCH_LOADERS=off times only the national
 * rollups; BENCH_NATION_SIZES=1 stops after the first national size; BENCH_ONLY=overview,staffing times only
 * those loaders; BENCH_CALLS the calls per loader (default 20; BENCH_NATION_CALLS for the national sizes,
 * default the same). The nation is a national deployment (`PROVINCE_CODE=all`, ADR 033): the loaders resolve
 * the scope as a national request does, and the overview ranks the provinces as the national page does.
 *
 * Each loader is called as its route calls it (app/dashboard/*, app/kpi/*) for the default period (the 30
 * days ending on the last generated day) with the answer cache BYPASSED (the data generation moves before
 * every call, as after a load: no answer of an earlier call is reused, every call reads ClickHouse), Postgres on the server of DATABASE_URL (default the local test server). Printed: p50 and p95 over BENCH_CALLS calls after one warm-up,
 * and the ratio p50 ÷ the p50 of the single raw query on the loader's main pre-aggregated table (same scope
 * and period, straight through the client: no scope lookup, no parsing, no other read).
 *
 * Rollup maintenance at national scale: a typical 5-minute load (2,000 new dossiers received "now" and
 * 1,000 open ones finished, new versions of existing ids), the range the rollups job derives from it
 * (changedRange), the (commune, day) cells it recomputes and its time; and the nightly full rebuild's time
 * and the process's peak RSS (sampled every 50 ms; chDB runs in this process) at the largest size.
 */
import { fileURLToPath } from 'node:url'
import { NATION } from '../../db/pg/reads/communes.ts'
import { listProvinces } from '../../app/dashboard/provinces.server.ts'
import { configureQueryRuntime, dataChanged } from '../../db/clickhouse/query-runtime.ts'
import { scopeParams } from '../../db/clickhouse/query.ts'
import { addDays, ymdToDayNumber } from '../../db/lib/workdays.ts'
import { openTestStores, type TestStores } from '../support/stores.ts'
import { refreshRollups } from '../../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../../etl/jobs/rollups/load-rollups.ts'
import { loadOverview, loadSparks, scopedCommunes } from '../../app/dashboard/overview.server.ts'
import { loadCommune } from '../../app/dashboard/commune.server.ts'
import { loadStaffing } from '../../app/dashboard/staffing.server.ts'
import { loadSatisfaction } from '../../app/dashboard/satisfaction.server.ts'
import { loadQd766 } from '../../app/dashboard/qd766.server.ts'
import { jobTable, listRejects, parseRejectFilter, rejectReasons } from '../../app/dashboard/data-health.server.ts'
import { inventoryAsOf, listTypes } from '../../app/dashboard/equipment-edit.server.ts'
import { latestReconcile } from '../../db/clickhouse/reads/reconcile.ts'
import { getEquipmentGap } from '../../app/kpi/equipment.server.ts'
import { loadModelInputs, MODEL_HISTORY_DAYS } from '../../app/kpi/staffing-model.server.ts'
import { resolveScope } from '../../app/kpi/scope.server.ts'
import { parseFilters, resolvePeriod, type ResolvedPeriod } from '../../app/lib/url-filters.ts'
import { backlogRows } from '../../app/kpi/queries/backlog.ts'
import { procedureTotalRows } from '../../app/kpi/queries/load.ts'
import { satisfactionRows } from '../../app/kpi/queries/satisfaction.ts'
import { DATA_FROM, DATA_TO, GENERATE_COMPLAINTS, GENERATE_DOSSIERS, GENERATE_RATINGS } from './kpi-bench-data.ts'
import type { BenchRow } from './run.ts'
import { incremental } from './rollups.bench.ts'

const PROVINCE_N = 6_000_000
const NATION_N = [10_000_000, 100_000_000] as const
const TARGET_P95 = { province: 150, nation: 500 }
const TARGET_RATIO = 1.3

type Fn = () => Promise<unknown>
interface Loader {
  name: string
  call: Fn
  /** The single raw query on the loader's main pre-aggregated table, or null (no ClickHouse rollup behind it). */
  raw: { table: string; run: Fn } | null
}

async function timed(f: Fn): Promise<number> {
  const t = performance.now()
  await f()
  return performance.now() - t
}

/**
 * p50 and p95 of `calls` calls after one warm-up. Before each call the data generation moves (as after a
 * load), so no answer cached by an earlier call is used: every call reads ClickHouse for all it needs, and
 * only identical reads in flight within the call share one run — what the first visitor after a load gets.
 */
async function percentiles(f: Fn, calls: number): Promise<{ p50: number; p95: number }> {
  dataChanged()
  await f()
  const ms: number[] = []
  for (let i = 0; i < calls; i++) {
    dataChanged()
    ms.push(await timed(f))
  }
  ms.sort((a, b) => a - b)
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!
  return { p50: at(0.5), p95: at(0.95) }
}

export async function command(s: TestStores, query: string, params: Record<string, unknown> = {}): Promise<void> {
  await s.ch.client.command({ query, query_params: params, clickhouse_settings: { log_comment: 'bench:loaders generate' } })
}

/** One query straight through the client, its scope parameters as the query layer sends them (IN_SCOPE: no list for the whole deployment). */
async function raw(s: TestStores, query: string, params: Record<string, unknown>): Promise<unknown> {
  const rs = await s.ch.client.query({
    query,
    query_params: scopeParams(s.ch, query, params, 'query'),
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: 'bench:loaders raw' },
  })
  return rs.json()
}

const DAYS = ymdToDayNumber(DATA_TO) - ymdToDayNumber(DATA_FROM) + 1

/** Dossiers numbered from `offset` (ratings and complaints for that batch), then a staffing snapshot per commune × day. */
export async function generate(s: TestStores, codes: string[], n: number, offset: number): Promise<number> {
  const t = performance.now()
  const gen = { codes, n, offset, days: DAYS, dataFrom: DATA_FROM, dataTo: DATA_TO, k: Math.max(10, Math.round(n / 1300)) }
  await command(s, GENERATE_DOSSIERS, gen)
  await command(
    s,
    GENERATE_RATINGS.replace(
      'WHERE finished_at IS NOT NULL',
      `WHERE finished_at IS NOT NULL AND toUInt64(substring(dossier_id, 2)) >= ${offset}`,
    ),
  )
  await command(s, GENERATE_COMPLAINTS, gen)
  if (offset === 0)
    await command(
      s,
      `INSERT INTO staffing_daily (commune_code, day, officers, fte, seconded_in, counters, snapshot_at)
       SELECT c, toDate({dataFrom:String}) + d, toUInt16(3 + cityHash64(c) % 6), toFloat32(3 + cityHash64(c) % 6) - 0.5, 0,
              toUInt16(1 + cityHash64(c, 1) % 3), now64(3)
       FROM (SELECT arrayJoin({codes:Array(String)}) AS c) AS cs CROSS JOIN (SELECT toUInt32(number) AS d FROM numbers({days:UInt32})) AS ds`,
      gen,
    )
  return performance.now() - t
}

/** Peak RSS (MB) of the process while `f` runs (chDB runs inside it). */
export async function withPeakRss<T>(f: () => Promise<T>): Promise<[T, number, number]> {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50)
  const t = performance.now()
  try {
    const v = await f()
    return [v, performance.now() - t, Math.round(peak / 1024 ** 2)]
  } finally {
    clearInterval(timer)
  }
}

async function rebuild(s: TestStores): Promise<void> {
  const range = { fromDay: addDays(DATA_FROM, -1), toDay: DATA_TO }
  await refreshRollups(s, range)
  await refreshLoadRollups(s, range)
}

function loaders(s: TestStores, codes: string[], period: ResolvedPeriod, bigCommune: string): Loader[] {
  const national = s.config.PROVINCE_CODE === NATION
  const { from, to } = period.current
  const scanFrom = addDays(from, -31)
  const asOf = to
  const modelFrom = addDays(asOf, -(MODEL_HISTORY_DAYS - 1))
  const backlogRaw = (cs: string[]) => ({
    table: 'commune_day',
    run: () => raw(s, backlogRows.definition.sql.text, { communes: cs, from, to, scanFrom }),
  })
  const procRaw = (f: string, t: string) => ({
    table: 'commune_day_procedure',
    run: () => raw(s, procedureTotalRows.definition.sql.text, { communes: codes, from: f, to: t }),
  })
  return [
    {
      name: 'overview',
      call: async () => {
        const [communes, provinces] = await Promise.all([scopedCommunes(s, 'all', 'all'), national ? listProvinces(s, NATION) : undefined])
        await Promise.all([
          loadOverview(s, communes, period, provinces),
          loadSparks(
            s,
            communes.map((c) => c.code),
            period,
          ),
        ])
      },
      raw: backlogRaw(codes),
    },
    { name: 'commune', call: () => loadCommune(s, bigCommune, period), raw: backlogRaw([bigCommune]) },
    { name: 'staffing', call: () => loadStaffing(s, period), raw: procRaw(from, to) },
    {
      name: 'equipment',
      call: () => Promise.all([getEquipmentGap(s, { from, to }), inventoryAsOf(s), listTypes(s)]),
      raw: procRaw(from, to),
    },
    {
      name: 'satisfaction',
      call: () => loadSatisfaction(s, period),
      raw: { table: 'commune_day', run: () => raw(s, satisfactionRows.definition.sql.text, { communes: codes, from, to, scanFrom }) },
    },
    { name: '766', call: () => loadQd766(s, period), raw: backlogRaw(codes) },
    {
      name: 'data health',
      call: () =>
        Promise.all([
          jobTable(s),
          rejectReasons(s),
          listRejects(s, parseRejectFilter(new URLSearchParams())),
          latestReconcile(s.ch, { limit: 20 }, 'bench:loaders'),
        ]),
      raw: null,
    },
    {
      name: 'planner inputs',
      call: async () => loadModelInputs(s, (await resolveScope(s)).all, asOf, 'bench:loaders'),
      raw: procRaw(modelFrom, asOf),
    },
  ]
}

async function benchLoaders(
  s: TestStores,
  label: string,
  target: number,
  calls: number,
  period: ResolvedPeriod,
  log: (m: string) => void,
): Promise<{ rows: BenchRow[]; p50: Map<string, number> }> {
  const scope = await resolveScope(s)
  const codes = scope.codes
  const [big] = (await raw(s, `SELECT commune_code FROM dossiers GROUP BY commune_code ORDER BY count() DESC LIMIT 1`, {})) as {
    commune_code: string
  }[]
  const rows: BenchRow[] = []
  const p50s = new Map<string, number>()
  const only = process.env.BENCH_ONLY?.split(',')
  for (const l of loaders(s, codes, period, big!.commune_code)) {
    if (only && !only.includes(l.name)) continue
    const { p50, p95 } = await percentiles(l.call, calls)
    const rawP50 = l.raw ? (await percentiles(l.raw.run, calls)).p50 : null
    const ratio = rawP50 === null ? null : p50 / rawP50
    p50s.set(l.name, p50)
    log(
      `${label} · ${l.name.padEnd(15)} p50 ${p50.toFixed(0).padStart(6)} ms  p95 ${p95.toFixed(0).padStart(6)} ms  raw ${rawP50 === null ? '    –' : rawP50.toFixed(0).padStart(5)} ms  ratio ${ratio === null ? '–' : ratio.toFixed(2)}`,
    )
    rows.push({
      metric: `${label} · ${l.name} p50 / p95`,
      value: `${p50.toFixed(0)} / ${p95.toFixed(0)}`,
      unit: 'ms',
      target: `p95 ≤ ${target}`,
      note: p95 <= target ? 'meets' : 'MISSES',
    })
    rows.push({
      metric: `${label} · ${l.name} ÷ raw ${l.raw?.table ?? '(none)'}`,
      value: ratio === null ? 'n/a' : Number(ratio.toFixed(2)),
      unit: '×',
      target: `≤ ${TARGET_RATIO}`,
      note:
        rawP50 === null
          ? 'reads Postgres job tables, no rollup'
          : `raw p50 ${rawP50.toFixed(0)} ms${ratio! <= TARGET_RATIO ? '' : ' — MISSES'}`,
    })
  }
  return { rows, p50: p50s }
}

async function benchProvince(
  scale: number,
  calls: number,
  period: ResolvedPeriod,
  rows: BenchRow[],
  log: (m: string) => void,
): Promise<void> {
  const province = await openTestStores()
  try {
    const codes = (await resolveScope(province)).codes
    const n = Math.round(PROVINCE_N * scale)
    const genMs = await generate(province, codes, n, 0)
    const [, rebuildMs] = await withPeakRss(() => rebuild(province))
    log(
      `province: ${codes.length} communes, ${n.toLocaleString('en')} dossiers generated in ${(genMs / 1000).toFixed(1)} s, rollups ${(rebuildMs / 1000).toFixed(1)} s`,
    )
    rows.push({ metric: 'province · communes × dossiers', value: `${codes.length} × ${n.toLocaleString('en')}` })
    rows.push(...(await benchLoaders(province, 'province', TARGET_P95.province, calls, period, log)).rows)
  } finally {
    await province.dispose()
  }
}

export async function run(): Promise<{ title: string; rows: BenchRow[] }> {
  const scale = Number(process.env.BENCH_SCALE ?? 0.05)
  const calls = Number(process.env.BENCH_CALLS ?? 20)
  const nationCalls = Number(process.env.BENCH_NATION_CALLS ?? calls)
  if (!(scale > 0)) throw new Error('BENCH_SCALE must be a positive number')
  if (!(calls >= 1 && nationCalls >= 1)) throw new Error('BENCH_CALLS and BENCH_NATION_CALLS must be ≥ 1')
  const log = (m: string) => console.log(`loaders bench · ${m}`)
  // Postgres as deployed (a server), as the KPI bench does; PGlite (WASM, in this process) would add its own CPU.
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test'
  configureQueryRuntime({ cache: true })
  const period = resolvePeriod(parseFilters(''), DATA_TO)
  const rows: BenchRow[] = [
    {
      metric: 'answer cache',
      value: 'bypassed',
      note: 'a new data generation before every call: nothing cached is reused; identical reads in flight within a call share one run',
    },
    {
      metric: 'period',
      value: `${period.current.from} … ${period.current.to}`,
      note: `vs ${period.comparison.from} … ${period.comparison.to}`,
    },
  ]

  if (process.env.BENCH_LOADERS !== 'off' && process.env.BENCH_PROVINCE !== 'off') await benchProvince(scale, calls, period, rows, log)
  if (process.env.BENCH_NATION === 'off') return { title: `dashboard loaders (BENCH_SCALE=${scale}, province only)`, rows }
  const nation = await openTestStores({ PROVINCE_CODE: NATION })
  try {
    const codes = (await resolveScope(nation)).codes
    const p50: Map<string, number>[] = []
    let offset = 0
    for (const full of NATION_N.slice(0, Number(process.env.BENCH_NATION_SIZES ?? NATION_N.length))) {
      const n = Math.round(full * scale)
      const label = `nation ${(n / 1e6).toLocaleString('en')} M`
      const genMs = await generate(nation, codes, n - offset, offset)
      offset = n
      const [, rebuildMs, peakMb] = await withPeakRss(() => rebuild(nation))
      log(
        `${label}: ${codes.length} communes; generated in ${(genMs / 1000).toFixed(1)} s; full rebuild ${(rebuildMs / 1000).toFixed(1)} s, peak RSS ${peakMb} MB`,
      )
      rows.push({ metric: `${label} · communes × dossiers`, value: `${codes.length} × ${n.toLocaleString('en')}` })
      rows.push({
        metric: `${label} · nightly full rebuild (22 months)`,
        value: Math.round(rebuildMs),
        unit: 'ms',
        note: `peak RSS of the process ${peakMb} MB`,
      })
      if (process.env.BENCH_LOADERS === 'off') continue
      const r = await benchLoaders(nation, label, TARGET_P95.nation, nationCalls, period, log)
      rows.push(...r.rows)
      p50.push(r.p50)
    }
    for (const [name, small] of p50[1] ? p50[0]! : [])
      rows.push({
        metric: `nation growth 10 M → 100 M (×${scale}) · ${name}`,
        value: Number((p50[1]!.get(name)! / small).toFixed(2)),
        unit: '×',
        target: 'flat (≈ 1)',
      })
    rows.push(...(await incremental(nation, codes, log)))
  } finally {
    await nation.dispose()
  }
  return {
    title: `dashboard loaders (BENCH_SCALE=${scale}, ${calls} calls per loader for the province, ${nationCalls} for the nation)`,
    rows,
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  run().catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
