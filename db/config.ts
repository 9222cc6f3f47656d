/**
 * The one place the environment is read. Validated with zod at start; a bad value stops the
 * process with one message that names the variable (see `loadConfig`).
 */
import net from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { LIMITS_ENV } from './config-limits.ts'
import { LOAD_ENV } from './config-load.ts'
import { missingSourceVariable, SourceEnv } from './config-sources.ts'

const optionalUrl = (schemes: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || schemes.some((s) => v.startsWith(s + '://')), {
      message: `must be a URL starting with ${schemes.map((s) => s + '://').join(' or ')}`,
    })

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined))

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal']
/**
 * Which proxies in front of the app may set X-Forwarded-For (Express's `trust proxy`): unset = none (the
 * client address is the socket's); a hop count ("1"); or a comma list of presets (loopback, linklocal,
 * uniquelocal) and IPs/CIDRs. "true" (trust anyone) is refused: any client could then forge its address
 * and dodge the per-IP sign-in lock-out.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): false | number | string => {
    if (!v) return false
    if (/^\d+$/.test(v)) return Number(v)
    const parts = v.split(',').map((p) => p.trim())
    const bad = parts.find((p) => !PROXY_PRESETS.includes(p) && !net.isIP(p.split('/')[0]!))
    if (bad !== undefined || parts.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a hop count or a comma list of ${PROXY_PRESETS.join(', ')} and IP addresses/CIDRs${bad !== undefined ? ` ("${bad}" is neither)` : ''}`,
      })
      return z.NEVER
    }
    return parts.join(', ')
  })

/**
 * Addresses from which an administrator is never throttled or blocked at sign-in (ADR 023): a comma list of
 * IPs and CIDRs (e.g. the IT office's network "10.20.0.0/16, 192.168.5.10"). Unset = none.
 */
const trustedNetworks = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): string[] => {
    if (!v) return []
    const parts = v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
    const bad = parts.find((p) => {
      const [addr, bits, extra] = p.split('/')
      const family = net.isIP(addr ?? '')
      if (!family || extra !== undefined) return true
      if (bits === undefined) return false
      return !/^\d+$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128)
    })
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `must be a comma list of IP addresses and CIDRs ("${bad}" is neither)` })
      return z.NEVER
    }
    return parts
  })

const EnvSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  CLICKHOUSE_URL: optionalUrl(['http', 'https']),
  CLICKHOUSE_USER: optionalText,
  CLICKHOUSE_PASSWORD: optionalText,
  CLICKHOUSE_DATABASE: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)')
    .default('mot_cua_kpi'),
  CLICKHOUSE_CLUSTER: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // 0 = any free port (tests).
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  TRUST_PROXY: trustProxy,
  TRUSTED_ADMIN_NETWORKS: trustedNetworks,
  TTHC_SOURCE_URL: optionalUrl(['http', 'https']),
  TTHC_SOURCE_TOKEN: optionalText,
  PROVINCE_CODE: z
    .string()
    .trim()
    .regex(/^(\d{2}|all)$/, "must be a two-digit province code from vn-provinces.csv (Quảng Trị is 44), or 'all' for the whole country")
    .default('44'),
  /** The built-in simulator's volume: a multiple of Quảng Trị's calibrated load per commune (unset: 1 for a
   * province, 0.02 for the whole country — ADR 033). */
  SIM_SCALE: z.coerce.number().positive().max(20).optional(),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  DEMO: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Scheduled reports (ADR 030): mailed through this server when set (smtp://user:pass@host:port), else only stored. */
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  REPORT_MAIL_FROM: z.string().trim().min(3).default('Một Cửa KPI <bao-cao@localhost>'),
  /** The Chromium that renders the reports to PDF (Debian's; never a downloaded browser). */
  CHROMIUM_PATH: z.string().trim().min(1).default('/usr/bin/chromium'),
  /** The data page flags a commune that sent no dossier data for longer than this (hours; 72 covers a weekend). */
  COMMUNE_SILENT_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  ...LIMITS_ENV,
  ...LOAD_ENV,
  ...SourceEnv,
})

export type Env = z.infer<typeof EnvSchema>

export interface Config extends Env {
  /** Absolute data directory. */
  dataDir: string
  pgKind: 'pglite' | 'postgres'
  chKind: 'chdb' | 'server'
  /** The built-in simulator is the source (contract adapter without TTHC_SOURCE_URL): data is synthetic. */
  simulator: boolean
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Cấu hình không hợp lệ / invalid configuration: ${variable} ${detail}`)
    this.name = 'ConfigError'
  }
}

/** Parses an environment (default `process.env`); throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const variable = String(issue.path[0] ?? 'environment')
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(env[variable] ?? null)})`)
  }
  const e = parsed.data
  if (e.CLICKHOUSE_CLUSTER && !e.CLICKHOUSE_URL)
    throw new ConfigError('CLICKHOUSE_CLUSTER', 'needs CLICKHOUSE_URL: the embedded chDB engine is a single node')
  const missing = missingSourceVariable(e)
  if (missing) throw new ConfigError(missing[0], missing[1])
  return {
    ...e,
    dataDir: path.resolve(e.DATA_DIR),
    pgKind: e.DATABASE_URL ? 'postgres' : 'pglite',
    chKind: e.CLICKHOUSE_URL ? 'server' : 'chdb',
    simulator: e.TTHC_SOURCE_KIND === 'contract' && !e.TTHC_SOURCE_URL,
  }
}

/**
 * For entry points (server, CLIs): the configuration, or `undefined` after printing the one clear
 * message to standard error (the caller exits with code 2).
 */
export function loadConfigOrReport(env: Record<string, string | undefined> = process.env): Config | undefined {
  try {
    return loadConfig(env)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    process.stderr.write(e.message + '\n')
    return undefined
  }
}
