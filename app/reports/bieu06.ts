/**
 * Biểu số 06 (form 06/VPCP/KSTT: receiving and resolving administrative procedures) — the 13 columns, their
 * official headers and how each maps onto the backlog arithmetic (docs/design.md §3 "Backlog arithmetic"). Pure and
 * client-safe: the screen page, the XLSX and the API all take their columns from here.
 *
 *   (3) toProcess = (4) receivedOnline + (5) receivedInPersonOrPost + (6) carriedOver = (7) processed + (11) inProcess
 *   (7) processed = (8) early + (9) on time + (10) late;  (11) inProcess = (12) not yet due (nearly due included) + (13) overdue
 */
import type { Backlog } from '../kpi/backlog.server.ts'

/** The 11 figure columns (3)–(13), in the form's order. */
export const BIEU06_KEYS = [
  'toProcess',
  'receivedOnline',
  'receivedInPersonOrPost',
  'carriedOver',
  'processed',
  'processedEarly',
  'processedOnTime',
  'processedLate',
  'inProcess',
  'inProcessNotDue',
  'inProcessOverdue',
] as const
export type Bieu06Key = (typeof BIEU06_KEYS)[number]
export type Bieu06Figures = Record<Bieu06Key, number>

export interface Bieu06Row extends Bieu06Figures {
  /** 5-digit commune code. */
  commune: string
  /** The commune's full name ("Phường Đồng Hới"). */
  name: string
}

export interface Bieu06 {
  from: string
  to: string
  /** '06' = every commune of the province plus the total; '06a' = one service centre. */
  variant: '06' | '06a'
  /** The reporting unit printed on the form (the province, or the commune for 06a). */
  unit: string
  /** The place printed before the date of signing ("Quảng Trị, ngày …"; a commune's own name for 06a). */
  place: string
  province: { code: string; name: string }
  rows: Bieu06Row[]
  total: Bieu06Figures
}

/** The Biểu 06 columns of one backlog (the KPI API's figures: same function, same values). */
export function bieu06Figures(b: Omit<Backlog, 'stockAsOf'>): Bieu06Figures {
  return {
    toProcess: b.toProcess,
    receivedOnline: b.receivedOnline,
    receivedInPersonOrPost: b.receivedInPersonOrPost,
    carriedOver: b.carriedOver,
    processed: b.processed,
    processedEarly: b.processedEarly,
    processedOnTime: b.processedOnTime,
    processedLate: b.processedLate,
    inProcess: b.inProcess,
    // Column 12 "Trong hạn": not yet due, the nearly-due included (they are not overdue).
    inProcessNotDue: b.inProcessNotDue + b.inProcessNearlyDue,
    inProcessOverdue: b.inProcessOverdue,
  }
}

/** The form's three identities; returns the ones that fail (empty = the row is consistent). */
export function bieu06Violations(f: Bieu06Figures): string[] {
  const bad: string[] = []
  if (f.toProcess !== f.receivedOnline + f.receivedInPersonOrPost + f.carriedOver) bad.push('(3) = (4) + (5) + (6)')
  if (f.toProcess !== f.processed + f.inProcess) bad.push('(3) = (7) + (11)')
  if (f.processed !== f.processedEarly + f.processedOnTime + f.processedLate) bad.push('(7) = (8) + (9) + (10)')
  if (f.inProcess !== f.inProcessNotDue + f.inProcessOverdue) bad.push('(11) = (12) + (13)')
  return bad
}

/**
 * The header as the form groups it: row 1 spans, row 2 sub-columns, row 3 the column numbers (1)…(13).
 * `group` = the top header a column sits under (null: the column spans both header rows).
 */
export interface Bieu06Column {
  n: number
  key: Bieu06Key | 'stt' | 'name'
  group: 'received' | 'processed' | 'inProcess' | null
}
export const BIEU06_COLUMNS: Bieu06Column[] = [
  { n: 1, key: 'stt', group: null },
  { n: 2, key: 'name', group: null },
  { n: 3, key: 'toProcess', group: null },
  { n: 4, key: 'receivedOnline', group: 'received' },
  { n: 5, key: 'receivedInPersonOrPost', group: 'received' },
  { n: 6, key: 'carriedOver', group: 'received' },
  { n: 7, key: 'processed', group: 'processed' },
  { n: 8, key: 'processedEarly', group: 'processed' },
  { n: 9, key: 'processedOnTime', group: 'processed' },
  { n: 10, key: 'processedLate', group: 'processed' },
  { n: 11, key: 'inProcess', group: 'inProcess' },
  { n: 12, key: 'inProcessNotDue', group: 'inProcess' },
  { n: 13, key: 'inProcessOverdue', group: 'inProcess' },
]

/** One cell of the form's three header rows (row 0–2; col 1–13), labelled by an i18n key. */
export interface Bieu06HeaderCell {
  key: string
  row: 0 | 1 | 2
  col: number
  rowSpan: number
  colSpan: number
}
export const BIEU06_HEADER: Bieu06HeaderCell[] = [
  { key: 'b06.h.stt', row: 0, col: 1, rowSpan: 3, colSpan: 1 },
  { key: 'b06.h.unit', row: 0, col: 2, rowSpan: 3, colSpan: 1 },
  { key: 'b06.h.received', row: 0, col: 3, rowSpan: 1, colSpan: 4 },
  { key: 'b06.h.result', row: 0, col: 7, rowSpan: 1, colSpan: 7 },
  { key: 'b06.h.total', row: 1, col: 3, rowSpan: 2, colSpan: 1 },
  { key: 'b06.h.ofWhich', row: 1, col: 4, rowSpan: 1, colSpan: 3 },
  { key: 'b06.h.processed', row: 1, col: 7, rowSpan: 1, colSpan: 4 },
  { key: 'b06.h.inProcess', row: 1, col: 11, rowSpan: 1, colSpan: 3 },
  { key: 'b06.h.online', row: 2, col: 4, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.inPerson', row: 2, col: 5, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.carried', row: 2, col: 6, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.subtotal', row: 2, col: 7, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.early', row: 2, col: 8, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.onTime', row: 2, col: 9, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.late', row: 2, col: 10, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.subtotal', row: 2, col: 11, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.notDue', row: 2, col: 12, rowSpan: 1, colSpan: 1 },
  { key: 'b06.h.overdue', row: 2, col: 13, rowSpan: 1, colSpan: 1 },
]
