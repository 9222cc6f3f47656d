/**
 * The push receiver survives kill -9 between its reply and the load (ADR 021): the real server process
 * (`node --import tsx server.ts`, TTHC_SOURCE_KIND=dvcqg-push, scheduler on) acknowledges a sync, is killed
 * with SIGKILL before its drain runs, and after a restart the staging table is drained — every acknowledged
 * dossier is in ClickHouse, nothing is pending.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isNull } from 'drizzle-orm'
import { loadConfig } from '../db/config.ts'
import { pushItems } from '../db/pg/schema/index.ts'
import { closeStores, openStores } from '../db/stores.ts'
import { portalDossier, portalStep } from './support/dvcqg-fixtures.ts'
import { freshPgDatabase } from './support/stores.ts'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-push-kill-'))
const env: Record<string, string> = {
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  SCHEDULER: 'on',
  DEMO: 'off',
  TTHC_SOURCE_KIND: 'dvcqg-push',
  LOG_LEVEL: 'warn',
}
let dropDb: (() => Promise<void>) | undefined
const running: ChildProcess[] = []

function exited(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    p.exitCode !== null || p.signalCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code)),
  )
}

async function startServer(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(proc)
  let output = ''
  proc.stdout!.on('data', (d) => (output += d))
  proc.stderr!.on('data', (d) => (output += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000)
    const check = () => {
      const m = /đang chạy tại (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!.replace('localhost', '127.0.0.1'))
      } else if (proc.exitCode !== null) reject(new Error(`server exited ${proc.exitCode}:\n${output}`))
      else setTimeout(check, 100)
    }
    check()
  })
  return { proc, url }
}

const cli = async (script: string, args: string[]) =>
  (await run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...process.env, ...env } })).stdout

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', dstcode: 'H56.QT' },
    body: JSON.stringify(body),
  })
  return (await res.json()) as { error_code: number; session?: string }
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const db = await freshPgDatabase(process.env.DATABASE_URL)
    env.DATABASE_URL = db.url
    dropDb = db.drop
  }
})
afterAll(async () => {
  for (const p of running)
    if (p.exitCode === null && p.signalCode === null) {
      p.kill('SIGKILL')
      await exited(p)
    }
  await closeStores()
  await dropDb?.()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('push receiver: kill -9 between the reply and the load', () => {
  it('loses nothing: 25 acknowledged dossiers and their steps are loaded after the restart', async () => {
    const first = await startServer()
    const sender = JSON.parse(await cli('app/auth/cli.ts', ['push-sender', 'H56.QT', '--username', 'motcua.quangtri', '--json'])) as {
      password: string
    }
    const login = await post(`${first.url}/dvcqg/auth`, { username: 'motcua.quangtri', password: sender.password })
    expect(login.error_code).toBe(0)
    const ids = Array.from({ length: 25 }, (_, i) => `HS-K${String(i + 1).padStart(3, '0')}`)
    const call = (service: string, data: unknown[]) =>
      post(`${first.url}/dvcqg/integration`, { session: login.session, madonvi: '18904', service, data })
    expect(
      await call(
        'DongBoHoSoMC',
        ids.map((MaHoSo) => portalDossier({ MaHoSo })),
      ),
    ).toMatchObject({ error_code: 0 })
    const steps = ids.slice(0, 12).map((MaHoSo) => portalStep({ MaHoSo, NguoiXuLy: `cb-${MaHoSo}` }))
    expect(await call('CapNhatTienDoHoSoMC', steps.slice(0, 10))).toMatchObject({ error_code: 0 })
    expect(await call('CapNhatTienDoHoSoMC', steps.slice(10))).toMatchObject({ error_code: 0 })
    // Acknowledged; the drain it asked for would start 3 s later. Kill it now.
    first.proc.kill('SIGKILL')
    expect(await exited(first.proc)).toBeNull()

    // Restart: the start-up pull drains the staging table (wait for its dvcqg-push run to end).
    const restarted = Date.now()
    const second = await startServer()
    type LastRun = { status: string; read: number; loaded: number; startedAt: string } | null
    let last: LastRun = null
    for (let i = 0; i < 300 && !(last && last.status !== 'running' && Date.parse(last.startedAt) >= restarted); i++) {
      await new Promise((r) => setTimeout(r, 200))
      const jobs = JSON.parse(await cli('etl/cli.ts', ['list', '--json'])) as { name: string; lastRun: LastRun }[]
      last = jobs.find((j) => j.name === 'dvcqg-push')!.lastRun
    }
    expect(last).toMatchObject({ status: 'ok', read: 25, loaded: 25 })
    second.proc.kill('SIGTERM')
    expect(await exited(second.proc)).toBe(0)

    const stores = await openStores(loadConfig({ ...env }))
    const rs = await stores.ch.client.query({
      query: "SELECT dossier_id, officer_id FROM dossiers FINAL WHERE dossier_id LIKE 'HS-K%' ORDER BY dossier_id",
      format: 'JSONEachRow',
    })
    const rows = (await rs.json()) as { dossier_id: string; officer_id: string }[]
    expect(rows.map((r) => r.dossier_id)).toEqual(ids)
    expect(rows.filter((r) => r.officer_id === `cb-${r.dossier_id}`)).toHaveLength(12)
    expect(await stores.pg.db.$count(pushItems, isNull(pushItems.loadedAt))).toBe(0)
    expect(await stores.pg.db.$count(pushItems)).toBe(37)
  }, 300_000)
})
