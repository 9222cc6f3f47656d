/**
 * The route-policy registry covers every route: a page added to app/routes without an entry in
 * app/auth/policy.ts fails here (and the gate answers it 404), and each entry's URL pattern is the one
 * Remix serves the file at, so the gate and Remix always agree on which route a URL reaches.
 */
import { describe, expect, it } from 'vitest'
import { PERMISSION_NAMES } from '../app/auth/permissions.ts'
import { matchPolicy, ROUTE_POLICIES } from '../app/auth/policy.ts'
import { remixRoutes } from './support/routes.ts'

const routes = remixRoutes()

describe('route-policy registry', () => {
  it('has an entry for every route file in app/routes', () => {
    const missing = routes.filter((r) => !ROUTE_POLICIES.some((p) => p.route === r.id)).map((r) => `${r.file} (${r.path})`)
    expect(missing, `add these routes to app/auth/policy.ts: ${missing.join(', ')}`).toEqual([])
    expect(routes.length).toBeGreaterThanOrEqual(9)
  })

  it('gives each existing route the URL pattern Remix serves it at, and the gate matches that URL to it', () => {
    for (const r of routes) {
      const p = ROUTE_POLICIES.find((x) => x.route === r.id)
      if (!p) continue
      expect(p.path, r.id).toBe(r.path)
      const sample = r.path.replace(/:[^/]+/g, 'x1').replace(/\*$/, 'a/b')
      expect(matchPolicy(sample)?.policy.route, `${sample} must reach ${r.id}`).toBe(r.id)
    }
  })

  it('declares one entry per route, known permissions, and commune parameters that exist in the path', () => {
    const ids = ROUTE_POLICIES.map((p) => p.route)
    expect(new Set(ids).size).toBe(ids.length)
    for (const p of ROUTE_POLICIES) {
      expect(['public', 'signed-in', ...PERMISSION_NAMES], p.route).toContain(p.access)
      if (p.commune?.param) expect(p.path.split('/'), p.route).toContain(`:${p.commune.param}`)
    }
  })

  it('keeps only the health check, the sign-in and sign-out pages and the icon public', () => {
    expect(
      ROUTE_POLICIES.filter((p) => p.access === 'public')
        .map((p) => p.route)
        .sort(),
    ).toEqual(['routes/favicon[.]ico', 'routes/healthz', 'routes/login', 'routes/logout'])
  })
})
