/**
 * The province a request looks at (ADR 033). A national deployment (`PROVINCE_CODE=all`) serves every
 * province; a request narrows it — the user's own province when they are scoped to one, else `?province=` —
 * and everything the request reads through `getStores()` sees `config.PROVINCE_CODE` as that province, so
 * the one rule "the communes of PROVINCE_CODE" (`inProvince`) scopes every page, export and API call alike.
 * The access gate sets it per request (AsyncLocalStorage); outside a request nothing changes.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Stores } from './stores.ts'

const NATION = 'all'
const PROVINCE = /^\d{2}$/

// On globalThis: the gate (loaded by server.ts) and the loaders (the Remix build) are separate module copies.
const g = globalThis as unknown as {
  __motCuaProvinceView?: AsyncLocalStorage<string>
  __motCuaProvinceStores?: WeakMap<Stores, Map<string, Stores>>
  __motCuaProvinceBases?: WeakMap<Stores, Stores>
}
const als = (g.__motCuaProvinceView ??= new AsyncLocalStorage<string>())
const views = (g.__motCuaProvinceStores ??= new WeakMap())
const bases = (g.__motCuaProvinceBases ??= new WeakMap())

/**
 * Which province a request sees: a province deployment always its own; a national one the user's province
 * when they have one, else a valid `?province=`, else the province of the commune the URL names (a commune
 * is compared with its own province), else the nation.
 */
export function viewProvince(
  deployment: string,
  user: { provinceCode?: string | null } | null,
  search: URLSearchParams,
  communeProvince?: string,
): string {
  if (deployment !== NATION) return deployment
  if (user?.provinceCode) return user.provinceCode
  const asked = search.get('province')
  if (asked && PROVINCE.test(asked)) return asked
  return communeProvince ?? NATION
}

/** Runs `fn` (the rest of the request) looking at `province`. */
export function runInProvince<T>(province: string, fn: () => T): T {
  return als.run(province, fn)
}

/** The province of the running request, if a request set one. */
export function currentProvince(): string | undefined {
  return als.getStore()
}

/** The same stores with PROVINCE_CODE narrowed to `province` (one object per province, so caches keyed on it hold). */
export function storesInProvince(stores: Stores, province: string): Stores {
  if (province === stores.config.PROVINCE_CODE) return stores
  let byProvince = views.get(stores)
  if (!byProvince) views.set(stores, (byProvince = new Map()))
  let view = byProvince.get(province)
  if (!view) {
    // Delegates everything else (jobs and runtime are attached to the base object later) to the real stores.
    view = Object.create(stores, { config: { value: { ...stores.config, PROVINCE_CODE: province }, enumerable: true } }) as Stores
    byProvince.set(province, view)
    bases.set(view, stores)
  }
  return view
}

/** The deployment's own PROVINCE_CODE (`all` for a national one), whatever province the request looks at. */
export function deploymentProvince(stores: Stores): string {
  return (bases.get(stores) ?? stores).config.PROVINCE_CODE
}
