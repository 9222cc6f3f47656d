/**
 * The access gate: express middleware in front of Remix that applies the route-policy registry to every
 * request (pages, single-fetch `.data` requests, actions, exports, API). Deny by default: a URL no policy
 * covers is answered 404 here. Loaders still call the guards (guard.server.ts) to get their user.
 *
 * Refusals: API → 401/403 JSON; a page → 302 to /login?next=… or a 403 page; a single-fetch data request →
 * Remix's redirect encoding (202 + turbo-stream), reloading the document so the browser shows the same.
 */
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { PgStore } from '../../db/pg/client.ts'
import { communeCodesIn, decide, type Decision } from './access.ts'
import { csrfFor } from './csrf.server.ts'
import { identify, type AuthUser } from './identity.server.ts'
import { matchPolicy, pagePath, PUBLIC_REMIX_PATHS } from './policy.ts'
import { provinceLookup, provinceLookupFor } from './province.server.ts'
import { runInProvince, viewProvince } from '../../db/province-view.ts'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The body Remix's client decodes as "redirect to `location`, reloading the document" for a `.data`
 * request (turbo-stream 2, as @remix-run/server-runtime encodes it): loader requests (GET) get the
 * redirect under the SingleFetchRedirect marker, action requests get the bare redirect object.
 */
export function singleFetchRedirectBody(location: string, method = 'GET'): string {
  const fields = ['redirect', location, 'status', 302, 'revalidate', false, 'reload', true, 'replace']
  if (method === 'GET' || method === 'HEAD')
    return JSON.stringify([['SingleFetchRedirect', 1], { _2: 3, _4: 5, _6: 7, _8: 9, _10: 7 }, ...fields]) + '\n'
  return JSON.stringify([{ _1: 2, _3: 4, _5: 6, _7: 8, _9: 6 }, ...fields]) + '\n'
}

const isApi = (req: ExpressRequest) => req.path.startsWith('/api/') || req.get('authorization') !== undefined
const isData = (req: ExpressRequest) => req.path.endsWith('.data')

/** The page URL behind a request (for `next=` and reloads): `.data` stripped, Remix's `_routes` dropped. */
function pageUrl(req: ExpressRequest): string {
  const u = new URL(req.originalUrl, 'http://x')
  u.searchParams.delete('_routes')
  const q = u.searchParams.toString()
  return pagePath(u.pathname) + (q ? `?${q}` : '')
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(res: ExpressResponse, status: number, title: string, body: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${esc(title)} — Một Cửa KPI</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}` +
        `button{font:inherit}</style></head><body><main><h1>${status}</h1>${body}</main></body></html>`,
    )
}

function forbiddenPage(res: ExpressResponse, user: AuthUser | null, reason: string): void {
  const signOut =
    user?.via === 'session' && user.sessionToken
      ? `<form method="post" action="/logout"><input type="hidden" name="csrf" value="${esc(csrfFor(user.sessionToken))}">` +
        `<button type="submit">Đăng nhập bằng tài khoản khác / Sign in as someone else</button></form>`
      : ''
  page(
    res,
    403,
    'Không có quyền truy cập',
    `<p role="alert">Tài khoản <strong>${esc(user?.email ?? '')}</strong> không có quyền xem nội dung này.</p>` +
      `<p lang="en">Your account is not allowed to see this.</p><p data-reason="${esc(reason)}"><a href="/">Về trang chủ / Home</a></p>${signOut}`,
  )
}

function refuse(
  req: ExpressRequest,
  res: ExpressResponse,
  d: Exclude<Decision, { ok: true }>,
  user: AuthUser | null,
  expired = false,
): void {
  res.setHeader('Cache-Control', 'no-store')
  if (isApi(req)) {
    if (d.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="mot-cua-kpi"')
    res.status(d.status).json({ error: d.status === 401 ? 'unauthorized' : 'forbidden', reason: d.reason })
    return
  }
  const target = d.status === 401 ? `/login?next=${encodeURIComponent(pageUrl(req))}${expired ? '&expired=1' : ''}` : pageUrl(req)
  if (isData(req)) {
    // The client follows this with a full document request, which gets the login redirect or the 403 page.
    res.status(202).set({ 'Content-Type': 'text/x-script', 'X-Remix-Response': 'yes' }).send(singleFetchRedirectBody(target, req.method))
    return
  }
  if (d.status === 401) {
    res.redirect(req.method === 'GET' || req.method === 'HEAD' ? 302 : 303, target)
    return
  }
  forbiddenPage(res, user, d.reason)
}

/** State-changing requests from another site are refused outright (the CSRF token is checked in actions). */
function crossSite(req: ExpressRequest): boolean {
  const site = req.get('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') return true
  const origin = req.get('origin')
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host !== req.get('host')
    } catch {
      return true
    }
  }
  return origin === 'null'
}

/**
 * `config` given: the request then runs looking at its province (db/province-view.ts) — a national
 * deployment narrowed to the user's province or to `?province=` (ADR 033).
 */
export function accessGate(stores: { pg: PgStore; config?: { PROVINCE_CODE: string } }): RequestHandler {
  return (req, res, next) => {
    void (async () => {
      if (PUBLIC_REMIX_PATHS.includes(req.path)) return next()
      const m = matchPolicy(req.path)
      if (!m) {
        if (process.env.NODE_ENV !== 'production')
          console.warn(`access gate: no policy for ${req.path} — add the route to app/auth/policy.ts`)
        if (isApi(req)) return void res.status(404).json({ error: 'not_found' })
        return page(
          res,
          404,
          'Không tìm thấy',
          '<p>Không tìm thấy trang này. / This page was not found.</p><p><a href="/">Về trang chủ / Home</a></p>',
        )
      }
      const bearer = req.get('authorization') !== undefined
      if (UNSAFE.has(req.method) && !bearer && crossSite(req)) {
        res.status(403).type('text/plain').send('Yêu cầu từ trang khác bị từ chối. / Cross-site request refused.')
        return
      }
      if (m.policy.access === 'public') return next()
      const id = await identify(stores, { cookie: req.get('cookie'), authorization: req.get('authorization') })
      if (id.kind === 'bad-token') return refuse(req, res, { ok: false, status: 401, reason: 'sign-in' }, null)
      const user = id.kind === 'user' ? id.user : null
      const search = new URL(req.originalUrl, 'http://x').searchParams
      const d = decide(m.policy, m.params, search, user, await provinceLookupFor(stores.pg, user))
      if (!d.ok) return refuse(req, res, d, user, id.kind === 'anonymous' && id.expired)
      if (!stores.config) return next()
      // A national deployment looks at the province of the commune the URL names (ADR 033).
      const named = stores.config.PROVINCE_CODE === 'all' ? communeCodesIn(m.policy, m.params, search)[0] : undefined
      const communeProvince = named ? (await provinceLookup(stores.pg))(named) : undefined
      runInProvince(viewProvince(stores.config.PROVINCE_CODE, user, search, communeProvince), next)
    })().catch(next)
  }
}
