/**
 * Password sign-in with lock-out: 5 wrong passwords lock the account for 15 minutes (the right password is
 * refused while locked), and 30 failures from one IP address within 15 minutes block that address for 15
 * minutes (password spraying across accounts). Every outcome is audited.
 *
 * Loopback addresses are not throttled per IP: behind a reverse proxy on the same host every request comes
 * from 127.0.0.1, and one attacker would otherwise lock everybody out (account lock-out still applies).
 */
import { eq, sql } from 'drizzle-orm'
import type { PgStore } from '../../db/pg/client.ts'
import { users } from '../../db/pg/schema/index.ts'
import { audit } from './audit.server.ts'
import { loadActiveUser } from './identity.server.ts'
import { dummyHash, verifyPassword } from './password.server.ts'
import { createSession } from './sessions.server.ts'

type Pg = { pg: PgStore }

export const MAX_FAILED_ATTEMPTS = 5
export const LOCK_MS = 15 * 60 * 1000
export const IP_MAX_FAILURES = 30
export const IP_WINDOW_MS = 15 * 60 * 1000

export type SignInResult =
  | { ok: true; userId: string; email: string; sessionToken: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'ip-blocked'; until?: Date }

// Per-IP failures live in the server process (one process owns the stores); a restart forgets them.
interface IpState {
  failures: number[]
  blockedUntil: number
}
const g = globalThis as unknown as { __mckIpFailures?: Map<string, IpState> }
const ipFailures: Map<string, IpState> = (g.__mckIpFailures ??= new Map<string, IpState>())

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.')

function ipBlockedUntil(ip: string | null, now: number): number | null {
  const st = ip && !isLoopback(ip) ? ipFailures.get(ip) : undefined
  return st && st.blockedUntil > now ? st.blockedUntil : null
}

function recordIpFailure(ip: string | null, now: number): void {
  if (!ip || isLoopback(ip)) return
  const st = ipFailures.get(ip) ?? { failures: [], blockedUntil: 0 }
  st.failures = st.failures.filter((t) => now - t < IP_WINDOW_MS)
  st.failures.push(now)
  if (st.failures.length >= IP_MAX_FAILURES) {
    st.blockedUntil = now + LOCK_MS
    st.failures = []
  }
  ipFailures.set(ip, st)
}

/** Tests: forget per-IP failures. */
export function resetIpFailures(): void {
  ipFailures.clear()
}

export async function signIn(
  s: Pg,
  input: { email: string; password: string; ip: string | null },
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase().slice(0, 254)
  const ip = input.ip
  const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
    audit(s, { actor: null, action: 'auth.sign_in_failed', target: email || null, detail: { reason, ...extra }, ip })

  const ipBlocked = ipBlockedUntil(ip, now.getTime())
  if (ipBlocked) {
    await fail('ip_blocked')
    return { ok: false, reason: 'ip-blocked', until: new Date(ipBlocked) }
  }

  const [u] = email ? await s.pg.db.select().from(users).where(eq(users.email, email)) : []
  if (!u || !u.active) {
    await verifyPassword(input.password, await dummyHash()) // same cost as a real check
    recordIpFailure(ip, now.getTime())
    await fail(u ? 'inactive' : 'unknown_user')
    return { ok: false, reason: 'invalid' }
  }
  if (u.lockedUntil && u.lockedUntil.getTime() > now.getTime()) {
    recordIpFailure(ip, now.getTime())
    await fail('locked', { until: u.lockedUntil.toISOString() })
    return { ok: false, reason: 'locked', until: u.lockedUntil }
  }
  if (!(await verifyPassword(input.password, u.passwordHash))) {
    recordIpFailure(ip, now.getTime())
    const [row] = await s.pg.db
      .update(users)
      .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
      .where(eq(users.id, u.id))
      .returning({ n: users.failedAttempts })
    const n = row?.n ?? MAX_FAILED_ATTEMPTS
    await fail('password', { attempt: n })
    if (n >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCK_MS)
      await s.pg.db.update(users).set({ lockedUntil: until, failedAttempts: 0 }).where(eq(users.id, u.id))
      await audit(s, { actor: null, action: 'auth.locked', target: email, detail: { attempts: n, until: until.toISOString() }, ip })
      return { ok: false, reason: 'locked', until }
    }
    return { ok: false, reason: 'invalid' }
  }
  const user = await loadActiveUser(s, u.id)
  if (!user) return { ok: false, reason: 'invalid' }
  await s.pg.db.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, u.id))
  const { token } = await createSession(s, u.id, ip, now)
  await audit(s, { actor: u.email, action: 'auth.sign_in', target: u.email, detail: { roles: user.roles }, ip })
  return { ok: true, userId: u.id, email: u.email, sessionToken: token }
}
