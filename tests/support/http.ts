/**
 * The real server for HTTP tests: `startServer` from server.ts on port 0 over the test stores (real chDB +
 * PGlite, or a fresh database on the Postgres server when DATABASE_URL is set), and a small client that
 * keeps cookies, signs in through /login and adds the CSRF field to forms.
 *
 *   const app = await startTestServer()
 *   const admin = await app.signIn(['admin'])             // creates the user, signs in over HTTP
 *   const res = await admin.post('/admin/users', { intent: 'create', … })   // csrf added
 *   await app.close()
 */
import { csrfFor } from '../../app/auth/csrf.server.ts'
import { SESSION_COOKIE } from '../../app/auth/sessions.server.ts'
import type { Role } from '../../app/auth/roles.ts'
import { createUser } from '../../app/auth/users.server.ts'
import { startServer } from '../../server.ts'
import type { Shedding } from '../../server.shedding.ts'
import { openTestStores, type TestStores } from './stores.ts'

export const TEST_PASSWORD = 'mật-khẩu-thử-nghiệm-123'

export class HttpClient {
  readonly cookies = new Map<string, string>()
  constructor(
    readonly base: string,
    readonly email: string | null = null,
  ) {}

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';')
      const i = pair!.indexOf('=')
      const name = pair!.slice(0, i).trim()
      const value = pair!.slice(i + 1).trim()
      if (!value || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader())
    const res = await fetch(this.base + path, { redirect: 'manual', ...init, headers })
    this.keep(res)
    return res
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers })
  }

  /** The CSRF token of this client's session (what <CsrfInput/> renders). */
  csrf(): string {
    const s = this.cookies.get(SESSION_COOKIE)
    return s ? csrfFor(s) : ''
  }

  /** A form POST; `csrf` is added unless given (pass `csrf: ''` to send none). */
  post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams()
    const withCsrf = 'csrf' in form ? form : { csrf: this.csrf(), ...form }
    for (const [k, v] of Object.entries(withCsrf))
      for (const x of Array.isArray(v) ? v : [v]) if (x !== '' || k !== 'csrf') body.append(k, x)
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } })
  }

  /** Signs in through the sign-in page (its CSRF cookie and field), as a browser does. */
  async signIn(email: string, password: string): Promise<Response> {
    const page = await this.get('/login')
    const html = await page.text()
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    return this.post('/login', { csrf, email, password })
  }
}

export interface TestServer {
  url: string
  stores: TestStores
  /** The server's admission queue and per-client counts (server.shedding.ts). */
  shedding: Shedding
  client(): HttpClient
  /** Creates a user with these roles (and commune) and returns a client signed in as them. */
  signIn(roles: Role[], opts?: { commune?: string; email?: string }): Promise<HttpClient>
  close(): Promise<void>
}

let seq = 0

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const stores = await openTestStores({ DEMO: 'off', SCHEDULER: 'off', ...env })
  const running = await startServer({ ...stores.config, PORT: 0, HOST: '127.0.0.1' })
  const url = running.url.replace('localhost', '127.0.0.1')
  return {
    url,
    stores,
    shedding: running.shedding,
    client: () => new HttpClient(url),
    async signIn(roles, opts = {}) {
      const email = opts.email ?? `${roles.join('-')}-${++seq}@test.local`
      await createUser(stores, { email, roles, communeCode: opts.commune ?? null, password: TEST_PASSWORD }, { actor: 'test', ip: null })
      const c = new HttpClient(url, email)
      const res = await c.signIn(email, TEST_PASSWORD)
      if (res.status !== 302 || !c.cookies.has(SESSION_COOKIE))
        throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`)
      return c
    },
    async close() {
      await running.close()
      await stores.dispose()
    },
  }
}
