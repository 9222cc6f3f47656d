/**
 * Issue 17 items 11–12 and the issue 18 export complaint, on the running server (real HTTP, real engines):
 *  - a POST whose body is not a form (text/plain, JSON, a broken multipart) answers 400 with a clear message on
 *    every action — not 500;
 *  - revoked and expired API tokens identify nobody (401) on the KPI API and the Biểu 06 API;
 *  - a session ends 12 hours after sign-in even while it is in use;
 *  - the status of a province-wide action (no commune) cannot be changed by a commune user;
 *  - the commune page's monthly-history "Xuất Excel" link downloads the workbook; a malformed export link
 *    answers a Vietnamese sentence.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actions, sessions } from '../db/pg/schema/index.ts'
import { createApiToken, revokeApiToken } from '../app/auth/api-tokens.server.ts'
import { findUserByEmail } from '../app/auth/users.server.ts'
import { sha256 } from '../app/auth/secrets.server.ts'
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from '../app/auth/sessions.server.ts'
import { QT } from './support/dossier-fixtures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

let app: TestServer
let admin: HttpClient
let lead: HttpClient
let commune: HttpClient
let it_: HttpClient
let homeAffairs: HttpClient
let finance: HttpClient
const by = { actor: 'test', ip: null }

beforeAll(async () => {
  app = await startTestServer()
  admin = await app.signIn(['admin'])
  lead = await app.signIn(['leadership'])
  commune = await app.signIn(['commune'], { commune: QT.dongHoi })
  it_ = await app.signIn(['it'])
  homeAffairs = await app.signIn(['home_affairs'])
  finance = await app.signIn(['finance'])
}, 180_000)
afterAll(async () => app?.close())

/** A POST with a raw body and content type, carrying the client's session cookie. */
const raw = (c: HttpClient, path: string, body: string, type: string, extra: Record<string, string> = {}) =>
  c.request(path, { method: 'POST', body, headers: { 'content-type': type, ...extra } })

describe('every action answers a body that is not a form with 400 and a clear message (issue 17 item 11)', () => {
  const cases: [string, () => HttpClient][] = [
    ['/actions', () => lead],
    ['/settings', () => admin],
    ['/admin/users', () => admin],
    ['/admin/tokens', () => admin],
    ['/staffing', () => homeAffairs],
    ['/staffing/plan', () => homeAffairs],
    ['/equipment', () => finance],
    ['/equipment/budget', () => finance],
    ['/data/import', () => it_],
    [`/communes/${QT.dongHoi}`, () => commune],
    ['/login', () => app.client()],
    ['/logout', () => lead],
  ]
  it.each(cases)('POST %s with text/plain, JSON and a broken multipart body', async (path, who) => {
    const c = who()
    for (const [body, type] of [
      ['intent=status&id=1', 'text/plain'],
      ['{"intent":"status"}', 'application/json'],
      ['--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n', 'multipart/form-data; boundary=x'],
    ] as const) {
      const res = await raw(c, path, body, type)
      const text = await res.text()
      expect({ path, type, status: res.status }).toEqual({ path, type, status: path === `/communes/${QT.dongHoi}` ? 405 : 400 })
      if (res.status === 400) expect(text).toContain('không phải biểu mẫu hợp lệ')
    }
  })

  it('an API caller (bearer token, no CSRF) gets the 400 too', async () => {
    const u = (await findUserByEmail(app.stores, lead.email!))!
    const { token } = await createApiToken(app.stores, u.id, 'text-plain', by)
    const res = await app.client().request('/actions', {
      method: 'POST',
      body: 'intent=status',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('The request body is not a valid form')
  })
})

describe('API tokens: revoked and expired tokens identify nobody (issue 17 item 12)', () => {
  const paths = ['/api/v1/kpi?from=2026-03-01&to=2026-03-31', '/api/v1/reports/bieu06?from=2026-03-01&to=2026-03-31']
  const get = (path: string, token: string) => app.client().get(path, { authorization: `Bearer ${token}` })

  it('a live token works; the same token revoked answers 401 on both APIs', async () => {
    const u = (await findUserByEmail(app.stores, lead.email!))!
    const { id, token } = await createApiToken(app.stores, u.id, 'revoke-me', by)
    for (const p of paths) expect((await get(p, token)).status).toBe(200)
    await revokeApiToken(app.stores, id, by)
    for (const p of paths) {
      const res = await get(p, token)
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
    }
  })

  it('a token past its validity answers 401; one within it works; the default validity is a year', async () => {
    const u = (await findUserByEmail(app.stores, lead.email!))!
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000)
    const expired = await createApiToken(app.stores, u.id, 'expired', by, { validDays: 1, now: twoDaysAgo })
    const live = await createApiToken(app.stores, u.id, 'live', by, { validDays: 3, now: twoDaysAgo })
    for (const p of paths) {
      expect((await get(p, expired.token)).status).toBe(401)
      expect((await get(p, live.token)).status).toBe(200)
    }
    const yearly = await createApiToken(app.stores, u.id, 'default', by)
    expect(Math.round((yearly.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(365)
  })
})

describe('sessions end 12 hours after sign-in, even while in use (issue 17 item 12)', () => {
  it('a session used a minute ago but signed in 12 h ago is sent to the sign-in page, marked expired', async () => {
    const c = await app.signIn(['leadership'])
    expect((await c.get('/actions')).status).toBe(200)
    const id = sha256(c.cookies.get(SESSION_COOKIE)!)
    const now = Date.now()
    // Idle deadline still ahead (it slid with use), but the sign-in was 12 h and a minute ago.
    await app.stores.pg.db
      .update(sessions)
      .set({ createdAt: new Date(now - SESSION_ABSOLUTE_MS - 60_000), expiresAt: new Date(now + 60 * 60_000) })
      .where(eq(sessions.id, id))
    const res = await c.get('/actions')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?next=%2Factions&expired=1')
    expect(await app.stores.pg.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([])
  })
})

describe('the status of a province-wide action (issue 17 item 12)', () => {
  it('a commune user cannot change an action that has no commune; leadership can', async () => {
    const [a] = await app.stores.pg.db
      .insert(actions)
      .values({ kpi: 'late_rate', title: 'Rà soát quy trình toàn tỉnh', department: 'leadership', communeCode: null })
      .returning({ id: actions.id })
    const post = (c: HttpClient, status: string) => c.post('/actions', { intent: 'status', id: String(a!.id), status })
    expect((await post(commune, 'done')).status).toBe(403)
    const [after] = await app.stores.pg.db.select().from(actions).where(eq(actions.id, a!.id))
    expect(after!.status).toBe('open')
    expect((await post(lead, 'in_progress')).status).toBe(200)
    const [led] = await app.stores.pg.db.select().from(actions).where(eq(actions.id, a!.id))
    expect(led!.status).toBe('in_progress')
  })
})

describe('exports from the commune page (issue 18, Exports)', () => {
  it('the monthly-history "Xuất Excel" link downloads the workbook', async () => {
    const html = await (await lead.get(`/communes/${QT.dongHoi}`)).text()
    const href = /<a href="([^"]+)"[^>]*data-testid="history-xlsx"/.exec(html)?.[1]?.replace(/&amp;/g, '&')
    expect(href).toBeDefined()
    const res = await lead.get(href!)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('content-disposition')).toMatch(/filename="dien-bien-18880-\d{4}-\d{2}-\d{2}\.xlsx"/)
  })

  const provinceExports: [string, string[]][] = [
    ['overview', ['']],
    ['staffing', ['']],
    ['equipment', ['communes', 'types', 'lines']],
    ['satisfaction', ['communes', 'categories']],
    ['qd766', ['communes', 'lines']],
  ]
  it.each(provinceExports)('/export/%s answers every table in both formats, and 400 for an unknown table', async (name, tables) => {
    for (const table of tables)
      for (const format of ['xlsx', 'csv']) {
        const res = await lead.get(`/export/${name}?format=${format}${table ? `&table=${table}` : ''}`)
        expect(res.status, `${name} ${table} ${format}`).toBe(200)
        expect(res.headers.get('content-type')).toContain(format === 'csv' ? 'text/csv' : 'spreadsheetml')
        if (format === 'csv') expect((await res.text()).split('\r\n').length).toBeGreaterThan(3)
        else expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000)
      }
    const bad = await lead.get(`/export/${name}?format=xlsx&table=nope`)
    expect(bad.status).toBe(tables[0] ? 400 : 200)
  })

  it('an export link without a format answers a sentence in the user’s language, naming the choices', async () => {
    const res = await lead.get(`/export/communes/${QT.dongHoi}?table=history`)
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toContain('Không xuất được tệp')
    expect(text).toContain('format=xlsx')
    const en = await lead.get(`/export/communes/${QT.dongHoi}?table=history&lang=en`)
    expect(await en.text()).toContain('Nothing exported')
  })
})
