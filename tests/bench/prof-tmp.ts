import { openTestStores } from '../../tests/support/stores.ts'
import { configureQueryRuntime } from '../../db/clickhouse/query-runtime.ts'
import { resolveScope } from '../../app/kpi/scope.server.ts'
import { GENERATE_DOSSIERS, GENERATE_RATINGS, DATA_FROM, DATA_TO } from '../../tests/bench/kpi-bench-data.ts'
import { refreshRollups } from '../../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../../etl/jobs/rollups/load-rollups.ts'
import { loadOverview, scopedCommunes } from '../../app/dashboard/overview.server.ts'
import { loadStaffing } from '../../app/dashboard/staffing.server.ts'
import { loadCommune } from '../../app/dashboard/commune.server.ts'
import { parseFilters, resolvePeriod } from '../../app/lib/url-filters.ts'
import { ymdToDayNumber, addDays } from '../../db/lib/workdays.ts'
configureQueryRuntime({ cache: false })
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test'
import { Session } from 'node:inspector/promises'
import fs from 'node:fs'
const sess = new Session(); sess.connect()
const s = await openTestStores({ QUERY_CACHE: 'off' })
await s.pg.db.update((await import('../../db/pg/schema/index.ts')).communes).set({ provinceCode: '44' }); const codes = (await resolveScope(s)).codes
await s.ch.client.command({ query: GENERATE_DOSSIERS, query_params: { codes, n: 50000, offset: 0, days: ymdToDayNumber(DATA_TO) - ymdToDayNumber(DATA_FROM) + 1, dataFrom: DATA_FROM, dataTo: DATA_TO } })
await s.ch.client.command({ query: GENERATE_RATINGS })
await refreshRollups(s, { fromDay: addDays(DATA_FROM, -1), toDay: DATA_TO })
await refreshLoadRollups(s, { fromDay: addDays(DATA_FROM, -1), toDay: DATA_TO })
const period = resolvePeriod(parseFilters(''), DATA_TO)
const times: [string, number][] = []
const orig = s.ch.client.query.bind(s.ch.client)
;let lock: Promise<unknown> = Promise.resolve()
;(s.ch.client as any).query = async (a: any) => { const prev = lock; let rel!: () => void; lock = new Promise<void>((r) => (rel = r)); await prev; const t = performance.now(); try { const r = await orig(a); const j = await r.json(); return { json: async () => j } } finally { rel(); times.push([a.clickhouse_settings?.log_comment ?? a.query.slice(0, 60), performance.now() - t]) } }
const pg0 = performance.now()
const which = process.argv[2] ?? 'overview'
await sess.post('Profiler.enable'); let started = false
for (let i = 0; i < 2; i++) {
  if (i === 0) { await sess.post('Profiler.start'); started = true }
  times.length = 0
  const t = performance.now()
  if (which === 'overview') await loadOverview(s, await scopedCommunes(s, 'all', 'all'), period)
  if (which === 'staffing') await loadStaffing(s, period)
  if (which === 'commune') await loadCommune(s, codes[0]!, period)
  console.log('total', (performance.now() - t).toFixed(0))
}
const { profile } = await sess.post('Profiler.stop') as any; fs.rmSync('/tmp/cpuprof', { recursive: true, force: true }); fs.mkdirSync('/tmp/cpuprof'); fs.writeFileSync('/tmp/cpuprof/p.cpuprofile', JSON.stringify(profile))
const agg = new Map<string, [number, number]>()
for (const [k, v] of times) { const a = agg.get(k) ?? [0, 0]; a[0]++; a[1] += v; agg.set(k, a) }
for (const [k, [n, ms]] of [...agg].sort((a, b) => b[1][1] - a[1][1])) console.log(n, ms.toFixed(0).padStart(6), k)
try {
await s.ch.client.command({query:'SYSTEM FLUSH LOGS'})
const r = await orig({ query: "SELECT log_comment, count() n, sum(query_duration_ms) ms, max(query_duration_ms) mx, sum(read_rows) rr FROM system.query_log WHERE type = 'QueryFinish' AND log_comment LIKE 'kpi%' GROUP BY log_comment ORDER BY ms DESC", format: 'JSONEachRow' })
for (const x of await r.json() as any[]) console.log(x.n, String(x.ms).padStart(6), String(x.mx).padStart(5), String(x.rr).padStart(9), x.log_comment)
} catch (e) { console.log('no query_log', (e as Error).message.slice(0, 200)) }
await s.dispose()
