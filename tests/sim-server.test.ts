/**
 * The simulator inside the app server, as an operator gets it: TTHC_SOURCE_URL unset → /sim serves the
 * contract (with the bearer token of TTHC_SOURCE_TOKEN), DEMO=on → the demo organisation is seeded once.
 * (Only cheap requests: a data page would build the whole 600k-dossier history in the server process.)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPgDatabase } from './support/stores.ts'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-sim-server-'))
const env: Record<string, string> = {}
let dropDb: (() => Promise<void>) | undefined

interface Running {
  proc: ChildProcess
  url: string
  output: () => string
}

async function start(): Promise<Running> {
  let output = ''
  const { TTHC_SOURCE_URL: _drop, ...inherited } = process.env
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...inherited, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'off', DEMO: 'on', TTHC_SOURCE_TOKEN: 'tok', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proc.stdout!.on('data', (d) => (output += d))
  proc.stderr!.on('data', (d) => (output += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000)
    const check = () => {
      const m = /đang chạy tại (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      } else if (proc.exitCode !== null) reject(new Error(`server exited ${proc.exitCode}:\n${output}`))
      else setTimeout(check, 100)
    }
    check()
  })
  return { proc, url, output: () => output }
}

async function stop(r: Running | undefined): Promise<void> {
  if (!r || r.proc.exitCode !== null) return
  const exited = new Promise((res) => r.proc.once('exit', res))
  r.proc.kill('SIGTERM')
  const timer = setTimeout(() => r.proc.kill('SIGKILL'), 30_000)
  await exited
  clearTimeout(timer)
}

let first: Running | undefined
let second: Running | undefined

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const db = await freshPgDatabase(process.env.DATABASE_URL)
    env.DATABASE_URL = db.url
    dropDb = db.drop
  }
  first = await start()
})

afterAll(async () => {
  await stop(first)
  await stop(second)
  await dropDb?.()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('the simulator mounted in the app server', () => {
  it('serves /sim for the configured province, labelled synthetic, behind the configured bearer token', async () => {
    const info = await fetch(`${first!.url}/sim/`)
    expect(info.status).toBe(200)
    expect(info.headers.get('x-synthetic-data')).toBe('true')
    expect(await info.json()).toMatchObject({ synthetic: true, province: '44', seed: 20250701, scale: 1, built: null })
    expect((await fetch(`${first!.url}/sim/dossiers?limit=1`)).status).toBe(401)
    const bad = await fetch(`${first!.url}/sim/dossiers?cursor=nonsense`, { headers: { authorization: 'Bearer tok' } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toBe('bad_cursor')
  })

  it('seeds the demo organisation once: on the first start, not again after a restart', async () => {
    expect(first!.output()).toMatch(/Dữ liệu mô phỏng \(synthetic\): 78 trung tâm, \d+ quầy, \d+ cán bộ, 546 dòng thiết bị, 6 xã khó khăn/)
    await stop(first)
    second = await start()
    expect((await fetch(`${second.url}/sim/`)).status).toBe(200)
    expect(second.output()).not.toMatch(/Dữ liệu mô phỏng \(synthetic\)/)
  })
})
