/**
 * Accounts through the really running server (startServer on port 0 over the test stores): sign-in and
 * sign-out, redirects and 401s, CSRF refusal, lock-out, expired sessions, API tokens (revoked too), role
 * changes taking effect, the audit log page, commune scoping of a list, and the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { createRequire } from 'node:module'
import { auditLog, communes, sessions } from '../db/pg/schema/index.ts'
import { singleFetchRedirectBody } from '../app/auth/gate.server.ts'
import { SESSION_COOKIE } from '../app/auth/sessions.server.ts'
import { findUserByEmail } from '../app/auth/users.server.ts'
import { HttpClient, startTestServer, TEST_PASSWORD, type TestServer } from './support/http.ts'

let app: TestServer
let A = ''
let B = ''
let nameA = ''

beforeAll(async () => {
  app = await startTestServer()
  const qt = await app.stores.pg.db.select().from(communes).where(eq(communes.provinceCode, '44')).orderBy(communes.code).limit(2)
  ;[A, B] = [qt[0]!.code, qt[1]!.code]
  nameA = qt[0]!.name
})
afterAll(async () => app?.close())

const auditRows = (action: string, target: string) =>
  app.stores.pg.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.target, target)))

describe('without a session', () => {
  it('redirects a page to /login?next=…, answers the API with 401 JSON, and a data request with a reload to /login', async () => {
    const c = app.client()
    const page = await c.get('/admin/users?x=1')
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers%3Fx%3D1')
    const api = await c.get('/api/v1/kpi')
    expect(api.status).toBe(401)
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await api.json()).toMatchObject({ error: 'unauthorized' })
    const data = await c.get('/admin/users.data?_routes=routes%2Fadmin.users._index')
    expect(data.status).toBe(202)
    expect(await data.text()).toBe(singleFetchRedirectBody('/login?next=%2Fadmin%2Fusers'))
  })

  it("encodes that data-request redirect exactly as Remix's own single-fetch encoder does (loader and action)", async () => {
    const sf = createRequire(import.meta.url)('@remix-run/server-runtime/dist/single-fetch.js')
    const redirect = { redirect: '/login?next=%2Fx', status: 302, revalidate: false, reload: true, replace: false }
    const encode = async (value: unknown) =>
      new Response(sf.encodeViaTurboStream(value, new AbortController().signal, 1000, 'production')).text()
    expect(await encode({ [sf.SingleFetchRedirectSymbol]: redirect })).toBe(singleFetchRedirectBody('/login?next=%2Fx', 'GET'))
    expect(await encode(redirect)).toBe(singleFetchRedirectBody('/login?next=%2Fx', 'POST'))
  })

  it('keeps /healthz public and answers an unknown URL 404 (deny by default)', async () => {
    const c = app.client()
    expect((await c.get('/healthz')).status).toBe(200)
    expect((await c.get('/no-such-page')).status).toBe(404)
  })

  it('shows no demo accounts on the sign-in page outside demo mode', async () => {
    const html = await (await app.client().get('/login')).text()
    expect(html).toContain('name="password"')
    expect(html).not.toContain('demo-accounts')
  })
})

describe('sign-in and sign-out', () => {
  it('signs in through the form (CSRF cookie + field), sets a hardened session cookie and goes to `next`', async () => {
    const email = 'lanhdao@t.vn'
    await app.signIn(['leadership'], { email }) // creates the user
    const c = new HttpClient(app.url)
    const page = await c.get('/login?next=%2F%3Flang%3Den')
    expect(page.status).toBe(200)
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!
    expect(c.cookies.has('mck_csrf')).toBe(true)
    // Without the form token, or with another one: refused, no session.
    expect((await c.post('/login', { csrf: '', email, password: TEST_PASSWORD })).status).toBe(403)
    expect((await c.post('/login', { csrf: csrf.slice(1), email, password: TEST_PASSWORD })).status).toBe(403)
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false)
    const bad = await c.post('/login', { csrf, email, password: 'wrong password' })
    expect(bad.status).toBe(401)
    expect(await bad.text()).toContain('Sai e-mail hoặc mật khẩu')
    const ok = await c.post('/login', { csrf, email, password: TEST_PASSWORD, next: '/?lang=en' })
    expect(ok.status).toBe(302)
    expect(ok.headers.get('location')).toBe('/?lang=en')
    const cookie = ok.headers.getSetCookie().find((x) => x.startsWith(`${SESSION_COOKIE}=`))!
    expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/) // no Secure over plain http
    expect((await c.get('/')).status).toBe(200)
    expect((await auditRows('auth.sign_in', email)).length).toBe(2)
  })

  it('never redirects off-site after sign-in', async () => {
    await app.signIn(['finance'], { email: 'taichinh@t.vn' })
    const c = new HttpClient(app.url)
    await c.get('/login')
    const page = await c.get('/login')
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!
    const res = await c.post('/login', { csrf, email: 'taichinh@t.vn', password: TEST_PASSWORD, next: '//evil.example/x' })
    expect(res.headers.get('location')).toBe('/')
  })

  it('signs out with the CSRF token only; the old cookie is then worthless', async () => {
    const c = await app.signIn(['finance'])
    const stolen = c.cookies.get(SESSION_COOKIE)!
    const confirm = await c.get('/logout')
    expect(await confirm.text()).toContain(`name="csrf" value="${c.csrf()}"`) // <CsrfInput/> renders the session's token
    expect((await c.post('/logout', { csrf: 'forged' })).status).toBe(403)
    const out = await c.post('/logout', {})
    expect(out.status).toBe(302)
    expect(out.headers.get('location')).toBe('/login')
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false)
    const replay = await new HttpClient(app.url).get('/', { cookie: `${SESSION_COOKIE}=${stolen}` })
    expect(replay.status).toBe(302)
    expect((await auditRows('auth.sign_out', c.email!)).length).toBe(1)
  })

  it('throttles wrong passwords from one address (429, audited) without locking the account: the owner signs in from another', async () => {
    const victim = await app.signIn(['home_affairs'])
    const c = new HttpClient(app.url)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await c.signIn(victim.email!, 'not the password')).status)
    expect(statuses).toEqual([401, 401, 401, 429])
    const waiting = await c.signIn(victim.email!, TEST_PASSWORD)
    expect(waiting.status).toBe(429)
    expect(await waiting.text()).toContain('vui lòng chờ')
    expect((await auditRows('auth.throttled', victim.email!)).length).toBe(1)
    // The test server's clients all come from 127.0.0.1: the owner elsewhere is simulated by a fresh pair.
    expect((await findUserByEmail(app.stores, victim.email!))!.lockedUntil).toBeNull()
  })

  it('sends an expired session (idle or absolute) back to sign-in, saying it expired', async () => {
    const c = await app.signIn(['leadership'])
    const user = (await findUserByEmail(app.stores, c.email!))!
    await app.stores.pg.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id))
    const res = await c.get('/')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?next=%2F&expired=1')
    expect(await (await c.get(res.headers.get('location')!)).text()).toContain('Phiên đăng nhập đã hết hạn')
    const d = await app.signIn(['leadership'])
    const u2 = (await findUserByEmail(app.stores, d.email!))!
    await app.stores.pg.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 12 * 3600_000 - 1000) })
      .where(eq(sessions.userId, u2.id))
    expect((await d.get('/')).status).toBe(302)
  })
})

describe('CSRF and cross-site requests', () => {
  it('refuses a state-changing form without the token, with another session’s token, or from another site', async () => {
    const admin = await app.signIn(['admin'])
    const other = await app.signIn(['admin'])
    const form = { intent: 'create', email: 'csrf-victim@t.vn', roles: 'it', password: 'mật khẩu mới 123' }
    expect((await admin.post('/admin/users', { ...form, csrf: '' })).status).toBe(403)
    expect((await admin.post('/admin/users', { ...form, csrf: other.csrf() })).status).toBe(403)
    expect((await admin.post('/admin/users', form, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await admin.post('/admin/users', form, { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(await findUserByEmail(app.stores, 'csrf-victim@t.vn')).toBeNull()
    const ok = await admin.post('/admin/users', form, { origin: app.url })
    expect(ok.status).toBe(302)
    expect(await findUserByEmail(app.stores, 'csrf-victim@t.vn')).toMatchObject({ roles: ['it'] })
    const [row] = await auditRows('user.create', 'csrf-victim@t.vn')
    expect(row!.actor).toBe(admin.email)
    expect(row!.ip).toMatch(/127\.0\.0\.1/)
  })
})

describe('roles, tokens and scoping through the admin pages', () => {
  it('applies a role change at the next request, audited with before and after', async () => {
    const admin = await app.signIn(['admin'])
    const u = await app.signIn(['leadership'])
    expect((await u.get('/')).status).toBe(200)
    const id = (await findUserByEmail(app.stores, u.email!))!.id
    expect((await admin.post(`/admin/users/${id}`, { intent: 'roles', roles: ['it'], communeCode: '' })).status).toBe(200)
    expect((await u.get('/')).status).toBe(403)
    const [row] = await auditRows('user.roles', u.email!)
    expect(row).toMatchObject({ actor: admin.email, detail: { before: { roles: ['leadership'] }, after: { roles: ['it'] } } })
    // A deactivated user is signed out at once.
    expect((await admin.post(`/admin/users/${id}`, { intent: 'deactivate' })).status).toBe(200)
    expect((await u.get('/admin/users')).status).toBe(302)
  })

  it('shows a new API token once; it acts as its user (commune scope included) until revoked', async () => {
    const admin = await app.signIn(['admin'])
    const xa = await app.signIn(['commune'], { commune: A })
    const id = (await findUserByEmail(app.stores, xa.email!))!.id
    const created = await admin.post('/admin/tokens', { intent: 'create', userId: id, label: 'IOC' })
    expect(created.status).toBe(200)
    const token = /data-token="true">([^<]+)</.exec(await created.text())?.[1]
    expect(token).toMatch(/^mck_/)
    const list = await (await admin.get('/admin/tokens')).text()
    expect(list).toContain('IOC')
    expect(list).not.toContain(token!)
    const api = new HttpClient(app.url)
    const bearer = { authorization: `Bearer ${token}` }
    const mine = await api.get('/', bearer)
    expect(mine.status).toBe(200)
    expect(await mine.text()).toContain(`data-commune="${A}"`)
    expect((await api.get('/admin/users', bearer)).status).toBe(403)
    expect((await api.get(`/communes/${B}`, bearer)).status).toBe(403)
    const tokenId = /data-token-id="([^"]+)"/.exec(list)![1]!
    expect((await admin.post('/admin/tokens', { intent: 'revoke', id: tokenId })).status).toBe(200)
    const revoked = await api.get('/', bearer)
    expect(revoked.status).toBe(401)
    expect(await revoked.json()).toMatchObject({ error: 'unauthorized' })
    expect((await auditRows('token.revoke', xa.email!)).length).toBe(1)
  })

  it('lists only their own commune to a commune user, every commune to leadership', async () => {
    const xa = await app.signIn(['commune'], { commune: A })
    const html = await (await xa.get('/')).text()
    expect(html).toContain(`data-commune="${A}"`)
    expect(html).not.toContain(`data-commune="${B}"`)
    expect(html).not.toContain(`/communes/${B}`)
    expect(html).toContain(nameA)
    const lead = await app.signIn(['leadership'])
    const all = await (await lead.get('/')).text()
    expect(all).toContain(`data-commune="${A}"`)
    expect(all).toContain(`data-commune="${B}"`)
  })

  it('shows the audit log to an admin, filtered by action, and to nobody else', async () => {
    const admin = await app.signIn(['admin'])
    const res = await admin.get('/admin/audit?action=auth.throttled')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.match(/data-action="auth.throttled"/g)).toHaveLength(1)
    expect(html).not.toContain('data-action="auth.sign_in"')
    const lead = await app.signIn(['leadership'])
    expect((await lead.get('/admin/audit')).status).toBe(403)
  })
})

describe('security headers', () => {
  it('sends CSP with a per-response nonce that every inline script carries, and the other headers, on every response', async () => {
    const c = await app.signIn(['leadership'])
    const page = await c.get('/')
    const csp = page.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false)
    const html = await page.text()
    const scripts = html.match(/<script\b[^>]*>/g)!
    expect(scripts.length).toBeGreaterThan(0)
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`)
    const again = (await c.get('/')).headers.get('content-security-policy')!
    expect(again).not.toBe(csp) // a fresh nonce each time
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1]!
    for (const res of [page, await c.get(css), await c.get('/healthz'), await c.get('/no-such-page'), await c.get('/admin/users')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('same-origin')
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
    expect(page.headers.get('cache-control')).toBe('private, no-store')
  })
})
