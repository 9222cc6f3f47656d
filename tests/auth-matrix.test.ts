/**
 * The access matrix on the running server: every route in the policy registry that exists in app/routes ×
 * every role (and nobody), over a session cookie and over an API token, with a commune user's own commune
 * and another commune in the path, the query string (also both at once) and form fields; POSTs with and
 * without the CSRF token; single-fetch data requests. The expected answer comes from the permission table,
 * which is pinned here by hand first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { communes } from '../db/pg/schema/index.ts'
import { PERMISSIONS, type Permission } from '../app/auth/permissions.ts'
import { asList, ROUTE_POLICIES, type RoutePolicy } from '../app/auth/policy.ts'
import { ROLES, type Role } from '../app/auth/roles.ts'
import { createApiToken } from '../app/auth/api-tokens.server.ts'
import { singleFetchRedirectBody } from '../app/auth/gate.server.ts'
import { requireAction } from '../app/auth/guard.server.ts'
import { findUserByEmail } from '../app/auth/users.server.ts'
import { HttpClient, startTestServer, type TestServer } from './support/http.ts'
import { remixRoutes } from './support/routes.ts'

type Who = Role | 'nobody'
type Outcome = 'allow' | 'deny' | 'login'
type Where = 'none' | 'own' | 'other' | 'both'

let app: TestServer
let A = ''
let B = ''
let someUserId = ''
const sessions = new Map<Role, HttpClient>()
const tokens = new Map<Role, string>()

beforeAll(async () => {
  app = await startTestServer()
  const qt = await app.stores.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '44'))
    .orderBy(communes.code)
    .limit(2)
  ;[A, B] = [qt[0]!.code, qt[1]!.code]
  for (const role of ROLES) {
    const c = await app.signIn([role], { commune: role === 'commune' ? A : undefined, email: `${role}@matrix.vn` })
    sessions.set(role, c)
    const u = (await findUserByEmail(app.stores, c.email!))!
    tokens.set(role, (await createApiToken(app.stores, u.id, 'matrix', { actor: 'test', ip: null })).token)
    someUserId = u.id
  }
})
afterAll(async () => app?.close())

describe('the permission table (the specification, by hand)', () => {
  it('grants each role exactly these permissions', () => {
    const held = (role: Role) =>
      (Object.keys(PERMISSIONS) as Permission[]).filter((p) => (PERMISSIONS[p] as readonly Role[]).includes(role)).sort()
    expect(Object.fromEntries(ROLES.map((r) => [r, held(r)]))).toEqual({
      leadership: ['actions.edit', 'data.read', 'kpi.read', 'reports.read'],
      home_affairs: ['actions.edit', 'data.read', 'kpi.read', 'reallocation.accept', 'reports.read', 'staffing.edit'],
      finance: ['actions.edit', 'budget.edit', 'data.read', 'equipment.edit', 'kpi.read', 'reports.read'],
      it: ['data.import', 'data.read', 'etl.run', 'reconcile.upload', 'reports.read', 'sources.edit'],
      commune: ['actions.edit', 'kpi.read', 'reports.read'], // for their own commune only
      admin: ['audit.read', 'settings.edit', 'users.manage'],
    })
  })
})

function expected(p: RoutePolicy, who: Who, where: Where): Outcome | 'not-refused' {
  if (p.access === 'public') return 'not-refused'
  if (who === 'nobody') return 'login'
  if (p.access === 'signed-in') return 'allow'
  if (!(PERMISSIONS[p.access] as readonly Role[]).includes(who)) return 'deny'
  if (who !== 'commune') return 'allow'
  if (!p.commune) return 'deny'
  if (where === 'other' || where === 'both') return 'deny'
  if (where === 'none' && p.commune.otherwise === 'refuse') return 'deny'
  return 'allow'
}

function observed(res: Response): Outcome {
  if (res.status === 401) return 'login'
  if ((res.status === 302 || res.status === 303) && res.headers.get('location')?.startsWith('/login')) return 'login'
  if (res.status === 403) return 'deny'
  return 'allow'
}

/** The URLs to probe for a route: its commune parameter/query with the own code, another code, none, both. */
function probes(p: RoutePolicy): { url: string; where: Where }[] {
  const base = (code: string) =>
    (p.example ?? p.path)
      .replace('{user}', someUserId)
      .replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => (name === p.commune?.param ? code : 'x1'))
      .replace(/\*$/, 'a/b')
  if (p.commune?.param)
    return [
      { url: base(A), where: 'own' },
      { url: base(B), where: 'other' },
    ]
  const qs = asList(p.commune?.query)
  if (qs.length === 0) return [{ url: base(A), where: 'none' }]
  const q = qs[0]!
  return [
    { url: base(A), where: 'none' },
    { url: `${base(A)}?${q}=${A}`, where: 'own' },
    { url: `${base(A)}?${q}=${B}`, where: 'other' },
    { url: `${base(A)}?${q}=${A}&${q}=${B}`, where: 'both' },
  ]
}

const existing = new Set(remixRoutes().map((r) => r.id))
const live = ROUTE_POLICIES.filter((p) => existing.has(p.route))
const WHO: Who[] = ['nobody', ...ROLES]

describe('every route × every role', () => {
  it.each(live.map((p) => [p.route, p] as const))('GET %s — session and API token, own and other commune', async (_, p) => {
    const wrong: string[] = []
    for (const { url, where } of probes(p))
      for (const who of WHO) {
        const want = expected(p, who, where)
        const check = (res: Response, how: string) => {
          const got = observed(res)
          const ok = want === 'not-refused' ? res.status !== 401 && res.status !== 403 : got === want
          if (!ok) wrong.push(`${who} ${how} GET ${url}: expected ${want}, got ${got} (${res.status})`)
        }
        if (who === 'nobody') {
          check(await app.client().get(url), 'anonymous')
          if (p.access !== 'public') check(await app.client().get(url, { authorization: 'Bearer mck_not-a-real-token' }), 'bad token')
          continue
        }
        check(await sessions.get(who)!.get(url), 'session')
        check(await app.client().get(url, { authorization: `Bearer ${tokens.get(who)}` }), 'token')
      }
    expect(wrong).toEqual([])
  })

  const posts = live.filter((p) => p.post)
  it.each(posts.map((p) => [p.route, p] as const))(
    'POST %s — refused without CSRF token, from another site, or to the wrong role',
    async (_, p) => {
      const wrong: string[] = []
      const { url, where } = probes(p)[0]!
      const fields = asList(p.commune?.form)
      for (const who of WHO) {
        const page = expected(p, who, where)
        const act = p.postAccess ? expected({ ...p, access: p.postAccess }, who, where) : page
        const want = page === 'allow' ? act : page // the gate (page access), then the action's own permission
        const form: Record<string, string | string[]> = { ...p.post }
        for (const f of fields) form[f] = A
        const c = who === 'nobody' ? app.client() : sessions.get(who)!
        const res = await c.post(url, form)
        if (want !== 'not-refused' && observed(res) !== want)
          wrong.push(`${who} POST ${url}: expected ${want}, got ${observed(res)} (${res.status})`)
        if (want === 'allow') {
          const noCsrf = await c.post(url, { ...form, csrf: '' })
          if (noCsrf.status !== 403) wrong.push(`${who} POST ${url} without CSRF token: ${noCsrf.status}`)
          const forged = await c.post(url, { ...form, csrf: 'x'.repeat(43) })
          if (forged.status !== 403) wrong.push(`${who} POST ${url} with a forged CSRF token: ${forged.status}`)
          const cross = await c.post(url, form, { origin: 'https://evil.example' })
          if (cross.status !== 403) wrong.push(`${who} POST ${url} from another site: ${cross.status}`)
          // An API token carries no ambient credential: no CSRF token needed.
          const api = await app.client().post(url, { ...form, csrf: '' }, { authorization: `Bearer ${tokens.get(who as Role)}` })
          if (observed(api) !== 'allow') wrong.push(`${who} POST ${url} with an API token: ${api.status}`)
          for (const f of fields)
            if (who === 'commune') {
              const other = await c.post(url, { ...form, [f]: B })
              if (other.status !== 403) wrong.push(`commune POST ${url} with ${f}=${B} (another commune): ${other.status}`)
            }
        }
      }
      expect(wrong).toEqual([])
    },
  )

  it('answers a refused single-fetch data request with a reload of the page (which then shows 403 or sign-in)', async () => {
    const wrong: string[] = []
    for (const p of live.filter((x) => x.access !== 'public' && !x.path.startsWith('/api/'))) {
      const { url, where } = probes(p)[0]!
      const [path, query] = url.split('?')
      const dataUrl = `${path === '/' ? '/_root' : path}.data${query ? `?${query}` : ''}`
      for (const who of WHO) {
        const want = expected(p, who, where)
        if (want === 'allow') continue
        const c = who === 'nobody' ? app.client() : sessions.get(who)!
        const res = await c.get(dataUrl)
        const target = want === 'login' ? `/login?next=${encodeURIComponent(url)}` : url
        const body = await res.text()
        if (res.status !== 202 || body !== singleFetchRedirectBody(target))
          wrong.push(`${who} GET ${dataUrl}: ${res.status} ${body.slice(0, 80)}`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('commune codes in form fields', () => {
  it("refuses a commune user's action naming another commune in a declared field, and accepts their own", async () => {
    const c = sessions.get('commune')!
    const post = (commune: string, csrf = c.csrf()) =>
      new Request(`http://127.0.0.1/communes/${A}`, {
        method: 'POST',
        headers: { cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, commune }),
      })
    const ok = await requireAction(post(A), 'actions.edit', { communeFields: ['commune'] })
    expect(ok.user.communeCode).toBe(A)
    expect(ok.form.get('commune')).toBe(A)
    const other = await requireAction(post(B), 'actions.edit', { communeFields: ['commune'] }).catch((r: Response) => r)
    expect((other as Response).status).toBe(403)
    const noCsrf = await requireAction(post(A, ''), 'actions.edit', { communeFields: ['commune'] }).catch((r: Response) => r)
    expect((noCsrf as Response).status).toBe(403)
    // Leadership may act on any commune.
    const lead = sessions.get('leadership')!
    const req = new Request(`http://127.0.0.1/communes/${B}`, {
      method: 'POST',
      headers: { cookie: lead.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: lead.csrf(), commune: B }),
    })
    expect((await requireAction(req, 'actions.edit', { communeFields: ['commune'] })).user.email).toBe('leadership@matrix.vn')
  })
})
