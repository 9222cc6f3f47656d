/** A DataTable's cells: a sortable column header (aria-sort, ⓘ for a catalogue figure) and a body row. */
import { dataValue, metric } from '~/kpi/catalogue'
import { KpiInfo } from '../tiles/KpiInfo'
import type { Column } from './DataTable'
import type { TableView } from './use-table-view'

export function SortHeader<T>({ c, view, onSort }: { c: Column<T>; view: TableView; onSort: (c: Column<T>) => void }) {
  const sorted = view.sort === c.key
  const aria = sorted ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none'
  return (
    <th scope="col" className={`${c.numeric ? 'num' : ''} ${c.className ?? ''}`} aria-sort={c.sortable === false ? undefined : aria}>
      {c.sortable === false ? (
        c.header
      ) : (
        <button type="button" className="sort" onClick={() => onSort(c)} data-sort-key={c.key}>
          {c.header}
          <span aria-hidden="true" className="sort-icon">
            {sorted ? (view.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      )}
      {c.kpi ? <KpiInfo kpi={c.kpi} /> : null}
    </th>
  )
}

/** One row: the first column is the row's header; a catalogue figure's cell carries `data-kpi` and `data-value` (ADR 032). */
export function DataRow<T>({
  r,
  columns,
  rowKey,
  rowProps,
}: {
  r: T
  columns: Column<T>[]
  rowKey: string
  rowProps?: Record<string, string>
}) {
  return (
    <tr data-row={rowKey} {...(rowProps ?? {})}>
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
          <td key={c.key} className={cls} data-label={c.headerText ?? (typeof c.header === 'string' ? c.header : undefined)} {...mark}>
            {content}
          </td>
        )
      })}
    </tr>
  )
}

function fmtPlain(v: string | number | boolean | null): string {
  if (v === null) return '—'
  return String(v)
}
