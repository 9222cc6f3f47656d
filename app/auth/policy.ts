/**
 * The route-policy registry: for every file in app/routes, the URL it serves, the permission it needs and
 * where a commune code travels in it. The express gate (gate.server.ts) enforces this on every request
 * before Remix runs, and tests/auth-matrix.test.ts iterates it (every role × every route, own and other
 * commune). A route file with no entry fails tests/auth-policy.test.ts and is answered 404 by the gate.
 *
 * ADDING A PAGE? Add one line below: `route` is the Remix route id (`routes/<file name without extension>`),
 * `path` the URL pattern Remix gives it (the test checks both against Remix's own route table).
 */
import type { Permission } from './permissions.ts'

export interface CommuneScope {
  /** A path parameter holding a commune code (`/communes/:code` → 'code'). */
  param?: string
  /** Query-string parameter(s) holding a commune code (every value is checked). */
  query?: string | string[]
  /** Form field(s) holding a commune code in this route's actions (checked by `requireAction`). */
  form?: string | string[]
  /**
   * What the route shows a commune user when no code is given:
   * 'scoped' — the loader limits lists to `scopeCommunes(user)`; 'refuse' — it would be province-wide data,
   * so a commune user is refused (403) unless they name their own commune.
   */
  otherwise: 'scoped' | 'refuse'
}

export interface RoutePolicy {
  /** Remix route id: 'routes/communes.$code'. */
  route: string
  /** URL pattern: '/communes/:code' ('*' for a splat). */
  path: string
  /** 'public' = no sign-in; 'signed-in' = any active user; otherwise a permission from permissions.ts. */
  access: Permission | 'public' | 'signed-in'
  /** Absent = no commune dimension: a user who holds `access` only through the commune role is refused. */
  commune?: CommuneScope
  /** Example URL for the test matrix when `path` has non-commune parameters ('{user}' = a user id). */
  example?: string
  /** Example form for a POST probe of this route's action (the matrix adds `csrf` and commune fields). */
  post?: Record<string, string>
  /** The permission the action itself requires when stricter than `access` (e.g. a page everyone with
   * kpi.read sees, whose edits need staffing.edit): the matrix then expects POSTs to need both. */
  postAccess?: Permission
}

export const ROUTE_POLICIES: RoutePolicy[] = [
  // Foundation
  { route: 'routes/_index', path: '/', access: 'kpi.read', commune: { otherwise: 'scoped' } },
  { route: 'routes/healthz', path: '/healthz', access: 'public' },
  // Accounts (issue 5)
  { route: 'routes/login', path: '/login', access: 'public' },
  { route: 'routes/logout', path: '/logout', access: 'public' },
  { route: 'routes/admin.users._index', path: '/admin/users', access: 'users.manage', post: { intent: 'noop' } },
  {
    route: 'routes/admin.users.$id',
    path: '/admin/users/:id',
    access: 'users.manage',
    example: '/admin/users/{user}',
    post: { intent: 'noop' },
  },
  { route: 'routes/admin.tokens', path: '/admin/tokens', access: 'users.manage', post: { intent: 'noop' } },
  { route: 'routes/admin.audit', path: '/admin/audit', access: 'audit.read' },
  // Dashboard (issue 6), KPI API (issue 4), decision tools (issue 7).
  { route: 'routes/communes.$code', path: '/communes/:code', access: 'kpi.read', commune: { param: 'code', otherwise: 'refuse' } },
  { route: 'routes/api.v1.kpi', path: '/api/v1/kpi', access: 'kpi.read', commune: { query: 'commune', otherwise: 'refuse' } },
  { route: 'routes/staffing._index', path: '/staffing', access: 'kpi.read', post: { intent: 'noop' }, postAccess: 'staffing.edit' },
  { route: 'routes/staffing.plan', path: '/staffing/plan', access: 'kpi.read', post: { intent: 'noop' }, postAccess: 'staffing.edit' },
  { route: 'routes/staffing.plan.$id.docx', path: '/staffing/plan/:id/docx', access: 'kpi.read', example: '/staffing/plan/1/docx' },
  { route: 'routes/equipment._index', path: '/equipment', access: 'kpi.read', post: { intent: 'noop' }, postAccess: 'equipment.edit' },
  { route: 'routes/equipment.budget', path: '/equipment/budget', access: 'kpi.read', post: { intent: 'noop' }, postAccess: 'budget.edit' },
  {
    route: 'routes/equipment.budget.$id.xlsx',
    path: '/equipment/budget/:id/xlsx',
    access: 'kpi.read',
    example: '/equipment/budget/1/xlsx',
  },
  { route: 'routes/satisfaction', path: '/satisfaction', access: 'kpi.read' },
  { route: 'routes/qd766', path: '/qd766', access: 'kpi.read' },
  {
    route: 'routes/actions',
    path: '/actions',
    access: 'kpi.read',
    commune: { query: 'commune', form: 'communeCode', otherwise: 'scoped' },
    post: { intent: 'noop' },
    postAccess: 'actions.edit',
  },
  { route: 'routes/data', path: '/data', access: 'data.read', post: { intent: 'noop' }, postAccess: 'sources.edit' },
  { route: 'routes/settings', path: '/settings', access: 'settings.edit', post: { intent: 'noop' } },
  {
    route: 'routes/export.overview',
    path: '/export/overview',
    access: 'kpi.read',
    commune: { otherwise: 'scoped' },
    example: '/export/overview?format=csv',
  },
  // Dashboard exports (issue 6): the same tables as the pages, as XLSX/CSV.
  {
    route: 'routes/export.communes.$code',
    path: '/export/communes/:code',
    access: 'kpi.read',
    commune: { param: 'code', otherwise: 'refuse' },
  },
  { route: 'routes/export.staffing', path: '/export/staffing', access: 'kpi.read', example: '/export/staffing?format=csv' },
  { route: 'routes/export.equipment', path: '/export/equipment', access: 'kpi.read', example: '/export/equipment?format=csv' },
  { route: 'routes/export.satisfaction', path: '/export/satisfaction', access: 'kpi.read', example: '/export/satisfaction?format=csv' },
  { route: 'routes/export.qd766', path: '/export/qd766', access: 'kpi.read', example: '/export/qd766?format=csv' },
  { route: 'routes/export.data', path: '/export/data', access: 'data.read', example: '/export/data?format=csv&table=jobs' },
  { route: 'routes/data.import', path: '/data/import', access: 'data.import', post: { kind: 'dossiers' } },
  { route: 'routes/data_.run', path: '/data/run', access: 'data.import', post: { job: 'none' } },
  { route: 'routes/data_.run_.status', path: '/data/run/status', access: 'data.read', example: '/data/run/status?job=dossiers' },
  { route: 'routes/data_.template.$kind', path: '/data/template/:kind', access: 'data.import', example: '/data/template/dossiers' },
  // Official reports and reconciliation (issue 16).
  {
    route: 'routes/api.v1.reports.bieu06',
    path: '/api/v1/reports/bieu06',
    access: 'reports.read',
    commune: { query: 'commune', otherwise: 'scoped' },
  },
  { route: 'routes/reports._index', path: '/reports', access: 'reports.read', post: { intent: 'noop' } },
  { route: 'routes/reports.file.$id', path: '/reports/file/:id', access: 'reports.read', example: '/reports/file/1' },
  { route: 'routes/reports.bieu06', path: '/reports/bieu06', access: 'reports.read', commune: { query: 'commune', otherwise: 'scoped' } },
  {
    route: 'routes/reports.reconcile766',
    path: '/reports/reconcile766',
    access: 'reports.read',
    commune: { otherwise: 'scoped' },
    post: { intent: 'noop' },
    postAccess: 'reconcile.upload',
  },
  {
    route: 'routes/export.reconcile766',
    path: '/export/reconcile766',
    access: 'reports.read',
    commune: { otherwise: 'scoped' },
    example: '/export/reconcile766?format=csv',
  },
  // Source adapters (issue 16): the code tables (IT) and the push receiver's senders (admin).
  { route: 'routes/data_.codes', path: '/data/codes', access: 'sources.edit', post: { intent: 'noop' } },
  { route: 'routes/admin.push', path: '/admin/push', access: 'users.manage', post: { intent: 'noop' } },
  // The dossiers behind a count (issue 14 item 4): scoped like the overview (a commune user: their own only).
  { route: 'routes/dossiers', path: '/dossiers', access: 'kpi.read', commune: { query: 'commune', otherwise: 'scoped' } },
  {
    route: 'routes/export.dossiers',
    path: '/export/dossiers',
    access: 'kpi.read',
    commune: { query: 'commune', otherwise: 'scoped' },
  },
  { route: 'routes/favicon[.]ico', path: '/favicon.ico', access: 'public' },
]

/** Paths that are not route files but reach Remix: its lazy route-discovery manifest (code, not data). */
export const PUBLIC_REMIX_PATHS = ['/__manifest', '/favicon.ico', '/robots.txt']

export interface PolicyMatch {
  policy: RoutePolicy
  params: Record<string, string>
}

interface Compiled {
  policy: RoutePolicy
  re: RegExp
  names: string[]
  rank: number
}

function compile(p: RoutePolicy): Compiled {
  const names: string[] = []
  const segs = p.path.split('/').filter(Boolean)
  let rank = 0
  const body = segs
    .map((seg) => {
      if (seg === '*') {
        names.push('*')
        rank -= 100
        return '(?:/(.*))?'
      }
      if (seg.startsWith(':')) {
        names.push(seg.slice(1))
        rank += 3
        return '/([^/]+)'
      }
      rank += 10
      return '/' + seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  return { policy: p, re: new RegExp(`^${body || ''}/?$`, 'i'), names, rank }
}

let compiled: Compiled[] | undefined
function table(): Compiled[] {
  return (compiled ??= ROUTE_POLICIES.map(compile).sort((a, b) => b.rank - a.rank))
}

/**
 * The URL Remix will serve for a request path: single-fetch data requests (`/x.data`, `/_root.data`) are
 * the page they load; a trailing slash is ignored.
 */
export function pagePath(pathname: string): string {
  let p = pathname
  if (p === '/_root.data') return '/'
  if (p.endsWith('.data')) p = p.slice(0, -'.data'.length)
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1)
  return p || '/'
}

/** The policy of the route that serves `pathname` (Remix's case-insensitive matching), or null. */
export function matchPolicy(pathname: string): PolicyMatch | null {
  const p = pagePath(pathname)
  for (const c of table()) {
    const m = c.re.exec(p)
    if (!m) continue
    const params: Record<string, string> = {}
    c.names.forEach((n, i) => {
      const raw = m[i + 1] ?? ''
      try {
        params[n] = decodeURIComponent(raw)
      } catch {
        params[n] = raw
      }
    })
    return { policy: c.policy, params }
  }
  return null
}

export const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
