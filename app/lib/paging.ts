/**
 * Server-side paging of a long commune table (ADR 041): the nation's 3,321 communes are sorted, searched and
 * cut to one page by the loader, so the page ships and renders 50 rows, not 3,321. The view lives in the URL
 * (`sort`, `dir`, `q`, `page`), so every state is a link that works without JavaScript; `page` marks a paged
 * view (the table's sort and search then re-run the loader: `skipParamRevalidation`). Search is the
 * table's diacritic-insensitive one, sort its stable one (missing values last), so a page shows what the
 * browser would have shown on the whole table.
 */
import { paginate, searchRows, sortRows, type SortDir } from './charts/table.ts'

/** Rows per page of a paged table. */
export const PAGE_SIZE = 50
/** Tables longer than this are paged on the server (a province's ≤ 168 communes stay whole). */
export const PAGE_OVER = 200

export interface Paging {
  page: number
  pages: number
  /** Rows before the search. */
  total: number
  /** Rows the search kept (what the pages cut). */
  matched: number
  /** Index of the page's first row in the matched rows (0-based). */
  offset: number
  size: number
  sort: string
  dir: SortDir
  q: string
}

export interface PageSpec<T> {
  /** Searchable text of a row (the name). */
  text: (row: T) => string[]
  /** The sort value of a row for a column key; undefined for a key the table cannot sort on. */
  value: (row: T, key: string) => string | number | boolean | null | undefined
  sort: { key: string; dir: SortDir }
  size?: number
}

/** The page of `rows` the URL asks for: searched, sorted, cut. */
export function pageRows<T>(rows: readonly T[], search: URLSearchParams, spec: PageSpec<T>): { rows: T[]; paging: Paging } {
  const asked = search.get('sort')
  const sort = asked && rows.length > 0 && spec.value(rows[0]!, asked) !== undefined ? asked : spec.sort.key
  const dirParam = search.get('dir')
  const dir: SortDir = asked === sort && (dirParam === 'asc' || dirParam === 'desc') ? dirParam : spec.sort.dir
  const q = (search.get('q') ?? '').slice(0, 100)
  const found = searchRows(rows, q, spec.text)
  const sorted = sortRows(found, (r) => spec.value(r, sort) ?? null, dir)
  const size = spec.size ?? PAGE_SIZE
  const cut = paginate(sorted, Number.parseInt(search.get('page') ?? '1', 10) || 1, size)
  return {
    rows: cut.rows,
    paging: {
      page: cut.page,
      pages: cut.pages,
      total: rows.length,
      matched: found.length,
      offset: (cut.page - 1) * size,
      size,
      sort,
      dir,
      q,
    },
  }
}

/** `pageRows` when the table is long (more than PAGE_OVER rows), else the rows as they are and no paging. */
export function pageIfLong<T>(rows: readonly T[], search: URLSearchParams, spec: PageSpec<T>): { rows: T[]; paging: Paging | null } {
  return rows.length > PAGE_OVER ? pageRows(rows, search, spec) : { rows: [...rows], paging: null }
}
