/**
 * A table defined once — columns (kind of figure, how to read a value, how it totals) and rows — so the page
 * renders it and the export writes it (export.server.ts) with the same figures and totals. Client-safe.
 */

/** 'date' = a calendar day 'YYYY-MM-DD'; 'datetime' = an instant (ISO string), shown in Asia/Ho_Chi_Minh. */
export type ColumnKind = 'text' | 'int' | 'num1' | 'num2' | 'pct' | 'vnd' | 'date' | 'datetime'

import type { MetricId } from '../kpi/catalogue.ts'

export interface ExportColumn<T> {
  key: string
  header: string
  kind: ColumnKind
  /** The figure of the metric catalogue this column shows: the page adds its ⓘ and marks each cell `data-kpi` (ADR 032). */
  kpi?: MetricId
  /** Defaults to `row[key]`. Numbers stay numbers; a missing value is an empty cell, never 0. */
  value?: (row: T) => string | number | boolean | null | undefined
  /** 'sum' = SUM of the column; a function = a figure computed from the rows (e.g. a weighted rate). */
  total?: 'sum' | ((rows: readonly T[]) => number | null)
  width?: number
}

export interface ExportTable<T = Record<string, unknown>> {
  /** File and sheet name, ASCII (e.g. "tong-quan-xa"). */
  name: string
  title: string
  columns: ExportColumn<T>[]
  rows: readonly T[]
  /** Lines printed under the title: period, filters, "synthetic data". */
  notes?: string[]
  totalsLabel?: string
}

export type Cell = string | number | boolean | null

export function cellValue<T>(col: ExportColumn<T>, row: T): Cell {
  const v = col.value ? col.value(row) : (row as Record<string, unknown>)[col.key]
  if (v === undefined || v === null) return null
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'boolean') return v
  return String(v)
}

/** Totals per column key (null where the column has no total or no values). */
export function computeTotals<T>(table: ExportTable<T>): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const c of table.columns) {
    if (!c.total) continue
    if (c.total === 'sum') {
      const vals = table.rows.map((r) => cellValue(c, r)).filter((v): v is number => typeof v === 'number')
      out[c.key] = vals.length ? vals.reduce((a, b) => a + b, 0) : null
    } else out[c.key] = c.total(table.rows)
  }
  return out
}

/** A KPI reason in both languages, as the pages receive it. */
export interface Bilingual {
  vi: string
  en: string
}

/** Reasons in the viewer's language, joined by '; ' (the table cell and the export's text). */
export function joinReasons(reasons: readonly Bilingual[], lang: 'vi' | 'en'): string {
  return reasons.map((x) => x[lang]).join('; ')
}

/** The export's "reasons" column: a row's reasons as one text cell, empty when there are none. */
export function reasonsColumn<T extends { reasons: readonly Bilingual[] }>(header: string, lang: 'vi' | 'en'): ExportColumn<T> {
  return { key: 'reasons', header, kind: 'text', value: (r) => joinReasons(r.reasons, lang) || null, width: 60 }
}
