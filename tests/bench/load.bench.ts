/**
 * `npm run bench -- load`: the server under load (issue #15, ADR 027), before and after in one run.
 *
 * On a data directory holding the demo's history (BENCH_DATA_DIR, e.g. the ./data of an `npm start` whose
 * first pull has finished; without it a fresh directory is filled by the first pull, which is timed), the
 * server is started twice with SCHEDULER=off (the data do not move between the two):
 *  - before: QUERY_CACHE=off LOAD_SHEDDING=off — no answer cache, no admission queue, no abort of the work
 *    of clients that went away (the behaviour of the code before ADR 027);
 *  - after: the defaults.
 * For each, tests/bench/load-measure.ts: each page's TTFB one request at a time, 20 concurrent signed-in
 * clients on the overview and on GET /api/v1/kpi, a 30 s burst of 500 connections on uncacheable API
 * requests, and a single request right after the burst. Requests that have no answer after
 * BENCH_CLIENT_TIMEOUT (default 60 s) count as errors.
 * Knobs: BENCH_PER_PAGE (3), BENCH_LOOP_SECONDS (10), BENCH_BURST (500), BENCH_BURST_SECONDS (30),
 * BENCH_VARIANTS (before,after).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchRow } from './run.ts'
import { measure, type Measured } from './load-measure.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const PASSWORD = 'bench-load-mật-khẩu-2026'
const LEAD = 'bench-lead@bench.local'
const HOME = 'bench-home@bench.local'

interface Running {
  url: string
  output: () => string
  stop(): Promise<void>
}

function startServer(dataDir: string, env: Record<string, string>, cwd = root): Promise<Running> {
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO: 'on', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 300_000)
    const check = () => {
      const m = /đang chạy tại (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ url: m[1]!.replace('localhost', '127.0.0.1'), output: () => output, stop })
      } else if (child.exitCode !== null) reject(new Error(`server exited ${child.exitCode}:\n${output}`))
      else setTimeout(check, 200)
    }
    check()
  })
}

/** A fresh directory filled by the first pull after start (timed, as `npm start` does it). */
async function firstPull(): Promise<{ dir: string; seconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-bench-load-'))
  const t0 = Date.now()
  const s = await startServer(dir, { SCHEDULER: 'on' })
  while (!/initial pull finished/.test(s.output())) await new Promise((r) => setTimeout(r, 1000))
  const seconds = (Date.now() - t0) / 1000
  await s.stop()
  return { dir, seconds }
}

/** The bench's two accounts (the users CLI owns the stores while no server runs). */
function addUsers(dataDir: string): void {
  for (const [email, role] of [
    [LEAD, 'leadership'],
    [HOME, 'home_affairs'],
  ] as const) {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'app/auth/cli.ts', 'add', email, '--role', role], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, SCHEDULER: 'off' },
        input: PASSWORD + '\n',
        stdio: ['pipe', 'ignore', 'pipe'],
      })
    } catch (e) {
      if (!/exist|tồn tại/i.test(String((e as { stderr?: Buffer }).stderr ?? e))) throw e
    }
  }
}

/**
 * `base`: the defaults of another checkout (BENCH_BASE_ROOT, e.g. a worktree of main, built), so a branch is
 * measured against the code it changes in the same run, on the same data directory.
 */
const VARIANTS: Record<string, { env: Record<string, string>; root?: string }> = {
  before: { env: { QUERY_CACHE: 'off', LOAD_SHEDDING: 'off' } },
  base: { env: {}, root: process.env.BENCH_BASE_ROOT },
  after: { env: {} },
}

async function variant(dataDir: string, v: { env: Record<string, string>; root?: string }): Promise<Measured> {
  const s = await startServer(dataDir, { SCHEDULER: 'off', ...v.env }, v.root ?? root)
  try {
    const e = process.env
    return await measure({
      url: s.url,
      leadership: { email: LEAD, password: PASSWORD },
      homeAffairs: { email: HOME, password: PASSWORD },
      commune: e.BENCH_COMMUNE ?? '18880',
      perPage: Number(e.BENCH_PER_PAGE ?? 3),
      concurrency: 20,
      loopSeconds: Number(e.BENCH_LOOP_SECONDS ?? 10),
      burstConnections: Number(e.BENCH_BURST ?? 500),
      burstSeconds: Number(e.BENCH_BURST_SECONDS ?? 30),
      burstClientTimeoutMs: 2000,
      clientTimeoutMs: Number(e.BENCH_CLIENT_TIMEOUT ?? 60) * 1000,
    })
  } finally {
    await s.stop()
  }
}

function rows(results: Record<string, Measured>, pullSeconds: number | null): BenchRow[] {
  const names = Object.keys(results)
  const out: BenchRow[] = []
  const side = (metric: string, unit: string, get: (m: Measured) => number | string | null, target?: string) => {
    const values = names.map((n) => get(results[n]!))
    const [a, b] = values
    const ratio = typeof a === 'number' && typeof b === 'number' && b > 0 ? ` · before ÷ after ${(a / b).toFixed(1)}` : ''
    out.push({ metric, value: values.map((v) => v ?? '—').join(' → '), unit, target, note: `${names.join(' → ')}${ratio}` })
  }
  out.push({
    metric: 'machine load average (1, 5, 15 min) at the end',
    value: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
    unit: '',
  })
  if (pullSeconds !== null) out.push({ metric: 'first pull after start', value: Math.round(pullSeconds), unit: 's', target: '≤ 20' })
  for (const p of results[names[0]!]!.pages.map((x) => x.page))
    side(`TTFB ${p} (median of calls; first call)`, 'ms', (m) => {
      const x = m.pages.find((y) => y.page === p)!
      return x.ttfbP50 === null ? `${x.statuses}` : `${x.ttfbP50}; ${x.firstMs}`
    })
  for (const [k, label] of [
    ['overview20', '20 clients, overview'],
    ['api20', '20 clients, GET /api/v1/kpi'],
  ] as const) {
    side(`${label}: TTFB p50`, 'ms', (m) => m[k].ttfbP50)
    side(`${label}: TTFB p95`, 'ms', (m) => m[k].ttfbP95, '≤ 300')
    side(`${label}: requests/s`, '/s', (m) => m[k].perSecond)
    side(`${label}: errors (no answer, 5xx other than 503)`, '', (m) => m[k].errors, '0')
  }
  side('burst: requests', '', (m) => m.burst.requests)
  side('burst: answered 200', '', (m) => m.burst.ok)
  side('burst: refused 503 (with Retry-After)', '', (m) => `${m.burst.refused}${m.burst.retryAfterSeen ? ' ✓' : ''}`)
  side('burst: client gave up (2 s)', '', (m) => m.burst.clientTimeouts)
  side('burst: refusal time p50', 'ms', (m) => m.burst.refusedP50)
  side('single request right after the burst', 'ms', (m) => `${m.afterBurst.ms} (${m.afterBurst.status || 'no answer'})`, '≤ 5000')
  side('single request 5 s later', 'ms', (m) => `${m.afterBurst5s.ms} (${m.afterBurst5s.status || 'no answer'})`)
  return out
}

export async function run(): Promise<{ title: string; rows: BenchRow[] }> {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'server.build.ts')], { cwd: root, stdio: 'inherit' })
  let dataDir = process.env.BENCH_DATA_DIR
  let pull: number | null = null
  if (!dataDir) ({ dir: dataDir, seconds: pull } = await firstPull())
  addUsers(dataDir)
  const results: Record<string, Measured> = {}
  for (const name of (process.env.BENCH_VARIANTS ?? 'before,after').split(',')) {
    process.stderr.write(`  load: ${name}…\n`)
    results[name] = await variant(dataDir, VARIANTS[name] ?? { env: {} })
    process.stderr.write(JSON.stringify(results[name]) + '\n')
  }
  return { title: 'server under load: before (no cache, no shedding) → after, one run, demo history', rows: rows(results, pull) }
}
