/**
 * Renders a table spec (lib/table-spec.ts) — the same definition the export writes — with Vietnamese
 * formats, row headers, a totals row and optional export links. For small tables that need no sorting.
 */
import type { ReactNode } from 'react'
import { useLang, useT } from '~/root'
import { fmtDate, fmtDateTime, fmtNumberKind } from '~/i18n/format'
import { cellValue, computeTotals, type Cell, type ColumnKind, type ExportTable } from '~/lib/table-spec'
import { ExportLinks } from './ExportLinks'
import type { Lang } from '~/i18n/format'
import { dataValue } from '~/kpi/catalogue'
import { KpiInfo } from '../tiles/KpiInfo'

export function formatCell(kind: ColumnKind, v: Cell, lang: Lang): string {
  if (v === null) return '—'
  if (typeof v !== 'number') {
    if (kind === 'date' && typeof v === 'string') return fmtDate(v, lang)
    if (kind === 'datetime' && typeof v === 'string') return fmtDateTime(v, lang)
    return String(v)
  }
  return kind === 'text' || kind === 'date' || kind === 'datetime' ? String(v) : fmtNumberKind(kind, v, lang)
}

interface Props<T> {
  table: ExportTable<T>
  id: string
  exportHref?: string
  /** Replaces a cell's text (e.g. a link or a badge). */
  render?: Partial<Record<string, (row: T) => ReactNode>>
  rowKey?: (row: T, i: number) => string
  hideSmall?: string[]
  showTotals?: boolean
  caption?: boolean
  /** The days the totals row covers when they are not the page's period (e.g. a history since 2025): marked `data-from` / `data-to`. */
  totalsWindow?: { from: string; to: string }
}

export function TableView<T>({
  table,
  id,
  exportHref,
  render,
  rowKey,
  hideSmall = [],
  showTotals = true,
  caption = false,
  totalsWindow,
}: Props<T>) {
  const lang = useLang()
  const t = useT()
  const totals = computeTotals(table)
  const hasTotals = showTotals && table.columns.some((c) => c.total) && table.rows.length > 0
  const num = (k: ColumnKind) => k !== 'text' && k !== 'date' && k !== 'datetime'
  const cls = (key: string, k: ColumnKind) => `${num(k) ? 'num' : ''} ${hideSmall.includes(key) ? 'hide-sm' : ''}`
  return (
    <div className="table-view" data-table={id}>
      {exportHref ? (
        <div className="table-tools no-print">
          <ExportLinks href={exportHref} />
        </div>
      ) : null}
      <div className="table-wrap" role="region" aria-label={table.title} tabIndex={0}>
        <table className="data cards-sm" id={`${id}-table`} data-testid={`${id}-table`}>
          <caption className={caption ? undefined : 'sr-only'}>{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={cls(c.key, c.kind)}>
                  {c.header}
                  {c.kpi ? (
                    <>
                      {' '}
                      <KpiInfo kpi={c.kpi} />
                    </>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={rowKey ? rowKey(r, i) : i} data-row={rowKey ? rowKey(r, i) : undefined}>
                {table.columns.map((c, j) => {
                  const content = render?.[c.key] ? render[c.key]!(r) : formatCell(c.kind, cellValue(c, r), lang)
                  const v = cellValue(c, r)
                  const mark = c.kpi ? { 'data-kpi': c.kpi, 'data-value': dataValue(typeof v === 'number' ? v : null) } : {}
                  return j === 0 ? (
                    <th key={c.key} scope="row" className={cls(c.key, c.kind)}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} className={cls(c.key, c.kind)} data-col={c.key} data-label={c.header} {...mark}>
                      {content}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
          {hasTotals ? (
            <tfoot>
              <tr data-testid={`${id}-totals`}>
                {table.columns.map((c, j) =>
                  j === 0 ? (
                    <th key={c.key} scope="row">
                      {c.total ? formatCell(c.kind, totals[c.key] ?? null, lang) : (table.totalsLabel ?? t('dash.total'))}
                    </th>
                  ) : (
                    <td
                      key={c.key}
                      className={cls(c.key, c.kind)}
                      data-total={c.key}
                      data-label={c.total ? c.header : undefined}
                      {...(c.kpi && c.total ? { 'data-kpi': c.kpi, 'data-value': dataValue(totals[c.key]) } : {})}
                      {...(c.kpi && c.total && totalsWindow ? { 'data-from': totalsWindow.from, 'data-to': totalsWindow.to } : {})}
                    >
                      {c.total ? formatCell(c.kind, totals[c.key] ?? null, lang) : ''}
                    </td>
                  ),
                )}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </div>
  )
}
