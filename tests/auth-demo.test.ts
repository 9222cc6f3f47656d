/**
 * Demo mode (DEMO=on, no TTHC_SOURCE_URL): the server creates one account per role at first start, prints
 * the passwords once, and the sign-in page lists them, labelled as demo accounts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { eq } from 'drizzle-orm'
import { communes, demoCredentials } from '../db/pg/schema/index.ts'
import { HttpClient, startTestServer, type TestServer } from './support/http.ts'

let app: TestServer
let printed = ''

beforeAll(async () => {
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (printed += a.join(' ') + '\n'))
  try {
    app = await startTestServer({ DEMO: 'on' })
  } finally {
    spy.mockRestore()
  }
})
afterAll(async () => app?.close())

describe('demo accounts', () => {
  it('prints one account per role with its password once at first start', async () => {
    const rows = await app.stores.pg.db.select().from(demoCredentials)
    expect(rows.map((r) => r.role).sort()).toEqual(['admin', 'commune', 'finance', 'home_affairs', 'it', 'leadership'])
    expect(printed).toContain('TÀI KHOẢN DEMO / DEMO ACCOUNTS')
    for (const r of rows) expect(printed).toContain(`${r.email.padEnd(28)} ${r.password}`)
    expect(rows.map((r) => r.email)).toEqual(
      expect.arrayContaining(['lanhdao@demo.local', 'noivu@demo.local', 'taichinh@demo.local', 'cntt@demo.local', 'admin@demo.local']),
    )
  })

  it('lists them on the sign-in page, labelled DEMO, and each signs in', async () => {
    const html = await (await app.client().get('/login')).text()
    expect(html).toContain('Tài khoản dùng thử (chế độ demo)')
    expect(html).toContain('class="badge-synthetic">DEMO</span>')
    const rows = await app.stores.pg.db.select().from(demoCredentials)
    for (const r of rows) {
      expect(html).toContain(`<code>${r.password}</code>`)
      const c = new HttpClient(app.url)
      expect((await c.signIn(r.email, r.password)).status, r.email).toBe(302)
    }
  })

  it('gives the commune demo account one Quảng Trị commune and nothing else', async () => {
    const [xa] = await app.stores.pg.db.select().from(demoCredentials).where(eq(demoCredentials.role, 'commune'))
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.code, xa!.communeCode!))
    expect(c!.provinceCode).toBe('44')
    expect(xa!.email).toBe(`xa-${c!.code}@demo.local`)
    const client = new HttpClient(app.url)
    await client.signIn(xa!.email, xa!.password)
    expect((await client.get('/admin/users')).status).toBe(403)
    expect((await client.get(`/api/v1/kpi?commune=${c!.code === '18880' ? '18871' : '18880'}`)).status).toBe(403)
  })
})
