/**
 * Who is asking: a session cookie or an API token (`Authorization: Bearer`). Shared by the express gate
 * and the Remix guards, so both see the same user with the same roles and commune.
 */
import { and, eq } from 'drizzle-orm'
import type { PgStore } from '../../db/pg/client.ts'
import { userRoles, users } from '../../db/pg/schema/index.ts'
import { resolveApiToken } from './api-tokens.server.ts'
import type { Principal } from './permissions.ts'
import { ROLES, type Role } from './roles.ts'
import { readCookie, readSession, SESSION_COOKIE } from './sessions.server.ts'

type Pg = { pg: PgStore }

export interface AuthUser extends Principal {
  id: string
  email: string
  displayName: string | null
  roles: Role[]
  communeCode: string | null
  provinceCode: string | null
  via: 'session' | 'token'
  /** The raw session token (never stored): the CSRF token is derived from it. */
  sessionToken?: string
  tokenId?: string
}

export type Identity =
  | { kind: 'anonymous'; expired: boolean }
  /** A Bearer token was sent but is unknown, revoked, or its user is inactive: 401, never a fallback to the cookie. */
  | { kind: 'bad-token' }
  | { kind: 'user'; user: AuthUser }

/** An active user with roles, or null. */
export async function loadActiveUser(s: Pg, userId: string): Promise<Omit<AuthUser, 'via'> | null> {
  const [u] = await s.pg.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
  if (!u) return null
  const rows = await s.pg.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))
  const roles = ROLES.filter((r) => rows.some((x) => x.role === r))
  return { id: u.id, email: u.email, displayName: u.displayName, roles, communeCode: u.communeCode, provinceCode: u.provinceCode }
}

export function bearerToken(authorization: string | null | undefined): string | null | undefined {
  if (!authorization) return undefined
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  return m ? m[1]! : null
}

export async function identify(
  s: Pg,
  headers: { cookie?: string | null; authorization?: string | null },
  now = new Date(),
): Promise<Identity> {
  const bearer = bearerToken(headers.authorization)
  if (bearer !== undefined) {
    const t = bearer ? await resolveApiToken(s, bearer, now) : null
    const user = t ? await loadActiveUser(s, t.userId) : null
    return user ? { kind: 'user', user: { ...user, via: 'token', tokenId: t!.tokenId } } : { kind: 'bad-token' }
  }
  const token = readCookie(headers.cookie, SESSION_COOKIE)
  if (!token) return { kind: 'anonymous', expired: false }
  const session = await readSession(s, token, now)
  const user = session ? await loadActiveUser(s, session.userId) : null
  if (!user) return { kind: 'anonymous', expired: true }
  return { kind: 'user', user: { ...user, via: 'session', sessionToken: token } }
}
