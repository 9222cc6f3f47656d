/**
 * `npm run etl`: asks the server that owns DATA_DIR (owner.lock → port + token) to run the job, or opens
 * the stores itself when no server runs; `--json` prints exactly one JSON object.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import express from 'express'
import { controlRouter } from '../etl/control.ts'
import { acquireJobLock } from '../etl/lock.ts'
import { startScheduler, type Scheduler } from '../etl/scheduler.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { freshPgDatabase, openTestStores, type TestStores } from './support/stores.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TOKEN = 'a'.repeat(48)

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TTHC_|DATABASE_URL|CLICKHOUSE_|DATA_DIR|PORT)/.test(k)),
  ) as Record<string, string>
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'etl/cli.ts', ...args],
      { cwd: root, env: { ...clean, LOG_LEVEL: 'warn', ...env } as unknown as NodeJS.ProcessEnv, timeout: 90_000, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

let src: SourceServer
let s: TestStores
let scheduler: Scheduler
let server: import('node:http').Server
let dataDir: string
const records = [
  dossier({ MaHoSo: 'HS-C1' }),
  dossier({ MaHoSo: 'HS-C2', CapNhatLuc: '2026-03-02T09:00:00+07:00' }),
  dossier({ MaHoSo: 'HS-C3', MaDonVi: '00000' }),
]

beforeAll(async () => {
  src = await startSourceServer()
  src.set('dossiers', records)
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'warn' })
  scheduler = startScheduler(s, undefined, false)
  const app = express()
  app.use('/internal', controlRouter(scheduler, TOKEN, s))
  server = await new Promise((r) => {
    const srv = app.listen(0, '127.0.0.1', () => r(srv))
  })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-etl-cli-'))
  // What a running server writes: this test process plays the server.
  const { port } = server.address() as AddressInfo
  fs.writeFileSync(
    path.join(dataDir, 'owner.lock'),
    JSON.stringify({ pid: process.pid, port, token: TOKEN, startedAt: new Date().toISOString() }),
  )
})
afterAll(async () => {
  await scheduler?.stop()
  await new Promise((r) => server?.close(r))
  await s?.dispose()
  await src?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('etl CLI through the running server', () => {
  it('run dossiers --json prints exactly one JSON object { job, read, loaded, rejected, watermark }', async () => {
    const r = await cli(['run', 'dossiers', '--json'], { DATA_DIR: dataDir })
    expect(r.code).toBe(0)
    expect(r.stdout.endsWith('\n')).toBe(true)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['job', 'read', 'loaded', 'rejected', 'watermark'])
    expect(out).toEqual({ job: 'dossiers', read: 3, loaded: 2, rejected: { unknown_unit: 1 }, watermark: '2026-03-02T09:00:00.000+07:00' })
  })

  it('passes --file (made absolute) and --from/--to to the server', async () => {
    const file = path.join(dataDir, 'ho-so.csv')
    fs.writeFileSync(
      file,
      'Mã hồ sơ,Mã đơn vị,Trạng thái,Kênh thực hiện,Ngày tiếp nhận,Cập nhật lúc\nHS-C9,18904,2,1,02/03/2026 08:00,02/03/2026 08:00\n',
    )
    const r = await cli(['run', 'dossiers', '--file', path.relative(root, file), '--json'], { DATA_DIR: dataDir })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ job: 'dossiers', read: 1, loaded: 1, rejected: {} })
    const w = await cli(['run', 'dossiers', '--from', '2026-03-02T08:30:00+07:00', '--to', '2026-03-03T00:00:00+07:00', '--json'], {
      DATA_DIR: dataDir,
    })
    expect(JSON.parse(w.stdout)).toMatchObject({ read: 1, loaded: 1 }) // HS-C2 only
  })

  it('a job already running: exit code 3 and a message (the endpoint answered 409)', async () => {
    const lease = await acquireJobLock(s, 'dossiers')
    try {
      const r = await cli(['run', 'dossiers', '--json'], { DATA_DIR: dataDir })
      expect(r.code).toBe(3)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/job dossiers is already running/)
    } finally {
      await lease.release()
    }
  })

  it('the control endpoint refuses a wrong token (403) and a bad request (400)', async () => {
    const { port } = server.address() as AddressInfo
    const post = (body: unknown, token = TOKEN) =>
      fetch(`http://127.0.0.1:${port}/internal/etl/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-control-token': token },
        body: JSON.stringify(body),
      })
    expect((await post({ job: 'dossiers' }, 'b'.repeat(48))).status).toBe(403)
    const bad = await post({ job: 'dossiers', from: 'hôm qua' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/from: not an ISO 8601 time/)
    expect((await post({ job: 'không-có' })).status).toBe(400)
  })

  it('list --json shows every job with its schedule and last run', async () => {
    const r = await cli(['list', '--json'], { DATA_DIR: dataDir })
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout) as { name: string; schedule: string; lastRun: { status: string } | null }[]
    expect(rows.map((j) => j.name)).toEqual(
      expect.arrayContaining(['dossiers', 'ratings', 'complaints', 'queue-tickets', 'staffing-snapshot', 'equipment-snapshot']),
    )
    expect(rows.find((j) => j.name === 'dossiers')).toMatchObject({ schedule: '*/5 * * * *', lastRun: { status: 'ok' } })
    expect(rows.find((j) => j.name === 'ratings')!.lastRun).toBeNull()
  })

  it('bad usage exits 2 with the usage text', async () => {
    const r = await cli(['run', 'không-có-việc-này'], { DATA_DIR: dataDir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown job "không-có-việc-này"[\s\S]*npm run etl -- run <job>/)
  })
})

describe('etl CLI without a server', () => {
  it('opens the stores itself, runs, prints the JSON summary; list reads the run log', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-etl-cli-own-'))
    const db = process.env.DATABASE_URL ? await freshPgDatabase(process.env.DATABASE_URL) : null
    const env = { DATA_DIR: dir, TTHC_SOURCE_URL: src.url, ...(db ? { DATABASE_URL: db.url } : {}) }
    try {
      const r = await cli(['run', 'dossiers', '--json', '--no-rollups'], env)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual({
        job: 'dossiers',
        read: 3,
        loaded: 2,
        rejected: { unknown_unit: 1 },
        watermark: '2026-03-02T09:00:00.000+07:00',
      })
      expect(fs.existsSync(path.join(dir, 'owner.lock'))).toBe(false) // released
      const l = await cli(['list', '--json'], env)
      const rows = JSON.parse(l.stdout) as { name: string; lastRun: { status: string; loaded: number } | null }[]
      expect(rows.find((j) => j.name === 'dossiers')!.lastRun).toMatchObject({ status: 'ok', loaded: 2 })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
      await db?.drop()
    }
  })
})
