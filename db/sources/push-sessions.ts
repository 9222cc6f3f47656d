/**
 * The receiver's sessions: what `auth` hands out after checking a sender's credentials, and what every call
 * presents in its `session` field. Random 256-bit strings; only their SHA-256 is stored, with an expiry
 * (DVCQG_PUSH_SESSION_HOURS). A session belongs to one sender; a deactivated sender's sessions stop working.
 */
import { and, eq, gt, lt, sql } from 'drizzle-orm'
import crypto from 'node:crypto'
import type { Db } from '../pg/client.ts'
import { pushSenders, pushSessions } from '../pg/schema/index.ts'

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex')

export async function createPushSession(db: Db, senderId: number, hours: number, now = new Date()): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  await db.insert(pushSessions).values({ tokenHash: sha256(token), senderId, expiresAt: new Date(now.getTime() + hours * 3600_000) })
  // Expired sessions of any sender go now and then (a client that logs in before every call makes many).
  await db.delete(pushSessions).where(lt(pushSessions.expiresAt, now))
  await db.update(pushSenders).set({ lastSeenAt: now }).where(eq(pushSenders.id, senderId))
  return token
}

/** The sender of a live session, or null (unknown, expired, sender deactivated, or another sender's dstcode). */
export async function resolvePushSession(
  db: Db,
  token: unknown,
  dstcode: string | undefined,
  now = new Date(),
): Promise<{ id: number; dstcode: string } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  const [row] = await db
    .select({ id: pushSenders.id, dstcode: pushSenders.dstcode, lastSeenAt: pushSenders.lastSeenAt })
    .from(pushSessions)
    .innerJoin(pushSenders, eq(pushSenders.id, pushSessions.senderId))
    .where(and(eq(pushSessions.tokenHash, sha256(token)), gt(pushSessions.expiresAt, now), eq(pushSenders.active, true)))
  if (!row || (dstcode !== undefined && dstcode !== row.dstcode)) return null
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > 60_000)
    await db
      .update(pushSenders)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(pushSenders.id, row.id))
  return { id: row.id, dstcode: row.dstcode }
}
