/**
 * The permission table: what each role may do. Every loader, action, export and API call asks for one of
 * these permissions (app/auth/guard.server.ts) and every route declares one (app/auth/policy.ts).
 * Roles that hold a permission only through `commune` get it for their own commune only.
 */
import type { Role } from './roles.ts'

export const PERMISSIONS = {
  /** KPI pages, commune pages, the KPI API and exports of KPI tables. */
  'kpi.read': ['leadership', 'home_affairs', 'finance', 'commune'],
  /** Official reports (Biểu 06 / 06a, GET /api/v1/reports/bieu06) and the 766 reconciliation page (a commune
   * user: their own commune's 06a and reconciliation rows). */
  'reports.read': ['leadership', 'home_affairs', 'finance', 'it', 'commune'],
  /** Upload the national portal's published 766 figures for reconciliation. */
  'reconcile.upload': ['it'],
  /** Data health: ETL runs, freshness, rejected records, source status. */
  'data.read': ['leadership', 'home_affairs', 'finance', 'it'],
  /** File import of source records (Excel/CSV). */
  'data.import': ['it'],
  /** Run an ETL job now. */
  'etl.run': ['it'],
  /** The source code tables: what each source system's status, channel and unit codes mean (ADR 019). */
  'sources.edit': ['it'],
  /** Officers and their assignments. */
  'staffing.edit': ['home_affairs'],
  /** Accept a staff reallocation / secondment plan. */
  'reallocation.accept': ['home_affairs'],
  /** Equipment inventory, norms, unit prices, the disadvantaged-area flag. */
  'equipment.edit': ['finance'],
  /** Budget plans (draft, approve). */
  'budget.edit': ['finance'],
  /** Tracked actions opened from KPI breaches (a commune user: for their commune). */
  'actions.edit': ['leadership', 'home_affairs', 'finance', 'commune'],
  /** KPI targets and alert thresholds. */
  'settings.edit': ['admin'],
  /** Users, roles, API tokens. */
  'users.manage': ['admin'],
  /** The audit log. */
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[]

export interface Principal {
  roles: readonly Role[]
  communeCode: string | null
  /** A user scoped to one province of a national deployment (ADR 033); null or absent: the whole deployment. */
  provinceCode?: string | null
}

/**
 * How far `perm` reaches for this user: `null` = not at all; `'all'` = the whole province;
 * `{ commune }` = only that commune (the permission comes from the `commune` role alone).
 */
export type Reach = null | 'all' | { commune: string }

export function reach(user: Principal, perm: Permission): Reach {
  const allowed: readonly Role[] = PERMISSIONS[perm]
  const granting = user.roles.filter((r) => allowed.includes(r))
  if (granting.length === 0) return null
  if (granting.some((r) => r !== 'commune')) return 'all'
  // Only through `commune`: without a commune code the role grants nothing.
  return user.communeCode ? { commune: user.communeCode } : null
}

export function can(user: Principal, perm: Permission): boolean {
  return reach(user, perm) !== null
}

/**
 * Where a user lands (after sign-in, and the brand link of every page): the overview for the KPI readers, data
 * health for IT, the accounts for an administrator — always a page the user may open (never a 403).
 */
export function homePathFor(user: Principal): string {
  if (reach(user, 'kpi.read')) return '/'
  if (reach(user, 'data.read')) return '/data'
  if (reach(user, 'users.manage')) return '/admin/users'
  if (reach(user, 'reports.read')) return '/reports/bieu06'
  return '/'
}
