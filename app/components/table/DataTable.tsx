/**
 * A sortable, searchable table. Search is diacritic-insensitive ("dong ha" finds "Đông Hà"); headers are
 * buttons with aria-sort; with `urlSync` the search and sort live in the URL (q, sort, dir) so the view
 * can be linked. Rows arrive sorted from the server (first paint, no JS needed); the browser re-sorts.
 */
import { useMemo, type ReactNode } from 'react'
import { useT } from '~/root'
import { searchRows, sortRows, type SortDir } from '~/lib/charts/table'
import { ExportLinks } from './ExportLinks'
import type { MetricId } from '~/kpi/catalogue'
import { DataRow, SortHeader } from './DataTableCells'
import { useTableView } from './use-table-view'

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
}: Props<T>) {
  const t = useT()
  const [state, update] = useTableView(defaultSort, urlSync)
  const searchable = columns.filter((c) => c.searchable)
  const shown = useMemo(() => {
    const text = columns.filter((c) => c.searchable)
    const found = searchRows(rows, state.q, (r) => text.map((c) => String(c.value(r) ?? '')))
    const col = columns.find((c) => c.key === state.sort)
    return col ? sortRows(found, col.value, state.dir) : found
  }, [rows, state.q, state.sort, state.dir, columns])

  const onSort = (c: Column<T>) => {
    const dir: SortDir = state.sort === c.key ? (state.dir === 'asc' ? 'desc' : 'asc') : (c.firstDir ?? (c.numeric ? 'desc' : 'asc'))
    update({ sort: c.key, dir })
  }
  return (
    <div className="data-table" id={id}>
      <div className="table-tools no-print">
        {searchable.length ? (
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
          {shown.length === rows.length ? t('dash.rows', { n: rows.length }) : t('dash.rowsShown', { shown: shown.length, n: rows.length })}
        </span>
        {exportHref ? <ExportLinks href={exportHref} /> : null}
      </div>
      <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="data cards-sm" id={`${id}-table`}>
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <SortHeader key={c.key} c={c} view={state} onSort={onSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <DataRow key={rowKey(r)} r={r} columns={columns} rowKey={rowKey(r)} rowProps={rowProps?.(r)} />
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
    </div>
  )
}
