/**
 * Issue 17 item 10 — sign-in lock-out as a weapon. On real engines (PGlite, or the Postgres server): wrong
 * passwords throttle one (account, address) pair with growing delays and never lock the account, so an
 * attacker elsewhere cannot keep anyone out; the per-address limit stays; an administrator at a trusted
 * address (TRUSTED_ADMIN_NETWORKS) is never stopped, even at a blocked address (ADR 023).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import { auditLog, users } from '../db/pg/schema/index.ts'
import { loadConfig } from '../db/config.ts'
import { createUser } from '../app/auth/users.server.ts'
import { FIRST_DELAY_MS, MAX_DELAY_MS, resetIpFailures, signIn, throttleDelay } from '../app/auth/sign-in.server.ts'
import { isTrusted } from '../app/auth/throttle.server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const PW = 'correct horse battery'
const WRONG = 'wrong password!'
const by = { actor: 'test', ip: null }
let s: TestStores
beforeAll(async () => {
  s = await openTestStores({ TRUSTED_ADMIN_NETWORKS: '10.20.0.0/16, 192.168.5.10' })
})
afterAll(async () => s?.dispose())
beforeEach(() => resetIpFailures())

const outcome = (r: Awaited<ReturnType<typeof signIn>>) => (r.ok ? 'ok' : r.reason)
const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms)

describe('no account lock: wrong passwords elsewhere never keep the owner out', () => {
  it('50 wrong passwords for the admin from one address: the admin still signs in from another, and the account is not locked', async () => {
    await createUser(s, { email: 'admin@thr.vn', roles: ['admin'], password: PW }, by)
    const t0 = new Date('2026-03-02T08:00:00+07:00')
    for (let i = 0; i < 50; i++) await signIn(s, { email: 'admin@thr.vn', password: WRONG, ip: '203.0.113.9' }, at(t0, i * 1000))
    const own = await signIn(s, { email: 'admin@thr.vn', password: PW, ip: '198.51.100.7' }, at(t0, 60_000))
    expect(outcome(own)).toBe('ok')
    const [u] = await s.pg.db.select().from(users).where(eq(users.email, 'admin@thr.vn'))
    expect(u!.lockedUntil).toBeNull()
  })

  it('the same holds for any user: 5 wrong passwords from the attacker, the right one from the owner at once', async () => {
    await createUser(s, { email: 'lead@thr.vn', roles: ['leadership'], password: PW }, by)
    const t0 = new Date('2026-03-02T09:00:00+07:00')
    for (let i = 0; i < 5; i++) await signIn(s, { email: 'lead@thr.vn', password: WRONG, ip: '203.0.113.10' }, t0)
    expect(outcome(await signIn(s, { email: 'lead@thr.vn', password: PW, ip: '198.51.100.8' }, t0))).toBe('ok')
  })
})

describe('growing delays per (account, address)', () => {
  it('the delay doubles from 5 s after 3 failures, capped at 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 11, 30].map(throttleDelay)).toEqual([
      0,
      0,
      0,
      5_000,
      10_000,
      20_000,
      40_000,
      640_000,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
    ])
    expect(FIRST_DELAY_MS).toBe(5_000)
  })

  it('3 free tries, then each try waits; the right password during the wait is refused, after it accepted; success resets', async () => {
    await createUser(s, { email: 'slow@thr.vn', roles: ['finance'], password: PW }, by)
    const ip = '203.0.113.20'
    const t0 = new Date('2026-03-03T08:00:00+07:00')
    const tries = []
    for (let i = 0; i < 3; i++) tries.push(outcome(await signIn(s, { email: 'slow@thr.vn', password: WRONG, ip }, t0)))
    expect(tries).toEqual(['invalid', 'invalid', 'invalid'])
    const during = await signIn(s, { email: 'slow@thr.vn', password: PW, ip }, at(t0, 4_000))
    expect(during).toEqual({ ok: false, reason: 'throttled', until: at(t0, 5_000) })
    // A second click during the wait does not lengthen it.
    expect(await signIn(s, { email: 'slow@thr.vn', password: PW, ip }, at(t0, 4_500))).toEqual({
      ok: false,
      reason: 'throttled',
      until: at(t0, 5_000),
    })
    // After the wait: one more wrong try → the next wait is 10 s.
    expect(outcome(await signIn(s, { email: 'slow@thr.vn', password: WRONG, ip }, at(t0, 5_000)))).toBe('invalid')
    expect(await signIn(s, { email: 'slow@thr.vn', password: PW, ip }, at(t0, 14_000))).toEqual({
      ok: false,
      reason: 'throttled',
      until: at(t0, 15_000),
    })
    expect(outcome(await signIn(s, { email: 'slow@thr.vn', password: PW, ip }, at(t0, 15_000)))).toBe('ok')
    // The success cleared the pair: three free tries again.
    for (let i = 0; i < 3; i++)
      expect(outcome(await signIn(s, { email: 'slow@thr.vn', password: WRONG, ip }, at(t0, 16_000)))).toBe('invalid')
    const audits = await s.pg.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.throttled'), eq(auditLog.target, 'slow@thr.vn')))
    expect(Number(audits[0]!.n)).toBe(2)
  })
})

describe('the per-address limit stays', () => {
  it('30 failures from one address within 15 minutes block it for every account, not other addresses', async () => {
    await createUser(s, { email: 'spray@thr.vn', roles: ['it'], password: PW }, by)
    const now = new Date('2026-03-04T08:00:00+07:00')
    for (let i = 0; i < 30; i++) await signIn(s, { email: `nobody${i}@thr.vn`, password: 'xxxxxxxxxxxx', ip: '203.0.113.30' }, now)
    expect(await signIn(s, { email: 'spray@thr.vn', password: PW, ip: '203.0.113.30' }, now)).toMatchObject({
      ok: false,
      reason: 'ip-blocked',
    })
    expect(outcome(await signIn(s, { email: 'spray@thr.vn', password: PW, ip: '203.0.113.31' }, now))).toBe('ok')
    expect(outcome(await signIn(s, { email: 'spray@thr.vn', password: PW, ip: '203.0.113.30' }, at(now, 15 * 60_000 + 1)))).toBe('ok')
  })
})

describe('an administrator at a trusted address is never stopped', () => {
  it('signs in from a trusted CIDR although that address is blocked and the pair throttled; a non-admin there is not exempt', async () => {
    await createUser(s, { email: 'root@thr.vn', roles: ['admin'], password: PW }, by)
    await createUser(s, { email: 'staff@thr.vn', roles: ['finance'], password: PW }, by)
    const office = '10.20.3.4' // inside 10.20.0.0/16
    const now = new Date('2026-03-05T08:00:00+07:00')
    for (let i = 0; i < 10; i++) await signIn(s, { email: 'root@thr.vn', password: WRONG, ip: office }, now)
    for (let i = 0; i < 30; i++) await signIn(s, { email: `x${i}@thr.vn`, password: WRONG, ip: office }, now)
    expect(await signIn(s, { email: 'staff@thr.vn', password: PW, ip: office }, now)).toMatchObject({ ok: false, reason: 'ip-blocked' })
    expect(outcome(await signIn(s, { email: 'root@thr.vn', password: PW, ip: office }, now))).toBe('ok')
    // The same admin at an untrusted address is throttled like anyone.
    for (let i = 0; i < 3; i++) await signIn(s, { email: 'root@thr.vn', password: WRONG, ip: '203.0.113.40' }, now)
    expect(outcome(await signIn(s, { email: 'root@thr.vn', password: PW, ip: '203.0.113.40' }, now))).toBe('throttled')
  })

  it('matches IPs and CIDRs, IPv4-mapped IPv6 too; the configuration refuses what is neither', () => {
    const nets = loadConfig({ TRUSTED_ADMIN_NETWORKS: '10.20.0.0/16, 192.168.5.10, fd00::/8' }).TRUSTED_ADMIN_NETWORKS
    expect(nets).toEqual(['10.20.0.0/16', '192.168.5.10', 'fd00::/8'])
    expect(isTrusted('10.20.255.1', nets)).toBe(true)
    expect(isTrusted('::ffff:10.20.0.9', nets)).toBe(true)
    expect(isTrusted('192.168.5.10', nets)).toBe(true)
    expect(isTrusted('192.168.5.11', nets)).toBe(false)
    expect(isTrusted('fd12::1', nets)).toBe(true)
    expect(isTrusted('10.21.0.1', nets)).toBe(false)
    expect(isTrusted(null, nets)).toBe(false)
    expect(loadConfig({}).TRUSTED_ADMIN_NETWORKS).toEqual([])
    expect(() => loadConfig({ TRUSTED_ADMIN_NETWORKS: '10.0.0.0/40' })).toThrow(/TRUSTED_ADMIN_NETWORKS/)
    expect(() => loadConfig({ TRUSTED_ADMIN_NETWORKS: 'office' })).toThrow(/TRUSTED_ADMIN_NETWORKS/)
  })
})
