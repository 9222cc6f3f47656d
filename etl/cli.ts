/**
 * npm run etl -- run <job> [--from ISO] [--to ISO] [--source URL | --file PATH] [--json] [--no-rollups]
 * npm run etl -- list [--json]
 *
 * When a server owns DATA_DIR (DATA_DIR/owner.lock names its port and a control token), the CLI asks it to
 * run the job (one process owns the embedded stores); otherwise it opens the stores itself, runs the job
 * with a progress bar, runs the rollups after a source job that loaded rows, and closes them. Without a
 * server and without TTHC_SOURCE_URL it serves the built-in simulator itself (synthetic data), as the server does.
 * `--json` prints exactly one JSON object on stdout: { "job", "read", "loaded", "rejected", "watermark" }.
 * Exit codes: 0 done, 1 the job failed, 2 bad usage or configuration, 3 the job is already running.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { loadConfigOrReport, type Config } from '../db/config.ts'
import { readLock } from '../db/lock.ts'
import { closeStores, openStores } from '../db/stores.ts'
import { RunRequest } from './control.ts'
import type { JobSummary } from './job.ts'
import { findJob, jobs } from './jobs/index.ts'
import { JobBusyError } from './lock.ts'
import { createLogger } from './log.ts'
import { runJob } from './runner.ts'
import { SOURCE_JOBS, scheduleFor } from './scheduler.ts'
import { lastRuns, type LastRun } from './state/runs.ts'
import { registerRollupSteps } from '../server.wiring.ts'

const USAGE = `Cách dùng / usage:
  npm run etl -- run <job> [--from ISO] [--to ISO] [--source URL | --file PATH] [--json] [--no-rollups]
  npm run etl -- list [--json]
Jobs: ${jobs.map((j) => j.name).join(', ')}`

class UsageError extends Error {}

export function publicSummary(s: JobSummary): {
  job: string
  read: number
  loaded: number
  rejected: Record<string, number>
  watermark: string | null
} {
  return { job: s.job, read: s.read, loaded: s.loaded, rejected: s.rejected, watermark: s.watermark }
}

function humanSummary(s: JobSummary, seconds: number): string {
  const rej = Object.entries(s.rejected)
  const total = rej.reduce((a, [, n]) => a + n, 0)
  const lines = [
    `✔ ${s.job}: đọc ${s.read.toLocaleString('vi-VN')}, nạp ${s.loaded.toLocaleString('vi-VN')}, loại ${total.toLocaleString('vi-VN')} trong ${seconds.toFixed(1)} s` +
      ` / read ${s.read}, loaded ${s.loaded}, rejected ${total}`,
  ]
  for (const [reason, n] of rej.sort((a, b) => b[1] - a[1])) lines.push(`    ${reason}: ${n}`)
  lines.push(`  mốc đồng bộ / watermark: ${s.watermark ?? '—'}`)
  return lines.join('\n')
}

async function post<T>(port: number, token: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/internal${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-control-token': token },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json().catch(() => ({ error: `server answered ${res.status} without JSON` }))) as T & { error?: string }
  if (res.status === 409) throw new JobBusyError(String((body as { job?: string })?.job ?? ''), json.error)
  if (!res.ok) throw new Error(json.error ?? `server answered ${res.status}`)
  return json
}

async function serveSimulator(config: Config): Promise<{ port: number; close(): Promise<void> }> {
  const [{ default: express }, { simRouter }, { simRouterOptions }] = await Promise.all([
    import('express'),
    import('./sim/router.ts'),
    import('./sim/mount.ts'),
  ])
  const app = express()
  app.use('/sim', simRouter(simRouterOptions(config)))
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject)
  })
  return {
    port: (server.address() as import('node:net').AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

async function runCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string' },
      file: { type: 'string' },
      json: { type: 'boolean' },
      'no-rollups': { type: 'boolean' },
    },
  })
  const [name] = positionals
  if (!name || positionals.length > 1) throw new UsageError('run needs exactly one job name')
  const job = findJob(name)
  if (!job) throw new UsageError(`unknown job "${name}"`)
  const parsed = RunRequest.safeParse({
    job: name,
    from: values.from,
    to: values.to,
    source: values.source,
    file: values.file ? path.resolve(values.file) : undefined,
  })
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; '))
  const req = parsed.data
  const json = values.json === true
  let t0 = Date.now()
  const log = createLogger({ level: 'warn', write: (line) => process.stderr.write(line + '\n') })

  let summary: JobSummary
  let jobSeconds: number
  const owner = readLock(config.dataDir)
  if (owner && owner.pid !== process.pid) {
    if (!owner.port)
      throw new Error(`máy chủ (pid ${owner.pid}) đang khởi động / the server (pid ${owner.pid}) is starting; try again in a moment`)
    if (!json)
      process.stderr.write(
        `→ máy chủ đang chạy (cổng ${owner.port}): gửi yêu cầu chạy ${name} / asking the running server to run ${name}…\n`,
      )
    t0 = Date.now()
    summary = await post<JobSummary>(owner.port, owner.token, '/etl/run', {
      job: name,
      from: req.from?.toISOString(),
      to: req.to?.toISOString(),
      source: req.source,
      file: req.file,
    })
    jobSeconds = (Date.now() - t0) / 1000
  } else {
    const stores = await openStores(config)
    registerRollupSteps() // this process does the server's work: its rollups end with the alert rules too
    let sim: { port: number; close(): Promise<void> } | null = null
    try {
      // No server and no TTHC_SOURCE_URL: serve the built-in simulator from this process, as the server would.
      if (!req.source && !req.file && config.simulator && (SOURCE_JOBS as readonly string[]).includes(name)) {
        sim = await serveSimulator(config)
        stores.runtime = { port: sim.port }
        if (!json) process.stderr.write(`→ nguồn: trình mô phỏng (dữ liệu tổng hợp) / source: the built-in simulator (synthetic data)\n`)
      }
      const bar = new cliProgress.SingleBar(
        {
          format: ` ${name} | {value} bản ghi / records | {speed} bản ghi/s`,
          stream: process.stderr,
          hideCursor: true,
          noTTYOutput: false,
        },
        cliProgress.Presets.shades_classic,
      )
      t0 = Date.now()
      if (!json) bar.start(0, 0, { speed: 0 })
      const progress = (done: number) => bar.update(done, { speed: Math.round(done / Math.max((Date.now() - t0) / 1000, 0.001)) })
      try {
        summary = await runJob(stores, job, {
          trigger: 'cli',
          window: { from: req.from ?? null, to: req.to ?? null },
          source: req.source || req.file ? { url: req.source, file: req.file } : undefined,
          progress: json ? undefined : progress,
          log,
        })
      } finally {
        if (!json) bar.stop()
      }
      jobSeconds = (Date.now() - t0) / 1000
      const rollups = findJob('rollups')
      if (rollups && !values['no-rollups'] && (SOURCE_JOBS as readonly string[]).includes(name) && summary.loaded > 0) {
        if (!json) process.stderr.write('→ tính lại tổng hợp / refreshing rollups…\n')
        await runJob(stores, rollups, { trigger: `after:${name}`, log })
      }
    } finally {
      await sim?.close()
      await closeStores()
    }
  }
  if (json) process.stdout.write(JSON.stringify(publicSummary(summary)) + '\n')
  else process.stdout.write(humanSummary(summary, jobSeconds) + '\n')
  return 0
}

type JobRow = { name: string; schedule: string; description: string; lastRun: LastRun | null }

async function listCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } })
  const owner = readLock(config.dataDir)
  let rows: JobRow[]
  if (owner && owner.pid !== process.pid && owner.port) rows = await post<JobRow[]>(owner.port, owner.token, '/etl/jobs')
  else {
    const stores = await openStores(config)
    try {
      const last = await lastRuns(stores.pg.db)
      rows = jobs.map((j) => ({ name: j.name, schedule: scheduleFor(j), description: j.description, lastRun: last.get(j.name) ?? null }))
    } finally {
      await closeStores()
    }
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(rows) + '\n')
    return 0
  }
  for (const r of rows) {
    const l = r.lastRun
    const last = l
      ? `${l.status} ${new Date(l.startedAt).toISOString()} đọc/read ${l.read} nạp/loaded ${l.loaded}${l.error ? ` — ${l.error}` : ''}`
      : 'chưa chạy / never run'
    process.stdout.write(`${r.name.padEnd(20)} ${r.schedule.padEnd(16)} ${last}\n    ${r.description}\n`)
  }
  return 0
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const config = loadConfigOrReport()
  if (!config) return 2
  try {
    if (command === 'run') return await runCommand(config, rest)
    if (command === 'list') return await listCommand(config, rest)
    throw new UsageError(command ? `unknown command "${command}"` : 'no command')
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(e as Error).message}\n${USAGE}\n`)
      return 2
    }
    if (e instanceof JobBusyError) {
      process.stderr.write(`Tác vụ đang chạy / ${e.message}\n`)
      return 3
    }
    process.stderr.write(`Lỗi / error: ${(e as Error).message}\n`)
    return 1
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
if (isMain) process.exit(await main(process.argv.slice(2)))
