/**
 * `npm run users -- <command>`: accounts for operators.
 *
 *   add <email> --role <role>[,<role>] [--commune CODE] [--province CODE] [--name "…"]   password on standard input (≥ 10 chars)
 *   passwd <email>                                                      new password on standard input
 *   list [--json]
 *   token <email> [--label "…"]                                         prints a new API token once (stdout)
 *   tokens [<email>] [--json]
 *   revoke <token-id>
 *   push-sender <dstcode> --username <name> [--label "…"]          a system allowed to push to /dvcqg; prints its password once
 *
 * Opens the stores itself when no server runs; when the server owns DATA_DIR (embedded stores) it says so
 * and goes through the server's control endpoint (/internal/users, token from DATA_DIR/owner.lock).
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { loadConfigOrReport, type Config } from '../../db/config.ts'
import { readLock, DataDirBusyError } from '../../db/lock.ts'
import { closeStores, openStores } from '../../db/stores.ts'
import { z } from 'zod'
import { parseRoles, ROLES } from './roles.ts'
import { PasswordSchema } from './password.server.ts'
import { isUserError, opErrorMessage, runUserOp, type OpName } from './operations.server.ts'

const USAGE = `Cách dùng / usage:
  npm run users -- add <email> --role <${ROLES.join('|')}>[,…] [--commune MÃ_XÃ] [--province MÃ_TỈNH] [--name "Họ tên"]   (mật khẩu từ stdin / password on stdin)
  npm run users -- passwd <email>                 (mật khẩu mới từ stdin / new password on stdin)
  npm run users -- list [--json]
  npm run users -- token <email> [--label "…"]    (in mã truy cập mới một lần / prints a new API token once)
  npm run users -- tokens [<email>] [--json]
  npm run users -- revoke <token-id>
  npm run users -- push-sender <dstcode> --username <tên> [--label "…"]   (hệ thống gửi đồng bộ; in mật khẩu một lần / prints its password once)`

class UsageError extends Error {}

/** The first line of standard input (a pipe), or a hidden prompt on a terminal. */
async function readPassword(prompt: string): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write(prompt)
    return new Promise((resolve) => {
      let value = ''
      process.stdin.setRawMode(true)
      process.stdin.resume()
      process.stdin.setEncoding('utf8')
      const onData = (ch: string) => {
        for (const c of ch) {
          if (c === '\r' || c === '\n' || c === '\u0004') {
            process.stdin.setRawMode(false)
            process.stdin.pause()
            process.stdin.off('data', onData)
            process.stderr.write('\n')
            return resolve(value)
          }
          if (c === '\u0003') process.exit(130)
          value = c === '\u007f' ? value.slice(0, -1) : value + c
        }
      }
      process.stdin.on('data', onData)
    })
  }
  let input = ''
  for await (const chunk of process.stdin) input += chunk
  return input.split(/\r?\n/)[0] ?? ''
}

async function parse(argv: string[]): Promise<{ op: OpName; args: Record<string, unknown>; json: boolean }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      commune: { type: 'string' },
      province: { type: 'string' },
      name: { type: 'string' },
      label: { type: 'string' },
      username: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [cmd, arg] = positionals
  if (values.help || !cmd) throw new UsageError('')
  const need = (what: string) => {
    if (!arg) throw new UsageError(`thiếu ${what} / missing ${what}`)
    return arg
  }
  switch (cmd) {
    case 'add': {
      const email = need('<email>')
      if (!values.role) throw new UsageError('thiếu --role / missing --role')
      const roles = parseRoles(values.role) // checked before the stores are opened
      const password = PasswordSchema.parse(await readPassword('Mật khẩu / password (≥ 10): '))
      return {
        op: 'add',
        args: { email, roles, commune: values.commune ?? null, province: values.province ?? null, name: values.name ?? null, password },
        json: values.json!,
      }
    }
    case 'passwd':
      return {
        op: 'passwd',
        args: { email: need('<email>'), password: PasswordSchema.parse(await readPassword('Mật khẩu mới / new password (≥ 10): ')) },
        json: values.json!,
      }
    case 'list':
      return { op: 'list', args: {}, json: values.json! }
    case 'token':
      return { op: 'token', args: { email: need('<email>'), label: values.label ?? null }, json: values.json! }
    case 'tokens':
      return { op: 'tokens', args: { email: arg ?? null }, json: values.json! }
    case 'revoke':
      return { op: 'revoke', args: { id: need('<token-id>') }, json: values.json! }
    case 'push-sender':
      if (!values.username) throw new UsageError('thiếu --username / missing --username')
      return {
        op: 'push-sender',
        args: { dstcode: need('<dstcode>'), username: values.username, label: values.label ?? null },
        json: values.json!,
      }
    default:
      throw new UsageError(`lệnh không rõ / unknown command: ${cmd}`)
  }
}

async function viaServer(config: Config, port: number, token: string, op: OpName, args: unknown): Promise<unknown> {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST
  const res = await fetch(`http://${host}:${port}/internal/users/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-control-token': token },
    body: JSON.stringify({ args, operator: os.userInfo().username }),
  })
  const body = (await res.json().catch(() => ({}))) as { result?: unknown; error?: string }
  if (!res.ok) throw Object.assign(new Error(body.error ?? `HTTP ${res.status}`), { userError: res.status === 400 })
  return body.result
}

function print(op: OpName, result: unknown, json: boolean): void {
  if (json) return void console.log(JSON.stringify(result, null, 2))
  const r = result as Record<string, unknown> & Record<string, unknown>[]
  switch (op) {
    case 'add':
      return void console.log(
        `Đã tạo / created: ${r.email} [${(r.roles as string[]).join(', ')}]${r.communeCode ? ` xã ${r.communeCode}` : ''}`,
      )
    case 'passwd':
      return void console.log(`Đã đặt lại mật khẩu / password reset: ${r.email}`)
    case 'token':
      console.error(`Mã truy cập mới cho ${r.email} (id ${r.id}) — chỉ hiển thị một lần / shown once only:`)
      return void console.log(String(r.token))
    case 'revoke':
      return void console.log(`Đã thu hồi / revoked: ${r.id}`)
    case 'push-sender':
      console.error(`Hệ thống gửi ${r.dstcode} (${r.username}) — mật khẩu chỉ hiển thị một lần / password shown once only:`)
      return void console.log(String(r.password))
    case 'list':
      for (const u of r as unknown as {
        email: string
        roles: string[]
        communeCode: string | null
        active: boolean
        locked: boolean
        lastLoginAt: string | null
      }[])
        console.log(
          [
            u.email.padEnd(32),
            u.roles.join(',').padEnd(24),
            (u.communeCode ?? '').padEnd(6),
            u.active ? 'active' : 'INACTIVE',
            u.locked ? 'LOCKED' : '',
            u.lastLoginAt ?? '',
          ]
            .join('  ')
            .trimEnd(),
        )
      return
    case 'tokens':
      for (const t of r as unknown as {
        id: string
        email: string
        label: string | null
        revokedAt: string | null
        lastUsedAt: string | null
      }[])
        console.log([t.id.padEnd(22), t.email.padEnd(32), t.revokedAt ? `revoked ${t.revokedAt}` : 'active', t.label ?? ''].join('  '))
  }
}

async function main(): Promise<number> {
  let parsed
  try {
    parsed = await parse(process.argv.slice(2))
  } catch (e) {
    if (e instanceof z.ZodError) {
      console.error(`Lỗi / error: ${opErrorMessage(e)}`)
      return 1
    }
    const msg = (e as Error).message
    console.error((msg ? msg + '\n' : '') + USAGE)
    return 64
  }
  const config = loadConfigOrReport()
  if (!config) return 2
  const by = { actor: `cli:${os.userInfo().username}`, ip: 'local' }
  try {
    let result: unknown
    const owner = readLock(config.dataDir)
    if (owner && owner.pid !== process.pid) {
      if (!owner.port) {
        console.error(
          `Máy chủ (pid ${owner.pid}) đang khởi động và giữ ${config.dataDir}; thử lại sau giây lát. / The server is starting and owns DATA_DIR; retry shortly.`,
        )
        return 3
      }
      console.error(
        `Máy chủ đang chạy (pid ${owner.pid}, cổng ${owner.port}) và giữ thư mục dữ liệu ${config.dataDir}: thực hiện qua máy chủ.\n` +
          `The server (pid ${owner.pid}, port ${owner.port}) owns DATA_DIR: going through it.`,
      )
      result = await viaServer(config, owner.port, owner.token, parsed.op, parsed.args)
    } else {
      const stores = await openStores(config)
      try {
        result = await runUserOp(stores, parsed.op, parsed.args, by)
      } finally {
        await closeStores()
      }
    }
    print(parsed.op, result, parsed.json)
    return 0
  } catch (e) {
    if (e instanceof DataDirBusyError) {
      console.error(e.message)
      return 3
    }
    if (isUserError(e) || (e as { userError?: boolean }).userError) {
      console.error(`Lỗi / error: ${opErrorMessage(e)}`)
      return 1
    }
    console.error(e)
    return 1
  }
}

process.exit(await main())
