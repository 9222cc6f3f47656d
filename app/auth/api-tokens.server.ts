/**
 * API tokens for other systems (the provincial operations centre). A token acts as its user — same roles,
 * same commune — and is sent as `Authorization: Bearer <token>`. Stored as SHA-256; shown once. A token is
 * valid for `validDays` (default 365; null = no expiry), until revoked, and while its user is active.
 */
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm'
import { z } from 'zod'
import type { PgStore } from '../../db/pg/client.ts'
import { apiTokens, users } from '../../db/pg/schema/index.ts'
import { audit } from './audit.server.ts'
import { AccountError, type ActorRef } from './users.server.ts'
import { newId, randomToken, sha256 } from './secrets.server.ts'

type Pg = { pg: PgStore }

export const TOKEN_PREFIX = 'mck_'
const LabelSchema = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v) => v || null)

/** Validity a new token gets unless the admin chooses another (days). */
export const DEFAULT_TOKEN_DAYS = 365
export const TOKEN_DAY_CHOICES = [30, 90, 365] as const
const ValidDays = z.number().int().min(1).max(3660).nullable()

export interface TokenRow {
  id: string
  userId: string
  email: string
  label: string | null
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
  expiresAt: Date | null
}

/** Creates a token for a user; the returned `token` is the only time it is ever visible. */
export async function createApiToken(
  s: Pg,
  userId: string,
  label: string | null | undefined,
  by: ActorRef,
  opts: { validDays?: number | null; now?: Date } = {},
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const days = ValidDays.parse(opts.validDays === undefined ? DEFAULT_TOKEN_DAYS : opts.validDays)
  const expiresAt = days === null ? null : new Date((opts.now ?? new Date()).getTime() + days * 86_400_000)
  const [u] = await s.pg.db.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId))
  if (!u) throw new AccountError('Không tìm thấy tài khoản / no such user')
  if (!u.active) throw new AccountError('Tài khoản đã bị vô hiệu hóa / the account is deactivated')
  const token = TOKEN_PREFIX + randomToken(32)
  const id = newId('tok')
  await s.pg.db.insert(apiTokens).values({ id, userId, tokenHash: sha256(token), label: LabelSchema.parse(label), expiresAt })
  await audit(s, {
    ...by,
    action: 'token.create',
    target: u.email,
    detail: { tokenId: id, label: label ?? null, expiresAt: expiresAt?.toISOString() ?? null },
  })
  return { id, token, expiresAt }
}

export async function listApiTokens(s: Pg, userId?: string): Promise<TokenRow[]> {
  const rows = await s.pg.db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      email: users.email,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId) : undefined)
    .orderBy(desc(apiTokens.createdAt))
  return rows
}

export async function revokeApiToken(s: Pg, id: string, by: ActorRef): Promise<void> {
  const [t] = await s.pg.db
    .select({ email: users.email, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.id, id))
  if (!t) throw new AccountError('Không tìm thấy mã truy cập / no such token')
  if (t.revokedAt) return
  await s.pg.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id))
  await audit(s, { ...by, action: 'token.revoke', target: t.email, detail: { tokenId: id } })
}

/** The user id a presented token belongs to, or null (unknown, revoked, expired). Records when it was last used. */
export async function resolveApiToken(s: Pg, token: string, now = new Date()): Promise<{ tokenId: string; userId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null
  const [t] = await s.pg.db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
  if (!t) return null
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000)
    await s.pg.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id))
  return { tokenId: t.id, userId: t.userId }
}
