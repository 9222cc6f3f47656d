/**
 * What `npm run bench -- load` measures against one running server (tests/bench/load.bench.ts starts it):
 *  - each page's time to first byte, one request at a time (median and p95 of `perPage` calls);
 *  - 20 concurrent signed-in clients looping on the overview, then on GET /api/v1/kpi (p50/p95, errors);
 *  - a burst: `burstConnections` loops on GET /api/v1/kpi, each request on a new connection that the client
 *    closes after `burstClientTimeoutMs` (an impatient client), with a different period per request so
 *    that no answer can come from the cache (the worst case for the server);
 *  - a single request right after the burst ends, and its time.
 * `BENCH_URL` (+ `BENCH_PASSWORD_LEADERSHIP`, `BENCH_PASSWORD_HOME_AFFAIRS`, `BENCH_COMMUNE`) points it at a
 * server that is already running instead (`npx tsx tests/bench/load-measure.ts`).
 */
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { concurrentLoops, percentile, signIn, summarise, timedGet, type Client, type LoopResult, type Sample } from './load-client.ts'

export interface MeasureOptions {
  url: string
  leadership: { email: string; password: string }
  homeAffairs: { email: string; password: string }
  commune: string
  perPage: number
  concurrency: number
  loopSeconds: number
  burstConnections: number
  burstSeconds: number
  burstClientTimeoutMs: number
  /** A request of the page timings and the concurrent loops with no answer after this long is an error. */
  clientTimeoutMs: number
}

export interface PageTiming {
  page: string
  calls: number
  ttfbP50: number | null
  ttfbP95: number | null
  /** The first call (cold: nothing cached for this page yet). */
  firstMs: number
  statuses: string
}

export interface Measured {
  pages: PageTiming[]
  overview20: LoopResult
  api20: LoopResult
  burst: LoopResult & { retryAfterSeen: boolean; clientTimeouts: number; refusedP50: number | null }
  /** The first request after the burst: time to its answer and its status. */
  afterBurst: { ms: number; status: number }
  /** The same request 5 s later. */
  afterBurst5s: { ms: number; status: number }
}

const PAGES = (commune: string) => [
  { page: 'overview', path: '/', who: 'leadership' },
  { page: 'commune', path: `/communes/${commune}`, who: 'leadership' },
  { page: 'staffing', path: '/staffing', who: 'leadership' },
  { page: 'equipment', path: '/equipment', who: 'leadership' },
  { page: 'satisfaction', path: '/satisfaction', who: 'leadership' },
  { page: 'qd766', path: '/qd766', who: 'leadership' },
  { page: 'data health', path: '/data', who: 'leadership' },
  { page: 'planner inputs', path: '/staffing/plan', who: 'home' },
  { page: 'GET /api/v1/kpi', path: '/api/v1/kpi', who: 'leadership' },
]

const round = (x: number) => Math.round(x)
const statuses = (s: Sample[]) => {
  const m = new Map<string, number>()
  for (const x of s) m.set(String(x.status || x.error), (m.get(String(x.status || x.error)) ?? 0) + 1)
  return [...m].map(([k, n]) => `${k}×${n}`).join(' ')
}

async function pageTimings(o: MeasureOptions, lead: Client, home: Client): Promise<PageTiming[]> {
  const out: PageTiming[] = []
  for (const p of PAGES(o.commune)) {
    const samples: Sample[] = []
    for (let i = 0; i < o.perPage; i++)
      samples.push(await timedGet(o.url + p.path, p.who === 'home' ? home : lead, { timeoutMs: o.clientTimeoutMs }))
    const ok = samples.filter((s) => s.status === 200).map((s) => s.ttfb)
    out.push({
      page: p.page,
      calls: samples.length,
      ttfbP50: ok.length ? round(percentile(ok, 50)!) : null,
      ttfbP95: ok.length ? round(percentile(ok, 95)!) : null,
      firstMs: round(samples[0]!.ttfb),
      statuses: statuses(samples),
    })
  }
  return out
}

/** A day in 2025 chosen by `n`: each burst request asks for a period nobody asked for before. */
function uncachedPeriod(n: number): string {
  const from = new Date(Date.UTC(2025, 0, 1) + (n % 300) * 86_400_000)
  const to = new Date(from.getTime() + (1 + (Math.floor(n / 300) % 60)) * 86_400_000)
  const d = (x: Date) => x.toISOString().slice(0, 10)
  return `/api/v1/kpi?from=${d(from)}&to=${d(to)}`
}

async function burst(o: MeasureOptions, lead: Client): Promise<Measured['burst']> {
  let seq = 0
  const clients = Array.from({ length: o.burstConnections }, () => lead)
  const { samples, seconds } = await concurrentLoops(clients, () => o.url + uncachedPeriod(seq++), o.burstSeconds, {
    timeoutMs: o.burstClientTimeoutMs,
    fresh: true,
  })
  return {
    ...summarise(samples, seconds),
    retryAfterSeen: samples.some((s) => s.status === 503 && !!s.retryAfter),
    clientTimeouts: samples.filter((s) => s.error === 'client time-out').length,
    refusedP50: percentile(
      samples.filter((s) => s.status === 503).map((s) => Math.round(s.total)),
      50,
    ),
  }
}

export async function measure(o: MeasureOptions): Promise<Measured> {
  const lead = await signIn(o.url, o.leadership.email, o.leadership.password)
  const home = await signIn(o.url, o.homeAffairs.email, o.homeAffairs.password)
  const pages = await pageTimings(o, lead, home)
  // Every client its own session (20 people signed in).
  const clients = await Promise.all(Array.from({ length: o.concurrency }, () => signIn(o.url, o.leadership.email, o.leadership.password)))
  const ov = await concurrentLoops(clients, () => `${o.url}/`, o.loopSeconds, { timeoutMs: o.clientTimeoutMs })
  const api = await concurrentLoops(clients, () => `${o.url}/api/v1/kpi`, o.loopSeconds, { timeoutMs: o.clientTimeoutMs })
  const b = await burst(o, lead)
  const single = await timedGet(`${o.url}/api/v1/kpi?commune=${o.commune}`, lead, { timeoutMs: o.clientTimeoutMs })
  await new Promise((r) => setTimeout(r, 5000))
  const later = await timedGet(`${o.url}/api/v1/kpi?commune=${o.commune}&period=week`, lead, { timeoutMs: o.clientTimeoutMs })
  return {
    pages,
    overview20: summarise(ov.samples, ov.seconds),
    api20: summarise(api.samples, api.seconds),
    burst: b,
    afterBurst: { ms: round(single.total), status: single.status },
    afterBurst5s: { ms: round(later.total), status: later.status },
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const env = process.env
  const result = await measure({
    url: env.BENCH_URL!,
    leadership: { email: 'lanhdao@demo.local', password: env.BENCH_PASSWORD_LEADERSHIP! },
    homeAffairs: { email: 'noivu@demo.local', password: env.BENCH_PASSWORD_HOME_AFFAIRS! },
    commune: env.BENCH_COMMUNE ?? '18880',
    perPage: Number(env.BENCH_PER_PAGE ?? 5),
    concurrency: 20,
    loopSeconds: Number(env.BENCH_LOOP_SECONDS ?? 20),
    burstConnections: Number(env.BENCH_BURST ?? 500),
    burstSeconds: Number(env.BENCH_BURST_SECONDS ?? 30),
    burstClientTimeoutMs: 2000,
    clientTimeoutMs: 120_000,
  })
  console.log(JSON.stringify(result, null, 2))
}
