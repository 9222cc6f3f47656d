/**
 * The whole process as an operator runs it: `node --import tsx server.ts` on a fresh data directory
 * with embedded stores, /healthz, a refused second instance on the same directory, and a clean stop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPgDatabase } from './support/stores.ts'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-server-'))
let server: ChildProcess
let output = ''
let url = ''
let dropDb: (() => Promise<void>) | undefined
const env: Record<string, string> = {}

function start(extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'off', DEMO: 'off', ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function exited(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))))
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const db = await freshPgDatabase(process.env.DATABASE_URL)
    env.DATABASE_URL = db.url
    dropDb = db.drop
  }
  server = start()
  server.stdout!.on('data', (d) => (output += d))
  server.stderr!.on('data', (d) => (output += d))
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000)
    const check = () => {
      const m = /đang chạy tại (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      } else if (server.exitCode !== null) reject(new Error(`server exited ${server.exitCode}:\n${output}`))
      else setTimeout(check, 100)
    }
    check()
  })
})

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGKILL')
    await exited(server)
  }
  await dropDb?.()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('server process', () => {
  it('prints its URL and answers /healthz with the stores in use and the applied migrations', async () => {
    const res = await fetch(`${url}/healthz`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.status).toBe('ok')
    expect(body.postgres).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite')
    expect(body.clickhouse).toBe('chdb')
    expect(body.migrations.postgres).toEqual(
      JSON.parse(fs.readFileSync(path.join(root, 'db/pg/migrations/meta/_journal.json'), 'utf8')).entries.map(
        (e: { tag: string }) => e.tag,
      ),
    )
    expect(body.migrations.clickhouse).toEqual(
      fs
        .readdirSync(path.join(root, 'db/clickhouse/migrations'))
        .filter((f) => f.endsWith('.sql'))
        .map((f) => Number(f.slice(0, 4)))
        .sort((a, b) => a - b),
    )
  })

  it('refuses a second process on the same data directory with a clear message, leaving the first running', async () => {
    const second = start()
    let out = ''
    second.stdout!.on('data', (d) => (out += d))
    second.stderr!.on('data', (d) => (out += d))
    expect(await exited(second)).toBe(3)
    expect(out).toContain(`Data directory ${dataDir} is in use by process ${server.pid}`)
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
  })

  it('stops cleanly on SIGTERM and releases the data directory', async () => {
    server.kill('SIGTERM')
    expect(await exited(server)).toBe(0)
    expect(output).toContain('stopped cleanly')
    expect(fs.existsSync(path.join(dataDir, 'owner.lock'))).toBe(false)
  })
})
