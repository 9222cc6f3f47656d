/**
 * `npm run users` as an operator runs it, in its own DATA_DIR: add (password on standard input, checked
 * before anything is opened), list, token — first with no server (the CLI opens the stores itself), then
 * while the server owns the directory (it says so and goes through the server's control endpoint).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from './support/http.ts'
import { freshPgDatabase } from './support/stores.ts'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-users-cli-'))
const env: Record<string, string> = { DATA_DIR: dataDir, DEMO: 'off', SCHEDULER: 'off', PORT: '0', HOST: '127.0.0.1' }
let dropDb: (() => Promise<void>) | undefined
let server: ChildProcess | undefined
let firstToken = ''
const COMMUNE = '18880' // phường Đồng Hới, Quảng Trị
const OTHER = '18871' // phường Đồng Sơn

interface Run {
  code: number | null
  out: string
  err: string
}

function users(args: string[], stdin = '', viaNpm = false): Promise<Run> {
  const [cmd, argv] = viaNpm
    ? ['npm', ['run', '-s', 'users', '--', ...args]]
    : [process.execPath, ['--import', 'tsx', 'app/auth/cli.ts', ...args]]
  return new Promise((resolve) => {
    const p = spawn(cmd as string, argv as string[], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    p.stdout!.on('data', (d) => (out += d))
    p.stderr!.on('data', (d) => (err += d))
    p.stdin!.end(stdin)
    p.on('exit', (code) => resolve({ code, out, err }))
  })
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const db = await freshPgDatabase(process.env.DATABASE_URL)
    env.DATABASE_URL = db.url
    dropDb = db.drop
  }
})

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGKILL')
    await new Promise((r) => server!.once('exit', r))
  }
  await dropDb?.()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('npm run users, server not running', () => {
  it('refuses a short password or an unknown role at once, before opening anything', async () => {
    const short = await users(['add', 'admin@tinh.gov.vn', '--role', 'admin'], 'ngan\n')
    expect(short.code).toBe(1)
    expect(short.err).toContain('ít nhất 10 ký tự')
    const role = await users(['add', 'x@tinh.gov.vn', '--role', 'admin,boss'], 'du dai roi 12345\n')
    expect(role.code).toBe(1)
    expect(role.err).toContain('unknown role')
    expect(fs.existsSync(path.join(dataDir, 'owner.lock'))).toBe(false)
  })

  it('adds users (password from standard input) with roles and a commune, and refuses a commune role without a commune', async () => {
    const admin = await users(['add', 'Admin@Tinh.gov.vn', '--role', 'admin,it', '--name', 'Quản trị'], 'mật khẩu quản trị 1\n')
    expect(admin.err).toBe('')
    expect(admin.code).toBe(0)
    expect(admin.out).toContain('admin@tinh.gov.vn [it, admin]')
    const xa = await users(['add', 'xa@tinh.gov.vn', '--role', 'commune', '--commune', COMMUNE], 'mật khẩu của xã 12\n')
    expect(xa.code).toBe(0)
    expect(xa.out).toContain(`xa@tinh.gov.vn [commune] xã ${COMMUNE}`)
    const noCommune = await users(['add', 'xa2@tinh.gov.vn', '--role', 'commune'], 'mật khẩu của xã 12\n')
    expect(noCommune.code).toBe(1)
    expect(noCommune.err).toContain('cần mã xã')
    const dup = await users(['add', 'admin@tinh.gov.vn', '--role', 'admin'], 'mật khẩu quản trị 1\n')
    expect(dup.code).toBe(1)
    expect(dup.err).toContain('already exists')
  }, 180_000)

  it('lists the users and prints a new API token once on standard output', async () => {
    const list = await users(['list'], '', true)
    expect(list.code).toBe(0)
    expect(list.out.trim().split('\n')).toEqual([
      expect.stringMatching(/^admin@tinh\.gov\.vn\s+it,admin\s+active$/),
      expect.stringMatching(new RegExp(`^xa@tinh\\.gov\\.vn\\s+commune\\s+${COMMUNE}\\s+active$`)),
    ])
    const token = await users(['token', 'admin@tinh.gov.vn', '--label', 'IOC'])
    expect(token.code).toBe(0)
    expect(token.out).toMatch(/^mck_[A-Za-z0-9_-]{43}\n$/)
    expect(token.err).toContain('chỉ hiển thị một lần')
    firstToken = token.out.trim()
  }, 120_000)
})

describe('npm run users, server running', () => {
  it('says the server owns the data directory and goes through it; tokens and accounts work at once', async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    server.stdout!.on('data', (d) => (log += d))
    server.stderr!.on('data', (d) => (log += d))
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 90_000)
      const check = () => {
        const m = /đang chạy tại (http:\/\/\S+)/.exec(log)
        if (m) {
          clearTimeout(t)
          resolve(m[1]!.replace('localhost', '127.0.0.1'))
        } else if (server!.exitCode !== null) reject(new Error(log))
        else setTimeout(check, 100)
      }
      check()
    })
    const api = new HttpClient(url)
    expect((await api.get('/admin/users', { authorization: `Bearer ${firstToken}` })).status).toBe(200)

    const list = await users(['list'])
    expect(list.code).toBe(0)
    expect(list.err).toContain('owns DATA_DIR: going through it')
    expect(list.out).toContain('xa@tinh.gov.vn')

    const added = await users(['add', 'lanhdao@tinh.gov.vn', '--role', 'leadership'], 'mật khẩu lãnh đạo 9\n')
    expect(added.code).toBe(0)
    const lead = new HttpClient(url)
    expect((await lead.signIn('lanhdao@tinh.gov.vn', 'mật khẩu lãnh đạo 9')).status).toBe(302)
    expect((await lead.get('/admin/users')).status).toBe(403)

    const second = await users(['token', 'xa@tinh.gov.vn'])
    expect(second.code).toBe(0)
    const xaToken = second.out.trim()
    expect((await api.get(`/api/v1/kpi?commune=${OTHER}`, { authorization: `Bearer ${xaToken}` })).status).toBe(403)
    const tokens = await users(['tokens', 'xa@tinh.gov.vn', '--json'])
    const [{ id }] = JSON.parse(tokens.out) as { id: string }[]
    expect((await users(['revoke', id!])).code).toBe(0)
    expect((await api.get('/', { authorization: `Bearer ${xaToken}` })).status).toBe(401)

    const bad = await users(['token', 'nobody@tinh.gov.vn'])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('no user nobody@tinh.gov.vn')

    server.kill('SIGTERM')
    await new Promise((r) => server!.once('exit', r))
  }, 180_000)
})
