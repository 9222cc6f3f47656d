/**
 * Password sign-in, throttled instead of locked (ADR 023, app/auth/throttle.server.ts): wrong passwords slow
 * down further tries of the same account from the same address with growing delays; 30 failures from one
 * address within 15 minutes block that address; an administrator at a trusted address (TRUSTED_ADMIN_NETWORKS)
 * is never throttled or blocked. No failure ever locks the account itself, so nobody can lock another person
 * — or the admin — out. Every outcome is audited.
 */
import { eq } from 'drizzle-orm'
import type { PgStore } from '../../db/pg/client.ts'
import { users } from '../../db/pg/schema/index.ts'
import { audit } from './audit.server.ts'
import { loadActiveUser } from './identity.server.ts'
import { dummyHash, verifyPassword } from './password.server.ts'
import { createSession } from './sessions.server.ts'
import { FREE_FAILURES, ipBlockedUntil, isTrusted, recordFailure, recordSuccess, resetThrottle, throttledUntil } from './throttle.server.ts'

type Pg = { pg: PgStore; config?: { TRUSTED_ADMIN_NETWORKS?: readonly string[] } }

export { IP_MAX_FAILURES, IP_WINDOW_MS, MAX_DELAY_MS, FIRST_DELAY_MS, FREE_FAILURES, throttleDelay } from './throttle.server.ts'

export type SignInResult =
  | { ok: true; userId: string; email: string; sessionToken: string }
  | { ok: false; reason: 'invalid' | 'throttled' | 'ip-blocked'; until?: Date }

/** Tests: forget every failure (per address and per account × address). */
export function resetIpFailures(): void {
  resetThrottle()
}

export async function signIn(
  s: Pg,
  input: { email: string; password: string; ip: string | null },
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase().slice(0, 254)
  const ip = input.ip
  const t = now.getTime()
  const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
    audit(s, { actor: null, action: 'auth.sign_in_failed', target: email || null, detail: { reason, ...extra }, ip })

  const [u] = email ? await s.pg.db.select().from(users).where(eq(users.email, email)) : []
  const user = u && u.active ? await loadActiveUser(s, u.id) : null
  // An administrator at a trusted address is never stopped by a throttle or a block (ADR 023).
  const trustedAdmin = !!user?.roles.includes('admin') && isTrusted(ip, s.config?.TRUSTED_ADMIN_NETWORKS ?? [])

  const blocked = trustedAdmin ? null : ipBlockedUntil(ip, t)
  if (blocked) {
    await fail('ip_blocked')
    return { ok: false, reason: 'ip-blocked', until: new Date(blocked) }
  }
  const waitUntil = trustedAdmin ? null : throttledUntil(email, ip, t)
  if (waitUntil) {
    recordFailure(email, ip, t, { pair: false }) // counts toward the address's limit only
    await fail('throttled', { until: new Date(waitUntil).toISOString() })
    return { ok: false, reason: 'throttled', until: new Date(waitUntil) }
  }
  if (!u || !user) {
    await verifyPassword(input.password, await dummyHash()) // same cost as a real check
    recordFailure(email, ip, t)
    await fail(u ? 'inactive' : 'unknown_user')
    return { ok: false, reason: 'invalid' }
  }
  if (!(await verifyPassword(input.password, u.passwordHash))) {
    const n = recordFailure(email, ip, t)
    await fail('password', { attempt: n, trustedAdmin })
    if (n === FREE_FAILURES && !trustedAdmin) {
      await audit(s, { actor: null, action: 'auth.throttled', target: email, detail: { failures: n }, ip })
    }
    return { ok: false, reason: 'invalid' }
  }
  recordSuccess(email, ip)
  await s.pg.db.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, u.id))
  const { token } = await createSession(s, u.id, ip, now)
  await audit(s, { actor: u.email, action: 'auth.sign_in', target: u.email, detail: { roles: user.roles }, ip })
  return { ok: true, userId: u.id, email: u.email, sessionToken: token }
}
