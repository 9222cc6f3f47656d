/**
 * Credentials of the provincial systems that push dossiers to our national-portal receiver (ADR 021): one per
 * sending system, named by its unit code (`dstcode` header) with a username and a generated password, shown
 * once and stored as an scrypt hash like users' passwords. The admin creates, resets and deactivates them
 * (/admin/push); every change is audited. Deactivating or resetting ends the sender's sessions.
 */
import crypto from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { PgStore } from '../../db/pg/client.ts'
import { pushSenders, pushSessions } from '../../db/pg/schema/index.ts'
import { audit } from './audit.server.ts'
import { dummyHash, hashPassword, verifyPassword } from './password.server.ts'
import { AccountError, type ActorRef } from './users.server.ts'

type Pg = { pg: PgStore }

export const NewSenderSchema = z.object({
  dstcode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'Mã đơn vị gửi: chữ, số, . _ - (tối đa 64) / dstcode: letters, digits, . _ -' }),
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'Tên đăng nhập: chữ, số, . _ @ - / username: letters, digits, . _ @ -' }),
  label: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null),
})

export interface PushSenderRow {
  id: number
  dstcode: string
  username: string
  label: string | null
  active: boolean
  createdAt: Date
  createdBy: string | null
  passwordChangedAt: Date
  lastSeenAt: Date | null
}

/** 24 characters from an alphabet without look-alikes: what the admin hands to the sending system's IT team. */
function newPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
  return [...crypto.randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('')
}

export async function listPushSenders(s: Pg): Promise<PushSenderRow[]> {
  return s.pg.db
    .select({
      id: pushSenders.id,
      dstcode: pushSenders.dstcode,
      username: pushSenders.username,
      label: pushSenders.label,
      active: pushSenders.active,
      createdAt: pushSenders.createdAt,
      createdBy: pushSenders.createdBy,
      passwordChangedAt: pushSenders.passwordChangedAt,
      lastSeenAt: pushSenders.lastSeenAt,
    })
    .from(pushSenders)
    .orderBy(asc(pushSenders.dstcode))
}

/** Creates a sender; the returned password is the only time it is visible. */
export async function createPushSender(s: Pg, input: unknown, by: ActorRef): Promise<{ id: number; password: string }> {
  const v = NewSenderSchema.parse(input)
  const [dup] = await s.pg.db.select({ id: pushSenders.id }).from(pushSenders).where(eq(pushSenders.dstcode, v.dstcode))
  if (dup) throw new AccountError(`Mã đơn vị gửi ${v.dstcode} đã có / dstcode ${v.dstcode} already exists`)
  const password = newPassword()
  const [row] = await s.pg.db
    .insert(pushSenders)
    .values({ ...v, passwordHash: await hashPassword(password), createdBy: by.actor })
    .returning({ id: pushSenders.id })
  await audit(s, { ...by, action: 'push_sender.create', target: v.dstcode, detail: { username: v.username, label: v.label } })
  return { id: row!.id, password }
}

async function senderById(s: Pg, id: number) {
  const [row] = await s.pg.db.select().from(pushSenders).where(eq(pushSenders.id, id))
  if (!row) throw new AccountError('Không tìm thấy hệ thống gửi / no such sender')
  return row
}

/** A new password (shown once); the sender's sessions end. */
export async function resetPushSenderPassword(s: Pg, id: number, by: ActorRef): Promise<{ password: string }> {
  const row = await senderById(s, id)
  const password = newPassword()
  await s.pg.db
    .update(pushSenders)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: new Date() })
    .where(eq(pushSenders.id, id))
  await s.pg.db.delete(pushSessions).where(eq(pushSessions.senderId, id))
  await audit(s, { ...by, action: 'push_sender.password_reset', target: row.dstcode })
  return { password }
}

export async function setPushSenderActive(s: Pg, id: number, active: boolean, by: ActorRef): Promise<void> {
  const row = await senderById(s, id)
  if (row.active === active) return
  await s.pg.db.update(pushSenders).set({ active }).where(eq(pushSenders.id, id))
  if (!active) await s.pg.db.delete(pushSessions).where(eq(pushSessions.senderId, id))
  await audit(s, { ...by, action: active ? 'push_sender.activate' : 'push_sender.deactivate', target: row.dstcode })
}

/** The active sender these credentials belong to, or null. Costs one scrypt either way (no timing oracle). */
export async function verifyPushSender(
  s: Pg,
  dstcode: string,
  username: string,
  password: string,
): Promise<{ id: number; dstcode: string } | null> {
  const [row] = await s.pg.db.select().from(pushSenders).where(eq(pushSenders.dstcode, dstcode))
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()))
  return row && ok && row.active && row.username === username ? { id: row.id, dstcode: row.dstcode } : null
}
