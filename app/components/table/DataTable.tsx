/**
 * A sortable, searchable table. Search is diacritic-insensitive ("dong ha" finds "Đông Hà"); headers are
 * buttons with aria-sort; with `urlSync` the search and sort live in the URL (q, sort, dir) so the view
 * can be linked. Rows arrive sorted from the server (first paint, no JS needed); the browser re-sorts.
 * With `paging` (a long national table, app/lib/paging.ts) the server sorts, searches and pages: headers are
 * links, the search is a GET form and a pager moves between pages — all without JavaScript.
 */
import { useMemo, useState, type ReactNode } from 'react'
import { Form, Link, useSearchParams } from '@remix-run/react'
import { useT } from '~/root'
import { searchRows, sortRows, type SortDir } from '~/lib/charts/table'
import type { Paging } from '~/lib/paging'
import { withParams } from '~/lib/url-filters'
import { Pager } from '../data/Pager'
import { ExportLinks } from './ExportLinks'
import { dataValue, metric, type MetricId } from '~/kpi/catalogue'
import { KpiInfo } from '../tiles/KpiInfo'

export interface Column<T> {
  key: string
  header: ReactNode
  /** Plain-text header for aria-labels when `header` is not a string. */
  headerText?: string
  numeric?: boolean
  value: (row: T) => string | number | boolean | null
  render?: (row: T) => ReactNode
  searchable?: boolean
  sortable?: boolean
  className?: string
  /** First sort direction when the header is clicked (numbers: desc). */
  firstDir?: SortDir
  /** The figure of the metric catalogue this column shows: its ⓘ in the header, each cell marked `data-kpi` (ADR 032). */
  kpi?: MetricId
}

interface Props<T> {
  id: string
  caption: ReactNode
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string
  defaultSort?: { key: string; dir: SortDir }
  urlSync?: boolean
  /** Export link base (a path with the page's query); ?format=xlsx|csv is added. */
  exportHref?: string
  searchLabel?: string
  footer?: ReactNode
  rowProps?: (row: T) => Record<string, string>
  /** The rows are one page of a server-paged table (sorted and searched by the loader). */
  paging?: Paging | null
}

export function DataTable<T>({
  id,
  caption,
  columns,
  rows,
  rowKey,
  defaultSort,
  urlSync,
  exportHref,
  searchLabel,
  footer,
  rowProps,
  paging,
}: Props<T>) {
  const t = useT()
  const [params, setParams] = useSearchParams()
  const [local, setLocal] = useState({ q: '', sort: defaultSort?.key ?? '', dir: (defaultSort?.dir ?? 'asc') as SortDir })
  const state = paging
    ? { q: paging.q, sort: paging.sort, dir: paging.dir }
    : urlSync
      ? {
          q: params.get('q') ?? '',
          sort: params.get('sort') ?? defaultSort?.key ?? '',
          dir: ((params.get('dir') as SortDir | null) ?? defaultSort?.dir ?? 'asc') as SortDir,
        }
      : local
  const update = (next: Partial<typeof state>) => {
    if (!urlSync) return setLocal({ ...local, ...next })
    setParams(
      (prev) => {
        const sp = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(next)) {
          if (v) sp.set(k, String(v))
          else sp.delete(k)
        }
        return sp
      },
      { replace: true, preventScrollReset: true },
    )
  }
  const searchable = columns.filter((c) => c.searchable)
  const shown = useMemo(() => {
    if (paging) return rows
    const text = columns.filter((c) => c.searchable)
    const found = searchRows(rows, state.q, (r) => text.map((c) => String(c.value(r) ?? '')))
    const col = columns.find((c) => c.key === state.sort)
    return col ? sortRows(found, col.value, state.dir) : found
  }, [rows, state.q, state.sort, state.dir, columns, paging])

  const nextDir = (c: Column<T>): SortDir =>
    state.sort === c.key ? (state.dir === 'asc' ? 'desc' : 'asc') : (c.firstDir ?? (c.numeric ? 'desc' : 'asc'))
  const onSort = (c: Column<T>) => update({ sort: c.key, dir: nextDir(c) })
  return (
    <div className="data-table" id={id}>
      <div className="table-tools no-print">
        {searchable.length && paging ? (
          <Form method="get" className="search" role="search" preventScrollReset>
            {[...params]
              .filter(([k]) => k !== 'q' && k !== 'page')
              .map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
            <input type="hidden" name="page" value="1" />
            <label>
              <span>{searchLabel ?? t('dash.search')}</span>
              <input type="search" defaultValue={paging.q} name="q" autoComplete="off" aria-controls={`${id}-table`} />
            </label>
            <button type="submit">{t('dash.search')}</button>
          </Form>
        ) : searchable.length ? (
          <label className="search">
            <span>{searchLabel ?? t('dash.search')}</span>
            <input
              type="search"
              value={state.q}
              onChange={(e) => update({ q: e.target.value })}
              name="q"
              autoComplete="off"
              aria-controls={`${id}-table`}
            />
          </label>
        ) : null}
        <span className="muted small" aria-live="polite" data-testid={`${id}-count`}>
          {paging
            ? t('dash.rowsPaged', {
                from: paging.matched ? paging.offset + 1 : 0,
                to: paging.offset + rows.length,
                shown: paging.matched,
                n: paging.total,
              })
            : shown.length === rows.length
              ? t('dash.rows', { n: rows.length })
              : t('dash.rowsShown', { shown: shown.length, n: rows.length })}
        </span>
        {exportHref ? <ExportLinks href={exportHref} /> : null}
      </div>
      <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="data cards-sm" id={`${id}-table`}>
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const sorted = state.sort === c.key
                const aria = sorted ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={`${c.numeric ? 'num' : ''} ${c.className ?? ''}`}
                    aria-sort={c.sortable === false ? undefined : aria}
                  >
                    {c.sortable === false ? (
                      c.header
                    ) : (
                      <SortControl
                        paged={!!paging}
                        href={withParams(params, { sort: c.key, dir: nextDir(c), page: 1 })}
                        onSort={() => onSort(c)}
                        sortKey={c.key}
                      >
                        {c.header}
                        <span aria-hidden="true" className="sort-icon">
                          {sorted ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </SortControl>
                    )}
                    {c.kpi ? <KpiInfo kpi={c.kpi} /> : null}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={rowKey(r)} data-row={rowKey(r)} {...(rowProps?.(r) ?? {})}>
                {columns.map((c, i) => {
                  const content = c.render ? c.render(r) : fmtPlain(c.value(r))
                  const cls = `${c.numeric ? 'num' : ''} ${c.className ?? ''}`
                  // A level (text) is not a number to compare: only numeric figures are marked.
                  const marked = c.kpi && metric(c.kpi).format !== 'text' ? c.kpi : null
                  const raw = marked ? c.value(r) : null
                  const mark = marked ? { 'data-kpi': marked, 'data-value': dataValue(typeof raw === 'number' ? raw : null) } : {}
                  return i === 0 ? (
                    <th key={c.key} scope="row" className={cls}>
                      {content}
                    </th>
                  ) : (
                    <td
                      key={c.key}
                      className={cls}
                      data-label={c.headerText ?? (typeof c.header === 'string' ? c.header : undefined)}
                      {...mark}
                    >
                      {content}
                    </td>
                  )
                })}
              </tr>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {t('dash.noMatch')}
                </td>
              </tr>
            ) : null}
          </tbody>
          {footer ? <tfoot>{footer}</tfoot> : null}
        </table>
      </div>
      {paging && paging.pages > 1 ? <Pager page={paging.page} pages={paging.pages} total={paging.matched} /> : null}
    </div>
  )
}

/** A header's sort control: a button (the browser sorts), or a link (a paged table: the server sorts). */
function SortControl({
  paged,
  href,
  onSort,
  sortKey,
  children,
}: {
  paged: boolean
  href: string
  onSort: () => void
  sortKey: string
  children: ReactNode
}) {
  return paged ? (
    <Link to={href} className="sort" data-sort-key={sortKey} preventScrollReset>
      {children}
    </Link>
  ) : (
    <button type="button" className="sort" onClick={onSort} data-sort-key={sortKey}>
      {children}
    </button>
  )
}

function fmtPlain(v: string | number | boolean | null): string {
  if (v === null) return '—'
  return String(v)
}
