/**
 * The one access decision: may this user (or nobody) use this route with these parameters? Used by the
 * express gate for every request and by `requireRouteAccess` in loaders. Pure, so it is unit-tested.
 */
import { reach, type Principal } from './permissions.ts'
import { asList, type RoutePolicy } from './policy.ts'

export type Decision =
  | { ok: true }
  | { ok: false; status: 401; reason: 'sign-in' }
  | { ok: false; status: 403; reason: 'permission' | 'province-wide' | 'other-commune' | 'commune-required' | 'other-province' }

/** A commune's province code (reference data), for the checks of a user scoped to a province. */
export type ProvinceOf = (commune: string) => string | undefined

/** Every commune code the request names through the route's declared path parameter and query names. */
export function communeCodesIn(policy: RoutePolicy, params: Record<string, string>, search: URLSearchParams): string[] {
  const c = policy.commune
  if (!c) return []
  const codes: string[] = []
  if (c.param && params[c.param] !== undefined) codes.push(params[c.param]!)
  for (const q of asList(c.query)) codes.push(...search.getAll(q))
  return codes
}

export function decide(
  policy: RoutePolicy,
  params: Record<string, string>,
  search: URLSearchParams,
  user: Principal | null,
  provinceOf?: ProvinceOf,
): Decision {
  if (policy.access === 'public') return { ok: true }
  if (!user) return { ok: false, status: 401, reason: 'sign-in' }
  if (policy.access === 'signed-in') return { ok: true }
  const r = reach(user, policy.access)
  if (r === null) return { ok: false, status: 403, reason: 'permission' }
  // ADR 033: a user scoped to a province names no other province, and no commune of another province.
  const own = user.provinceCode
  if (own) {
    if (search.getAll('province').some((p) => p !== own)) return { ok: false, status: 403, reason: 'other-province' }
    if (provinceOf && communeCodesIn(policy, params, search).some((c) => provinceOf(c) !== own))
      return { ok: false, status: 403, reason: 'other-province' }
  }
  if (r === 'all') return { ok: true }
  // The user holds the permission only for their own commune.
  if (!policy.commune) return { ok: false, status: 403, reason: 'province-wide' }
  const codes = communeCodesIn(policy, params, search)
  if (codes.some((code) => code !== r.commune)) return { ok: false, status: 403, reason: 'other-commune' }
  if (codes.length === 0 && policy.commune.otherwise === 'refuse') return { ok: false, status: 403, reason: 'commune-required' }
  return { ok: true }
}
