/**
 * Every page, for every role, at a laptop (1440 × 900) and a phone (390 × 844): the document is never wider
 * than the viewport (tables scroll inside their card, never the page). The page list comes from Remix's own
 * route manifest (every route module with a default export and no file extension in its path), so a new page
 * is checked without editing this test. A page the role may not open answers 403 and is checked too (the
 * error page must fit as well). One screenshot per page and size (the first role that may open it) goes to
 * docs/screenshots/pages/<page>-1440.png and -390.png.
 */
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { browserAvailable, launchBrowser, SCREENSHOTS, signIn, startApp, waitHydrated, type App } from './support/browser.ts'
import { remixRoutes } from './support/routes.ts'
import { createUser } from '../app/auth/users.server.ts'
import { ROLES, type Role } from '../app/auth/roles.ts'
import { communes, users } from '../db/pg/schema/index.ts'
import { createAction, NewActionSchema } from '../app/planning/actions.server.ts'

const run = browserAvailable()
const SIZES = [
  { name: '1440', width: 1440, height: 900, mobile: false },
  { name: '390', width: 390, height: 844, mobile: true },
] as const
const PASSWORD = 'kiem-thu-bo-cuc-2026'
const OUT = path.join(SCREENSHOTS, 'pages')

/** The pages: route modules that render (resource routes — exports, API, health — have no default export). */
function pagePaths(params: Record<string, string>): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = []
  for (const r of remixRoutes()) {
    if (r.id === 'root') continue
    const src = fs.readFileSync(path.resolve('app', r.file), 'utf8')
    if (!/export default function/.test(src)) continue
    if (['/logout', '/login'].includes(r.path)) continue
    const p = r.path.replace(/:(\w+)/g, (_, k: string) => params[k] ?? `:${k}`)
    if (!p.includes(':')) out.push({ path: p === '' ? '/' : p, name: slug(r.path) })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

/** The screenshot's name: the route's pattern ('/communes/:code' → communes-code), so it is the same every run. */
const slug = (p: string) => (p === '/' || p === '' ? 'tong-quan' : p.slice(1).replace(/[/$:.]+/g, '-'))

let app: App
let browser: Browser
let communeCode = ''
let adminId = ''

describe.skipIf(!run)('every page fits the viewport, for every role', () => {
  beforeAll(async () => {
    app = await startApp({ days: 40 })
    browser = await launchBrowser()
    const [c] = await app.stores.pg.db.select().from(communes).where(eq(communes.name, 'Đông Hà'))
    communeCode = c!.code
    for (const role of ROLES) {
      await createUser(
        app.stores,
        {
          email: `${role}@bocuc.vn`,
          password: PASSWORD,
          roles: [role],
          displayName: `Vai trò ${role}`,
          ...(role === 'commune' ? { communeCode } : {}),
        },
        { actor: 'test', ip: null },
      )
    }
    const [admin] = await app.stores.pg.db.select().from(users).where(eq(users.email, 'admin@bocuc.vn'))
    adminId = admin!.id
    fs.mkdirSync(OUT, { recursive: true })
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('visits every page at 1440×900 and 390×844 for each role: scrollWidth <= innerWidth', async () => {
    const pages = pagePaths({ code: communeCode, id: adminId })
    const paths = pages.map((p) => p.path)
    expect(paths).toContain('/')
    expect(paths).toContain(`/communes/${communeCode}`)
    expect(paths).toContain('/admin/users')
    const shot = new Set<string>()
    const wide: string[] = []
    const errors: string[] = []
    let opened = 0
    for (const role of ROLES as readonly Role[]) {
      for (const size of SIZES) {
        const context: BrowserContext = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          isMobile: size.mobile,
          hasTouch: size.mobile,
          locale: 'vi-VN',
        })
        const page: Page = await context.newPage()
        page.on('pageerror', (e) => errors.push(`${role} ${page.url()}: ${e.message}`))
        await signIn(page, { url: app.url, email: `${role}@bocuc.vn`, password: PASSWORD })
        for (const { path: p, name } of pages) {
          const res = await page.goto(`${app.url}${p}`, { waitUntil: 'load' })
          const status = res?.status() ?? 0
          if (status === 200) {
            opened++
            await waitHydrated(page)
            await page.waitForLoadState('networkidle')
          }
          const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
          if (w.scroll > w.inner) wide.push(`${role} ${size.name} ${p} (${status}): ${w.scroll} > ${w.inner}`)
          const key = `${name}-${size.name}`
          if (status === 200 && !shot.has(key)) {
            shot.add(key)
            const height = await page.evaluate(() => document.documentElement.scrollHeight)
            await page.screenshot({ path: path.join(OUT, `${key}.png`), fullPage: true, clip: clipFor(size.width, height) })
          }
        }
        await context.close()
      }
    }
    expect(wide).toEqual([])
    expect(errors).toEqual([])
    // Every page was opened (200) by at least one role at both sizes.
    expect([...shot].sort()).toEqual(pages.flatMap((p) => SIZES.map((s) => `${p.name}-${s.name}`)).sort())
    expect(opened).toBeGreaterThan(pages.length * 2)
  }, 1_500_000)

  it('the main tables are stacked cards (label: value) at 390 px, and tables with a sticky first column at 1440 px', async () => {
    const TABLES: [string, string][] = [
      ['/', '#commune-table-table'],
      ['/staffing', 'main table.cards-sm'],
      ['/equipment', 'main table.cards-sm'],
      ['/satisfaction', 'main table.cards-sm'],
      [`/dossiers?commune=${communeCode}&class=received`, '[data-testid="dossiers-table"]'],
      ['/actions', 'main table.cards-sm'],
    ]
    const action = {
      communeCode,
      kpi: 'late_rate',
      title: 'Giảm hồ sơ trễ hạn',
      department: 'home_affairs' as const,
      dueDate: '31/12/2026',
    }
    expect(NewActionSchema.parse(action).dueDate).toBe('2026-12-31')
    await createAction(app.stores, action, { actor: 'test' })
    const seen: string[] = []
    for (const size of SIZES) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        isMobile: size.mobile,
        locale: 'vi-VN',
      })
      const page = await context.newPage()
      await signIn(page, app)
      for (const [p, sel] of TABLES) {
        await page.goto(`${app.url}${p}`, { waitUntil: 'load' })
        await waitHydrated(page)
        const t = await page.evaluate((sel) => {
          const table = document.querySelector(sel)
          const row = table?.querySelector('tbody tr')
          const cell = row?.querySelector('td[data-label]')
          const head = table?.querySelector('tbody th[scope="row"]')
          if (!table || !row || !cell || !head) return null
          return {
            cards: table.classList.contains('cards-sm'),
            row: getComputedStyle(row).display,
            thead: getComputedStyle(table.querySelector('thead')!).display,
            label: getComputedStyle(cell, '::before').content,
            sticky: getComputedStyle(head).position,
            wrapScrolls: table.parentElement!.scrollWidth > table.parentElement!.clientWidth + 1,
          }
        }, sel)
        expect(t, `${p} ${size.name}`).not.toBeNull()
        if (size.mobile)
          expect({ p, ...t!, label: t!.label.length > 4 }).toEqual({
            p,
            cards: true,
            row: 'block',
            thead: 'none',
            label: true,
            sticky: 'static',
            wrapScrolls: false,
          })
        else expect({ p, row: t!.row, sticky: t!.sticky }).toEqual({ p, row: 'table-row', sticky: 'sticky' })
        if (size.mobile) {
          // The table's first cards, as a phone shows them.
          const box = (await page.locator(sel).first().boundingBox())!
          const name = `cards-${slug(p.split('?')[0]!)}-390`
          await page.screenshot({
            path: path.join(OUT, `${name}.png`),
            fullPage: true,
            clip: { x: 0, y: Math.max(0, box.y - 40), width: 390, height: 700 },
          })
        }
        seen.push(`${p} ${size.name}`)
      }
      await context.close()
    }
    expect(seen).toHaveLength(TABLES.length * 2)
  }, 600_000)
})

/** Long pages are cut (a full 78-commune list is unreadable as one image). */
function clipFor(width: number, height: number) {
  return { x: 0, y: 0, width, height: Math.min(height, width > 800 ? 3200 : 5200) }
}
