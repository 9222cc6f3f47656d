/**
 * Sign-in in a real browser (Debian's Chromium via playwright-core) against the running server: the CSP
 * with its nonce lets Remix hydrate (no violations in the console), forms carry the CSRF token, the session
 * cookie is invisible to scripts, an expired session during a client-side submission lands on /login,
 * and signing out works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { eq } from 'drizzle-orm'
import { sessions } from '../db/pg/schema/index.ts'
import { createUser, findUserByEmail } from '../app/auth/users.server.ts'
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/http.ts'

let app: TestServer
let browser: Browser

beforeAll(async () => {
  app = await startTestServer()
  await createUser(app.stores, { email: 'admin@browser.vn', roles: ['admin'], password: TEST_PASSWORD }, { actor: 'test', ip: null })
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

describe('in the browser', () => {
  it('signs in, hydrates under the CSP, creates a user through a Remix form, and signs out', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      // (the app has no favicon yet: the browser's automatic request for it is not ours to judge)
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`${m.text()} ${m.location().url}`)
    })
    page.on('pageerror', (e) => problems.push(e.message))

    await page.goto(`${app.url}/admin/users`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.fill('input[name=email]', 'admin@browser.vn')
    await page.fill('input[name=password]', TEST_PASSWORD)
    await Promise.all([page.waitForURL(`${app.url}/admin/users`), page.click('button[type=submit]')])
    expect(await page.evaluate(() => document.cookie)).not.toContain('mck_session')
    // Hydrated: Remix's client router is running (its inline scripts were allowed by the nonce).
    await page
      .waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined)
      .catch((e: Error) => {
        throw new Error(`not hydrated: ${problems.join(' | ') || e.message}`)
      })

    // A Remix <Form> (fetch to /admin/users.data) with the CSRF field.
    await page.fill('input[name=email]', 'moi@browser.vn')
    await page.check('input[name=roles][value=finance]')
    await page.fill('input[name=password]', 'mật khẩu mới 12345')
    await Promise.all([
      page.waitForURL(/\/admin\/users\/usr_/),
      page.click('form:has(input[name=intent][value=create]) button[type=submit]'),
    ])
    expect(await findUserByEmail(app.stores, 'moi@browser.vn')).toMatchObject({ roles: ['finance'] })

    // The session expires server-side; the next client-side submission reloads into /login.
    const admin = (await findUserByEmail(app.stores, 'admin@browser.vn'))!
    await app.stores.pg.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, admin.id))
    await Promise.all([page.waitForURL(/\/login\?next=/), page.click('form:has(button[value=deactivate]) button')])
    expect(await page.textContent('body')).toContain('Phiên đăng nhập đã hết hạn')
    expect((await findUserByEmail(app.stores, 'moi@browser.vn'))!.active).toBe(true) // the action never ran

    // Sign in again and sign out from the user menu.
    await page.fill('input[name=email]', 'admin@browser.vn')
    await page.fill('input[name=password]', TEST_PASSWORD)
    await Promise.all([page.waitForURL(/\/admin\/users\/usr_/), page.click('button[type=submit]')])
    await Promise.all([page.waitForURL(`${app.url}/login`), page.click('.user-menu button[type=submit]')])
    expect(problems).toEqual([])
  })
})
