/**
 * Browser tests: Debian's Chromium driven by playwright-core (never `npx playwright install`), against the
 * real server (server.ts `startServer`, port 0) whose built-in simulator is pulled through the real ETL
 * jobs (runJob: HTTP source → validate → ClickHouse → rollups). Skipped only when /usr/bin/chromium is
 * absent — and then only outside CI: with CI set, a missing browser fails the suite.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { loadConfig } from '../../db/config.ts'
import { startServer, type RunningServer } from '../../server.ts'
import { getStores, type Stores } from '../../db/stores.ts'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { createUser } from '../../app/auth/users.server.ts'
import { copySeededPgliteDir, seededPgDatabase } from './seed.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** True when the browser tests can run; throws in CI when Chromium is missing (never skip silently there). */
export function browserAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM)
  if (!ok && process.env.CI) throw new Error(`${CHROMIUM} is missing in CI: install Debian's chromium (apt-get install -y chromium)`)
  return ok
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

export interface App {
  url: string
  stores: Stores
  /** The test user's credentials (every role, so every page opens). */
  email: string
  password: string
  close(): Promise<void>
}

const PASSWORD = 'kiem-thu-trinh-duyet-2026'

/**
 * Starts the real server on a fresh data directory (embedded stores, or a database of its own on the
 * Postgres server when DATABASE_URL is set; either starts as a copy of the run's seed), loads `days` days
 * of simulator data through the ETL jobs, then the staffing/equipment snapshots and the rollups, and
 * creates a user holding every role.
 */
export async function startApp(opts: { days?: number; env?: Record<string, string> } = {}): Promise<App> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-browser-'))
  // Postgres starts as a copy of the run's seed (ADR 015); the server finds it migrated and seeded.
  const db = process.env.DATABASE_URL ? await seededPgDatabase(process.env.DATABASE_URL) : null
  if (!db) await copySeededPgliteDir(path.join(dataDir, 'pglite'))
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SCHEDULER: 'off',
    DEMO: 'on',
    LOG_LEVEL: 'warn',
    // One test drives the server: a slow shared machine must not turn its waits into 503s (perf-shedding tests the queue).
    MAX_QUEUE_WAIT: '5m',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...opts.env,
  })
  const server: RunningServer = await startServer(config)
  const stores = await getStores()
  const days = opts.days ?? 45
  const from = new Date(Date.now() - days * 86_400_000)
  for (const name of ['dossiers', 'ratings', 'complaints', 'queue-tickets']) {
    const job = findJob(name)
    if (!job) throw new Error(`ETL job ${name} is not registered`)
    await runJob(stores, job, { trigger: 'test', window: { from, to: null } })
  }
  for (const name of ['staffing-snapshot', 'equipment-snapshot', 'rollups']) {
    const job = findJob(name)
    if (job) await runJob(stores, job, { trigger: 'test', window: { from: null, to: null } })
  }
  const email = 'kiemthu@example.vn'
  await createUser(
    stores,
    { email, password: PASSWORD, roles: ['leadership', 'home_affairs', 'finance', 'it', 'admin'], displayName: 'Kiểm thử' },
    { actor: 'test', ip: null },
  )
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    stores,
    email,
    password: PASSWORD,
    async close() {
      await server.close()
      await db?.drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Waits until React has hydrated the page (`<html data-hydrated>`, set by the root's effect). Playwright's
 * screenshots style every input (caret hiding); done before hydration, React logs a mismatch.
 */
export async function waitHydrated(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' })
}

/** A signed-in browser on a started app (startApp): a laptop-sized Vietnamese context whose console errors are collected. */
export interface BrowserSession {
  app: App
  browser: Browser
  context: BrowserContext
  page: Page
  /** Console and page errors of every page of `context` (tests assert it empty at the end). */
  errors: string[]
  close(): Promise<void>
}

export async function startBrowserSession(opts: Parameters<typeof startApp>[0] = {}): Promise<BrowserSession> {
  const app = await startApp(opts)
  const browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true })
  const errors = watchErrors(context)
  const page = await context.newPage()
  await signIn(page, app)
  return {
    app,
    browser,
    context,
    page,
    errors,
    async close() {
      await browser.close()
      await app.close()
    },
  }
}

/** A phone (390 × 844, touch) signed in as `context` is. */
export async function phoneContext(browser: Browser, context: BrowserContext): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    storageState: await context.storageState(),
  })
}

/** Opens `url` and waits until `waitFor` is there, React has hydrated and no request is pending. */
export async function openPage(page: Page, url: string, waitFor = 'main h1'): Promise<void> {
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForSelector(waitFor)
  await waitHydrated(page)
  await page.waitForLoadState('networkidle')
}

/**
 * A full-page screenshot for the README: docs/screenshots/<name>.png (charts draw after hydration), cut at
 * `maxHeight` pixels for pages whose long lists would make it unreadable.
 */
export async function screenshot(page: Page, name: string, maxHeight?: number): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await page.waitForLoadState('networkidle')
  const clip = maxHeight ? { x: 0, y: 0, width: page.viewportSize()?.width ?? 1366, height: maxHeight } : undefined
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, clip })
}

/** Signs in through the login form; the context keeps the session cookie. */
export async function signIn(page: Page, app: Pick<App, 'url' | 'email' | 'password'>): Promise<void> {
  await page.goto(`${app.url}/login`)
  await page.fill('input[name="email"]', app.email)
  await page.fill('input[name="password"]', app.password)
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form[action="/login"] button[type="submit"]')])
}

/** Collects console errors and page errors of a context (asserted empty at the end of a test). */
export function watchErrors(context: BrowserContext): string[] {
  const errors: string[] = []
  context.on('page', (p) => attach(p, errors))
  for (const p of context.pages()) attach(p, errors)
  return errors
}

function attach(page: Page, errors: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
  // Name the resource behind a "Failed to load resource" console error.
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') errors.push(`${page.url()}: ${r.status()} ${r.url()}`)
  })
}

/** "1.234,5" / "85,3%" / "1.200.000 ₫" → number (Vietnamese formats). */
export function parseVi(text: string): number {
  const s = text
    .replace(/[^\d,.\-−]/g, '')
    .replace('−', '-')
    .replace(/\./g, '')
    .replace(',', '.')
  return Number(s)
}

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots')
