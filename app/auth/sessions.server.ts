/**
 * Sign-in sessions. The cookie holds a random token; Postgres holds only its SHA-256 (a leaked table does
 * not give working sessions). Idle expiry slides with use; the absolute limit does not.
 */
import { and, eq, lt } from 'drizzle-orm'
import type { PgStore } from '../../db/pg/client.ts'
import { sessions } from '../../db/pg/schema/index.ts'
import { randomToken, sha256 } from './secrets.server.ts'

type Pg = { pg: PgStore }

/** Signed out after 2 hours without a request… */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000
/** …and in any case 12 hours after signing in (one working day). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
/** The idle deadline is pushed forward at most once a minute (not a write per request). */
const TOUCH_EVERY_MS = 60 * 1000

export const SESSION_COOKIE = 'mck_session'

export interface SessionRecord {
  id: string
  userId: string
  createdAt: Date
  expiresAt: Date
}

export async function createSession(
  s: Pg,
  userId: string,
  ip: string | null,
  now = new Date(),
): Promise<{ token: string; record: SessionRecord }> {
  const token = randomToken(32)
  const record = { id: sha256(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) }
  await s.pg.db.insert(sessions).values({ ...record, ip })
  // Housekeeping: expired sessions are useless; drop them when someone signs in.
  await s.pg.db.delete(sessions).where(lt(sessions.expiresAt, now))
  return { token, record }
}

/** The live session for a cookie token, its idle deadline extended; null when unknown or expired. */
export async function readSession(s: Pg, token: string, now = new Date()): Promise<SessionRecord | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const id = sha256(token)
  const [row] = await s.pg.db.select().from(sessions).where(eq(sessions.id, id))
  if (!row) return null
  const absolute = row.createdAt.getTime() + SESSION_ABSOLUTE_MS
  if (row.expiresAt.getTime() <= now.getTime() || absolute <= now.getTime()) {
    await s.pg.db.delete(sessions).where(eq(sessions.id, id))
    return null
  }
  const wanted = Math.min(now.getTime() + SESSION_IDLE_MS, absolute)
  if (wanted - row.expiresAt.getTime() >= TOUCH_EVERY_MS) {
    const expiresAt = new Date(wanted)
    await s.pg.db
      .update(sessions)
      .set({ expiresAt })
      .where(and(eq(sessions.id, id)))
    return { id, userId: row.userId, createdAt: row.createdAt, expiresAt }
  }
  return { id, userId: row.userId, createdAt: row.createdAt, expiresAt: row.expiresAt }
}

export async function destroySession(s: Pg, token: string): Promise<void> {
  await s.pg.db.delete(sessions).where(eq(sessions.id, sha256(token)))
}

/** Set-Cookie for a new session: httpOnly, SameSite=Lax, Secure over https, gone at the absolute limit. */
export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(SESSION_ABSOLUTE_MS / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(secure ? ['Secure'] : [])].join('; ')
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || null
  }
  return null
}
