/**
 * The operator commands of `npm run users`, as functions on open stores. The CLI calls them directly when
 * it owns the stores, and through the running server's control endpoint (control.server.ts) otherwise.
 */
import { z } from 'zod'
import type { PgStore } from '../../db/pg/client.ts'
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.server.ts'
import { createPushSender } from './push-senders.server.ts'
import { parseRoles } from './roles.ts'
import { AccountError, createUser, findUserByEmail, listUsers, resetPassword, type ActorRef } from './users.server.ts'

type Pg = { pg: PgStore }

const Email = z.string().min(3).max(254)

export const OpArgs = {
  add: z.object({
    email: Email,
    roles: z.union([z.string(), z.array(z.string())]),
    commune: z.string().nullish(),
    province: z.string().nullish(),
    name: z.string().nullish(),
    password: z.string(),
  }),
  list: z.object({}),
  token: z.object({ email: Email, label: z.string().nullish() }),
  tokens: z.object({ email: Email.nullish() }),
  revoke: z.object({ id: z.string().min(1).max(100) }),
  passwd: z.object({ email: Email, password: z.string() }),
  'push-sender': z.object({ dstcode: z.string(), username: z.string(), label: z.string().nullish() }),
} as const
export type OpName = keyof typeof OpArgs
export const OP_NAMES = Object.keys(OpArgs) as OpName[]

async function userByEmail(s: Pg, email: string) {
  const u = await findUserByEmail(s, email)
  if (!u) throw new AccountError(`Không có tài khoản ${email} / no user ${email}`)
  return u
}

/** Runs one command; the result is plain JSON (dates as ISO strings). */
export async function runUserOp(s: Pg, op: OpName, rawArgs: unknown, by: ActorRef): Promise<unknown> {
  switch (op) {
    case 'add': {
      const a = OpArgs.add.parse(rawArgs)
      const u = await createUser(
        s,
        {
          email: a.email,
          roles: parseRoles(a.roles),
          communeCode: a.commune ?? null,
          provinceCode: a.province ?? null,
          displayName: a.name ?? null,
          password: a.password,
        },
        by,
      )
      return { id: u.id, email: u.email, roles: u.roles, communeCode: u.communeCode, provinceCode: u.provinceCode }
    }
    case 'list':
      return (await listUsers(s)).map((u) => ({
        email: u.email,
        roles: u.roles,
        communeCode: u.communeCode,
        provinceCode: u.provinceCode,
        active: u.active,
        locked: !!u.lockedUntil && u.lockedUntil.getTime() > Date.now(),
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      }))
    case 'token': {
      const a = OpArgs.token.parse(rawArgs)
      const u = await userByEmail(s, a.email)
      return { email: u.email, ...(await createApiToken(s, u.id, a.label ?? null, by)) }
    }
    case 'tokens': {
      const a = OpArgs.tokens.parse(rawArgs)
      const u = a.email ? await userByEmail(s, a.email) : null
      return (await listApiTokens(s, u?.id)).map((t) => ({
        id: t.id,
        email: t.email,
        label: t.label,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        revokedAt: t.revokedAt?.toISOString() ?? null,
      }))
    }
    case 'revoke': {
      const a = OpArgs.revoke.parse(rawArgs)
      await revokeApiToken(s, a.id, by)
      return { id: a.id, revoked: true }
    }
    case 'push-sender': {
      const a = OpArgs['push-sender'].parse(rawArgs)
      const created = await createPushSender(s, a, by)
      return { id: created.id, dstcode: a.dstcode, username: a.username, password: created.password }
    }
    case 'passwd': {
      const a = OpArgs.passwd.parse(rawArgs)
      const u = await userByEmail(s, a.email)
      await resetPassword(s, u.id, a.password, by)
      return { email: u.email, passwordReset: true }
    }
  }
}

/** A message fit for an operator from an error thrown by an op (validation or refusal). */
export function opErrorMessage(e: unknown): string {
  if (e instanceof z.ZodError) return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ')
  return (e as Error).message
}
export const isUserError = (e: unknown) => e instanceof z.ZodError || e instanceof AccountError
