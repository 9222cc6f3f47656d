/**
 * Table rows: diacritic-insensitive search ("dong ha" finds "Đông Hà") and sorting that keeps missing
 * values last in both directions and sorts text in Vietnamese order. Used on the server (sorted first
 * paint, exports) and in the browser (live search) alike.
 */
import { searchKey } from '../../../db/lib/text.ts'

export type SortDir = 'asc' | 'desc'

/** Rows whose text columns contain every word of the query (diacritics, case and spacing ignored). */
export function searchRows<T>(rows: readonly T[], query: string, text: (row: T) => string[]): T[] {
  const words = searchKey(query).split(' ').filter(Boolean)
  if (words.length === 0) return [...rows]
  return rows.filter((r) => {
    const hay = text(r).map(searchKey).join(' ')
    return words.every((w) => hay.includes(w))
  })
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

export function compareValues(a: unknown, b: unknown): number {
  const missA = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a))
  const missB = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b))
  if (missA || missB) return missA === missB ? 0 : missA ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return collator.compare(String(a), String(b))
}

/** Sorted copy; missing values always last; ties keep their input order. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => unknown, dir: SortDir): T[] {
  return rows
    .map((r, i) => ({ r, v: value(r), i }))
    .sort((x, y) => {
      const missX = x.v === null || x.v === undefined
      const missY = y.v === null || y.v === undefined
      if (missX || missY) return missX === missY ? x.i - y.i : missX ? 1 : -1
      const c = compareValues(x.v, y.v)
      return (dir === 'asc' ? c : -c) || x.i - y.i
    })
    .map((x) => x.r)
}

/** 1-based rank by a value (ties share a rank, "1, 2, 2, 4"); missing values get null. */
export function rankBy<T>(
  rows: readonly T[],
  value: (row: T) => number | null | undefined,
  higherIsBetter: boolean,
): Map<T, number | null> {
  const out = new Map<T, number | null>()
  // Best first; a value's rank is 1 + the number of values strictly better (binary search: 3,321 communes
  // ranked nationally would otherwise compare every pair).
  const vals = rows
    .map((r) => value(r))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => (higherIsBetter ? b - a : a - b))
  const better = (o: number, v: number) => (higherIsBetter ? o > v : o < v)
  for (const r of rows) {
    const v = value(r)
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      out.set(r, null)
      continue
    }
    let lo = 0
    let hi = vals.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (better(vals[mid]!, v)) lo = mid + 1
      else hi = mid
    }
    out.set(r, 1 + lo)
  }
  return out
}

export function paginate<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; page: number; pages: number; total: number } {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize))
  const p = Math.min(Math.max(1, page), pages)
  return { rows: rows.slice((p - 1) * pageSize, p * pageSize), page: p, pages, total: rows.length }
}
