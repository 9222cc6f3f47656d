/**
 * The audit log: who did what, when, from where. Append-only. Other areas call `audit(stores, {...})`
 * for imports, accepted reallocations, budget plans and every other decision they record.
 */
import { toYmd } from '../lib/day-input.ts'
import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { PgStore } from '../../db/pg/client.ts'
import { auditLog } from '../../db/pg/schema/index.ts'

/** Actions written by the accounts area; other areas use their own dotted names (e.g. `import.file`). */
export const AUTH_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.throttled',
  'auth.sign_out',
  'user.create',
  'user.roles',
  'user.deactivate',
  'user.activate',
  'user.password_reset',
  'user.unlock',
  'token.create',
  'token.revoke',
] as const

export interface AuditEntry {
  /** Who: a user's e-mail, `cli:<os user>`, `system`, or null when unknown (a failed sign-in). */
  actor: string | null
  /** What, as a dotted name: `auth.sign_in`, `import.file`, `reallocation.accept`, `budget_plan.approve`… */
  action: string
  /** On what: a user's e-mail, a commune code, a plan id… */
  target?: string | null
  /** Anything else worth keeping (JSON). Never passwords or tokens. */
  detail?: unknown
  /** From where: the client's IP address (see `clientIp(request)` in guard.server.ts). */
  ip?: string | null
}

const EntrySchema = z.object({
  actor: z.string().max(320).nullable(),
  action: z.string().min(1).max(100),
  target: z.string().max(500).nullish(),
  detail: z.unknown().optional(),
  ip: z.string().max(100).nullish(),
})

export async function audit(stores: { pg: PgStore }, entry: AuditEntry): Promise<void> {
  const e = EntrySchema.parse(entry)
  await stores.pg.db.insert(auditLog).values({
    actor: e.actor,
    action: e.action,
    target: e.target ?? null,
    detail: e.detail === undefined ? null : (e.detail as object),
    ip: e.ip ?? null,
  })
}

export const AuditFilterSchema = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  actor: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => v || undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  from: z.preprocess(
    toYmd,
    z.iso
      .date()
      .optional()
      .or(z.literal('').transform(() => undefined)),
  ),
  to: z.preprocess(
    toYmd,
    z.iso
      .date()
      .optional()
      .or(z.literal('').transform(() => undefined)),
  ),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})
export type AuditFilter = z.infer<typeof AuditFilterSchema>
export const AUDIT_PAGE_SIZE = 50

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)

/** A page of the log, newest first. Dates are days in Asia/Ho_Chi_Minh (UTC+7), `to` inclusive. */
export async function listAudit(stores: { pg: PgStore }, f: AuditFilter) {
  const where: SQL[] = []
  if (f.action) where.push(f.action.endsWith('.') ? ilike(auditLog.action, escapeLike(f.action) + '%') : eq(auditLog.action, f.action))
  if (f.actor) where.push(ilike(auditLog.actor, '%' + escapeLike(f.actor) + '%'))
  if (f.q) where.push(or(ilike(auditLog.target, '%' + escapeLike(f.q) + '%'), ilike(auditLog.ip, escapeLike(f.q) + '%'))!)
  if (f.from) where.push(gte(auditLog.at, new Date(`${f.from}T00:00:00+07:00`)))
  if (f.to) where.push(lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00+07:00`).getTime() + 86_400_000)))
  const cond = where.length ? and(...where) : undefined
  const [total] = await stores.pg.db.select({ n: count() }).from(auditLog).where(cond)
  const rows = await stores.pg.db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE)
  return { rows, total: Number(total?.n ?? 0), page: f.page, pageSize: AUDIT_PAGE_SIZE }
}
