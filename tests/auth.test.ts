/**
 * Accounts on real engines (PGlite, or the Postgres server when DATABASE_URL is set): password hashing,
 * permissions and the access decision, the route-policy matcher, the per-address block (throttling: tests/auth-throttle.test.ts), session expiry, API tokens,
 * CSRF tokens, the audit log and the demo accounts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import { loadConfig } from '../db/config.ts'
import { auditLog, communes, demoCredentials, sessions } from '../db/pg/schema/index.ts'
import { hashPassword, PasswordSchema, verifyPassword } from '../app/auth/password.server.ts'
import { decide } from '../app/auth/access.ts'
import { reach } from '../app/auth/permissions.ts'
import { matchPolicy, ROUTE_POLICIES, type RoutePolicy } from '../app/auth/policy.ts'
import { AccountError, createUser, findUserByEmail, setActive, setRoles } from '../app/auth/users.server.ts'
import { resetIpFailures, signIn } from '../app/auth/sign-in.server.ts'
import { readSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../app/auth/sessions.server.ts'
import { createApiToken, revokeApiToken } from '../app/auth/api-tokens.server.ts'
import { identify } from '../app/auth/identity.server.ts'
import { checkCsrf, csrfFor } from '../app/auth/csrf.server.ts'
import { sha256 } from '../app/auth/secrets.server.ts'
import { audit, listAudit, AuditFilterSchema } from '../app/auth/audit.server.ts'
import { ensureDemoAccounts, listDemoCredentials } from '../app/auth/demo.server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const PW = 'correct horse battery'
const by = { actor: 'test', ip: '10.0.0.1' }
let s: TestStores
let A = '' // two real communes of Quảng Trị
let B = ''

beforeAll(async () => {
  s = await openTestStores()
  const qt = await s.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '44'))
    .orderBy(communes.code)
    .limit(2)
  A = qt[0]!.code
  B = qt[1]!.code
})
afterAll(async () => s?.dispose())
beforeEach(() => resetIpFailures())

const policy = (route: string): RoutePolicy => ROUTE_POLICIES.find((p) => p.route === route)!
const auditCount = async (action: string, target: string) =>
  Number(
    (
      await s.pg.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.target, target)))
    )[0]!.n,
  )

describe('passwords (scrypt)', () => {
  it('hashes with the parameters and a per-user salt stored alongside, and verifies only the right password', async () => {
    const h1 = await hashPassword(PW)
    const h2 = await hashPassword(PW)
    expect(h1).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(h1).not.toBe(h2) // different salts
    expect(await verifyPassword(PW, h1)).toBe(true)
    expect(await verifyPassword(PW + ' ', h1)).toBe(false)
    expect(
      await verifyPassword(
        PW,
        h1.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBe(false)
    expect(await verifyPassword(PW, 'plain-text')).toBe(false)
  })

  it('treats the composed and decomposed forms of a Vietnamese password alike (NFC)', async () => {
    const h = await hashPassword('mật khẩu đủ dài')
    expect(await verifyPassword('mật khẩu đủ dài'.normalize('NFD'), h)).toBe(true)
  })

  it('refuses passwords under 10 characters', () => {
    expect(PasswordSchema.safeParse('123456789').success).toBe(false)
    expect(PasswordSchema.safeParse('1234567890').success).toBe(true)
  })
})

describe('permissions and the access decision', () => {
  const q = (s: string) => new URLSearchParams(s)
  it('gives a permission to the whole province, to one commune, or not at all', () => {
    expect(reach({ roles: ['leadership'], communeCode: null }, 'kpi.read')).toBe('all')
    expect(reach({ roles: ['commune'], communeCode: '44001' }, 'kpi.read')).toEqual({ commune: '44001' })
    expect(reach({ roles: ['commune'], communeCode: null }, 'kpi.read')).toBeNull()
    expect(reach({ roles: ['commune'], communeCode: '44001' }, 'data.read')).toBeNull()
    expect(reach({ roles: ['it'], communeCode: null }, 'kpi.read')).toBeNull()
    expect(reach({ roles: ['finance'], communeCode: null }, 'staffing.edit')).toBeNull()
    expect(reach({ roles: ['home_affairs'], communeCode: null }, 'reallocation.accept')).toBe('all')
    // Several roles: the widest reach wins.
    expect(reach({ roles: ['commune', 'finance'], communeCode: '44001' }, 'kpi.read')).toBe('all')
  })

  it('lets a commune user through only with their own code, in the path and in every query value', () => {
    const own = { roles: ['commune'] as const, communeCode: A }
    const page = policy('routes/communes.$code')
    const api = policy('routes/api.v1.kpi')
    expect(decide(page, { code: A }, q(''), { ...own, roles: [...own.roles] })).toEqual({ ok: true })
    expect(decide(page, { code: B }, q(''), { ...own, roles: [...own.roles] })).toEqual({ ok: false, status: 403, reason: 'other-commune' })
    expect(decide(api, {}, q(`commune=${A}`), { ...own, roles: [...own.roles] })).toEqual({ ok: true })
    expect(decide(api, {}, q(`commune=${A}&commune=${B}`), { ...own, roles: [...own.roles] })).toMatchObject({
      status: 403,
      reason: 'other-commune',
    })
    expect(decide(api, {}, q(''), { ...own, roles: [...own.roles] })).toMatchObject({ status: 403, reason: 'commune-required' })
    expect(decide(policy('routes/staffing._index'), {}, q(''), { ...own, roles: [...own.roles] })).toMatchObject({
      status: 403,
      reason: 'province-wide',
    })
    expect(decide(policy('routes/_index'), {}, q(''), { ...own, roles: [...own.roles] })).toEqual({ ok: true }) // scoped list
    expect(decide(api, {}, q(`commune=${B}`), { roles: ['leadership'], communeCode: null })).toEqual({ ok: true })
    expect(decide(api, {}, q(''), null)).toEqual({ ok: false, status: 401, reason: 'sign-in' })
    expect(decide(policy('routes/healthz'), {}, q(''), null)).toEqual({ ok: true })
  })
})

describe('route-policy matcher', () => {
  it('maps page URLs and single-fetch data URLs to their route, case-insensitively, with parameters', () => {
    expect(matchPolicy('/')?.policy.route).toBe('routes/_index')
    expect(matchPolicy('/_root.data')?.policy.route).toBe('routes/_index')
    expect(matchPolicy('/communes/44001')).toEqual({ policy: policy('routes/communes.$code'), params: { code: '44001' } })
    expect(matchPolicy('/communes/44001.data')?.params).toEqual({ code: '44001' })
    expect(matchPolicy('/ADMIN/Users/')?.policy.route).toBe('routes/admin.users._index')
    expect(matchPolicy('/admin/users/usr_1')?.policy.route).toBe('routes/admin.users.$id')
    expect(matchPolicy('/admin/users/usr_1/x')).toBeNull()
    expect(matchPolicy('/no-such-page')).toBeNull()
  })
})

describe('accounts', () => {
  it('requires a commune code exactly for the commune role, and a real commune', async () => {
    await expect(createUser(s, { email: 'x1@t.vn', roles: ['commune'], password: PW }, by)).rejects.toThrow(AccountError)
    await expect(createUser(s, { email: 'x2@t.vn', roles: ['finance'], communeCode: A, password: PW }, by)).rejects.toThrow(AccountError)
    await expect(createUser(s, { email: 'x3@t.vn', roles: ['commune'], communeCode: '99999', password: PW }, by)).rejects.toThrow(/99999/)
    const u = await createUser(s, { email: ' Xa.A@T.VN ', roles: ['commune'], communeCode: A, password: PW }, by)
    expect(u).toMatchObject({ email: 'xa.a@t.vn', roles: ['commune'], communeCode: A, active: true })
    await expect(createUser(s, { email: 'xa.a@t.vn', roles: ['it'], password: PW }, by)).rejects.toThrow(/already exists/)
    expect(await auditCount('user.create', 'xa.a@t.vn')).toBe(1)
  })

  it('audits a role change with before and after, and never removes the last active admin', async () => {
    const admin = await createUser(s, { email: 'only-admin@t.vn', roles: ['admin'], password: PW }, by)
    await expect(setRoles(s, admin.id, { roles: ['leadership'] }, by)).rejects.toThrow(/admin/)
    await expect(setActive(s, admin.id, false, by)).rejects.toThrow(/admin/)
    const u = await createUser(s, { email: 'roles@t.vn', roles: ['leadership'], password: PW }, by)
    await setRoles(s, u.id, { roles: ['commune', 'it'], communeCode: B }, by)
    const [row] = await s.pg.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.roles'), eq(auditLog.target, 'roles@t.vn')))
    expect(row!.detail).toEqual({
      before: { roles: ['leadership'], communeCode: null },
      after: { roles: ['it', 'commune'], communeCode: B },
    })
    expect(row!.actor).toBe('test')
    expect(row!.ip).toBe('10.0.0.1')
  })
})

describe('sign-in, lock-out and sessions', () => {
  it('stores only the SHA-256 of the session token and audits the sign-in', async () => {
    await createUser(s, { email: 'ok@t.vn', roles: ['finance'], password: PW }, by)
    const r = await signIn(s, { email: 'OK@t.vn', password: PW, ip: '10.1.1.1' })
    if (!r.ok) throw new Error('sign-in failed')
    const [row] = await s.pg.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(r.sessionToken)))
    expect(row).toBeDefined()
    expect(await s.pg.db.select().from(sessions).where(eq(sessions.id, r.sessionToken))).toEqual([])
    expect(await auditCount('auth.sign_in', 'ok@t.vn')).toBe(1)
    expect((await findUserByEmail(s, 'ok@t.vn'))!.lastLoginAt).not.toBeNull()
  })

  it('blocks an address after 30 failures in 15 minutes across accounts (password spraying), not other addresses', async () => {
    await createUser(s, { email: 'spray@t.vn', roles: ['it'], password: PW }, by)
    const now = new Date()
    for (let i = 0; i < 30; i++) await signIn(s, { email: `nobody${i}@t.vn`, password: 'xxxxxxxxxxxx', ip: '10.3.0.1' }, now)
    expect(await signIn(s, { email: 'spray@t.vn', password: PW, ip: '10.3.0.1' }, now)).toMatchObject({ ok: false, reason: 'ip-blocked' })
    expect((await signIn(s, { email: 'spray@t.vn', password: PW, ip: '10.3.0.2' }, now)).ok).toBe(true)
  })

  it('ends a session after 2 hours idle, slides while in use, and ends it 12 hours after sign-in regardless', async () => {
    await createUser(s, { email: 'idle@t.vn', roles: ['it'], password: PW }, by)
    const t0 = new Date('2026-03-03T08:00:00+07:00')
    const r1 = await signIn(s, { email: 'idle@t.vn', password: PW, ip: null }, t0)
    if (!r1.ok) throw new Error('sign-in failed')
    expect(await readSession(s, r1.sessionToken, new Date(t0.getTime() + SESSION_IDLE_MS + 1000))).toBeNull()
    const t1 = new Date(t0.getTime() + 60_000)
    const r2 = await signIn(s, { email: 'idle@t.vn', password: PW, ip: null }, t1)
    if (!r2.ok) throw new Error('sign-in failed')
    // Used every 1.5 hours: still alive at 10.5 h…
    let alive = 0
    for (let h = 1.5; h <= 10.5; h += 1.5) if (await readSession(s, r2.sessionToken, new Date(t1.getTime() + h * 3600_000))) alive++
    expect(alive).toBe(7)
    // …but not past the absolute limit, even if used a minute before.
    expect(await readSession(s, r2.sessionToken, new Date(t1.getTime() + SESSION_ABSOLUTE_MS - 60_000))).not.toBeNull()
    expect(await readSession(s, r2.sessionToken, new Date(t1.getTime() + SESSION_ABSOLUTE_MS + 1000))).toBeNull()
    // An expired session's cookie identifies nobody, and says it expired.
    expect(await identify(s, { cookie: `mck_session=${r2.sessionToken}` })).toEqual({ kind: 'anonymous', expired: true })
  })
})

describe('API tokens and CSRF tokens', () => {
  it('acts as its user until revoked or the user is deactivated; stored as SHA-256 only', async () => {
    const u = await createUser(s, { email: 'ioc@t.vn', roles: ['commune'], communeCode: A, password: PW }, by)
    const { id, token } = await createApiToken(s, u.id, 'IOC', by)
    expect(token).toMatch(/^mck_[A-Za-z0-9_-]{43}$/)
    const auth = `Bearer ${token}`
    expect(await identify(s, { authorization: auth })).toMatchObject({
      kind: 'user',
      user: { email: 'ioc@t.vn', roles: ['commune'], communeCode: A, via: 'token', tokenId: id },
    })
    expect(await identify(s, { authorization: `Bearer ${token}x` })).toEqual({ kind: 'bad-token' })
    expect(await identify(s, { authorization: 'Basic abc' })).toEqual({ kind: 'bad-token' })
    await revokeApiToken(s, id, by)
    expect(await identify(s, { authorization: auth })).toEqual({ kind: 'bad-token' })
    const second = await createApiToken(s, u.id, null, by)
    await setActive(s, u.id, false, by)
    expect(await identify(s, { authorization: `Bearer ${second.token}` })).toEqual({ kind: 'bad-token' })
    expect(await auditCount('token.create', 'ioc@t.vn')).toBe(2)
    expect(await auditCount('token.revoke', 'ioc@t.vn')).toBe(1)
  })

  it('derives the CSRF token from the session token: the right one passes, any other fails', () => {
    expect(checkCsrf('session-a', csrfFor('session-a'))).toBe(true)
    expect(checkCsrf('session-b', csrfFor('session-a'))).toBe(false)
    expect(checkCsrf('session-a', '')).toBe(false)
    expect(checkCsrf(null, csrfFor('session-a'))).toBe(false)
    expect(csrfFor('session-a')).not.toContain('session-a')
  })
})

describe('audit log', () => {
  it('filters by action prefix, actor and day (Asia/Ho_Chi_Minh), newest first, 50 a page', async () => {
    for (let i = 0; i < 120; i++)
      await audit(s, { actor: i % 2 ? 'a@x.vn' : 'b@x.vn', action: 'import.file', target: `file-${i}.xlsx`, ip: '10.9.9.9' })
    const all = await listAudit(s, AuditFilterSchema.parse({ action: 'import.file' }))
    expect(all.total).toBe(120)
    expect(all.rows).toHaveLength(50)
    expect(all.rows[0]!.target).toBe('file-119.xlsx')
    const p3 = await listAudit(s, AuditFilterSchema.parse({ action: 'import.', page: '3' }))
    expect(p3.rows).toHaveLength(20)
    expect(p3.rows.at(-1)!.target).toBe('file-0.xlsx')
    expect((await listAudit(s, AuditFilterSchema.parse({ action: 'import.file', actor: 'a@x' }))).total).toBe(60)
    expect((await listAudit(s, AuditFilterSchema.parse({ q: 'file-11' }))).total).toBe(11) // 11, 110…119
    // Day filter: an entry at 23:30 on 1 March in Vietnam is 16:30 UTC.
    await s.pg.db
      .insert(auditLog)
      .values({ at: new Date('2026-03-01T16:30:00Z'), actor: 'c@x.vn', action: 'budget_plan.approve', target: 'plan-1' })
    expect(
      (await listAudit(s, AuditFilterSchema.parse({ action: 'budget_plan.approve', from: '2026-03-01', to: '2026-03-01' }))).total,
    ).toBe(1)
    expect((await listAudit(s, AuditFilterSchema.parse({ action: 'budget_plan.approve', from: '2026-03-02' }))).total).toBe(0)
  })
})

describe('demo accounts', () => {
  it('creates one account per role once in demo mode, shows them only in demo mode, and retires them in production mode', async () => {
    const demo = loadConfig({ DEMO: 'on' })
    const lines: string[] = []
    const created = await ensureDemoAccounts(s, demo, (m) => lines.push(m))
    expect(created.map((c) => c.role)).toEqual(['leadership', 'home_affairs', 'finance', 'it', 'commune', 'admin'])
    const xa = created.find((c) => c.role === 'commune')!
    const [c] = await s.pg.db.select().from(communes).where(eq(communes.code, xa.communeCode!))
    expect(c!.provinceCode).toBe('44')
    expect(xa.email).toBe(`xa-${c!.code}@demo.local`)
    expect(lines.join('\n')).toContain(created[0]!.password)
    for (const d of created) expect((await signIn(s, { email: d.email, password: d.password, ip: null })).ok).toBe(true)
    expect(await ensureDemoAccounts(s, demo, () => {})).toEqual([]) // not again
    expect(await listDemoCredentials(s, demo)).toHaveLength(6)
    expect(await listDemoCredentials(s, loadConfig({ DEMO: 'off' }))).toEqual([])
    expect(await listDemoCredentials(s, loadConfig({ DEMO: 'on', TTHC_SOURCE_URL: 'https://tthc.example.vn' }))).toEqual([])
    await ensureDemoAccounts(s, loadConfig({ DEMO: 'off' }), () => {})
    expect(await s.pg.db.select().from(demoCredentials)).toEqual([])
    expect((await signIn(s, { email: created[0]!.email, password: created[0]!.password, ip: null })).ok).toBe(false)
  })
})
