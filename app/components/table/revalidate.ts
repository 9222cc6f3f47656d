/**
 * Table search/sort params (q, sort, dir) change only what the browser shows: a route exports this as
 * `shouldRevalidate` so typing in the search box does not re-run its loader — unless the table is paged on
 * the server (a `page` parameter on either side, app/lib/paging.ts): then the loader sorts and searches.
 */
import type { ShouldRevalidateFunctionArgs } from '@remix-run/react'

const CLIENT_ONLY = ['q', 'sort', 'dir']

/** A `shouldRevalidate` that skips the loader when only `params` (and the table's q, sort, dir) changed. */
export function skipParamRevalidation(...params: string[]) {
  const skip = new Set([...CLIENT_ONLY, ...params])
  return ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs): boolean => {
    if (formMethod && formMethod.toUpperCase() !== 'GET') return defaultShouldRevalidate
    if (currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate
    const a = new URLSearchParams(currentUrl.search)
    const b = new URLSearchParams(nextUrl.search)
    if (a.has('page') || b.has('page')) return defaultShouldRevalidate
    for (const k of skip) {
      a.delete(k)
      b.delete(k)
    }
    a.sort()
    b.sort()
    return a.toString() === b.toString() ? false : defaultShouldRevalidate
  }
}

export const skipTableParamRevalidation = skipParamRevalidation()
