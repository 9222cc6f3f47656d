/**
 * Export of any dashboard table: XLSX (exceljs) with real numbers, Vietnamese-readable number formats, a
 * frozen header and a totals row (SUM formulas with their cached result, so a reader without a formula
 * engine sees the same figure), and CSV written by csv-stringify in the dialect Excel expects for the UI's
 * language (ADR 022): Vietnamese → `;` between fields, decimal comma; English → `,` and decimal point; both
 * UTF-8 with BOM, CRLF, figures rounded as the page shows them, dates dd/MM/yyyy and times dd/MM/yyyy HH:mm in
 * Asia/Ho_Chi_Minh. Text that a spreadsheet would run as a formula (a cell starting with = + - @, tab or CR)
 * is neutralised with a leading apostrophe in CSV; XLSX stores every text as a string cell (never a formula).
 * The same `ExportTable` a page renders is the one exported, so the workbook's totals equal the page's.
 */
import ExcelJS from 'exceljs'
import { stringify } from 'csv-stringify/sync'
import { fmtStamp, type Lang } from '../i18n/format.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'
import { translate } from '../i18n/messages.ts'
import { cellValue, computeTotals, type Cell, type ColumnKind, type ExportColumn, type ExportTable } from './table-spec.ts'
import { addDefinitionsSheet } from './export-definitions.server.ts'

export { cellValue, computeTotals, type ColumnKind, type ExportColumn, type ExportTable } from './table-spec.ts'

export type ExportFormat = 'xlsx' | 'csv'

export function exportFormatOf(search: URLSearchParams): ExportFormat | null {
  const f = search.get('format') ?? search.get('export')
  return f === 'xlsx' || f === 'csv' ? f : null
}

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  num1: '#,##0.0',
  num2: '#,##0.00',
  pct: '0.0%',
  vnd: '#,##0 "₫"',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
}

function colLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

/** ISO date → a Date at UTC midnight (Excel dates have no zone; this keeps the calendar day). */
function excelDate(v: Cell): Date | Cell {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(`${v.slice(0, 10)}T00:00:00Z`) : v
}

const VN_OFFSET_MS = 7 * 3600_000
/** An instant → a Date whose UTC fields are the Asia/Ho_Chi_Minh wall-clock time (what Excel shows). */
function excelDateTime(v: Cell): Date | Cell {
  if (typeof v !== 'string') return v
  const t = Date.parse(v)
  return Number.isNaN(t) ? v : new Date(t + VN_OFFSET_MS)
}

function xlsxValue<T>(c: ExportColumn<T>, r: T): Cell | Date {
  const v = cellValue(c, r)
  if (c.kind === 'date') return excelDate(v)
  if (c.kind === 'datetime') return excelDateTime(v)
  return v
}

export function addSheet<T>(wb: ExcelJS.Workbook, table: ExportTable<T>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(table.name.slice(0, 31))
  ws.addRow([table.title]).font = { bold: true, size: 13 }
  for (const n of table.notes ?? []) ws.addRow([n]).font = { italic: true, color: { argb: 'FF5B6675' } }
  ws.addRow([])
  const header = ws.addRow(table.columns.map((c) => c.header))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  const headerRow = header.number
  ws.views = [{ state: 'frozen', ySplit: headerRow }]
  for (const r of table.rows) ws.addRow(table.columns.map((c) => xlsxValue(c, r)))
  const first = headerRow + 1
  const last = headerRow + table.rows.length
  const totals = computeTotals(table)
  if (table.columns.some((c) => c.total)) {
    const row = ws.addRow(
      table.columns.map((c, i) => {
        if (i === 0 && !c.total) return table.totalsLabel ?? 'Tổng cộng'
        if (!c.total) return null
        const result = totals[c.key]
        if (c.total === 'sum' && table.rows.length > 0) {
          const L = colLetter(i + 1)
          return { formula: `SUM(${L}${first}:${L}${last})`, result: result ?? 0 }
        }
        return result
      }),
    )
    row.font = { bold: true }
    row.eachCell((cell) => (cell.border = { top: { style: 'thin' } }))
  }
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    const fmt = NUM_FMT[c.kind]
    if (fmt) for (let r = first; r <= ws.rowCount; r++) ws.getCell(r, i + 1).numFmt = fmt
    col.width = c.width ?? (c.kind === 'text' ? Math.min(40, Math.max(12, c.header.length + 2)) : Math.max(12, c.header.length + 2))
  })
  return ws
}

/** With `lang`, the workbook ends with the "Định nghĩa" sheet: each figure's definition and window (ADR 037). */
export async function toXlsx<T>(tables: ExportTable<T> | ExportTable<T>[], lang?: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Một Cửa KPI'
  wb.created = new Date()
  const list = Array.isArray(tables) ? tables : [tables]
  for (const t of list) addSheet(wb, t)
  if (lang) addDefinitionsSheet(wb, list, lang)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The CSV dialect for the UI's language (ADR 022). */
export interface CsvDialect {
  delimiter: ';' | ','
  decimal: ',' | '.'
}
export const csvDialect = (lang: Lang): CsvDialect => (lang === 'vi' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' })

/** Text a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets a leading apostrophe: shown as text, never run. */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
}

const DIGITS: Partial<Record<ColumnKind, number>> = { int: 0, vnd: 0, num1: 1, num2: 2 }

/** One CSV field: numbers rounded as the column shows them with the dialect's decimal mark (a negative number
 * stays a number), percentages as "88,9%", dates and times local, text neutralised. */
export function csvCell(kind: ColumnKind, v: Cell, dialect: CsvDialect): string {
  if (v === null) return ''
  if (typeof v === 'boolean') return v ? '1' : '0'
  if (typeof v === 'number') {
    const text = kind === 'pct' ? `${(v * 100).toFixed(1)}%` : v.toFixed(DIGITS[kind] ?? (Number.isInteger(v) ? 0 : 2))
    return dialect.decimal === ',' ? text.replace('.', ',') : text
  }
  if (kind === 'date' || kind === 'datetime') return fmtStamp(v, kind === 'datetime')
  return neutraliseFormula(v)
}

/** CSV (csv-stringify) with a UTF-8 BOM, header row, CRLF; no totals row. Dialect by language (ADR 022). */
export function toCsv<T>(table: ExportTable<T>, lang: Lang = 'vi'): string {
  const dialect = csvDialect(lang)
  const records = [
    table.columns.map((c) => neutraliseFormula(c.header)),
    ...table.rows.map((r) => table.columns.map((c) => csvCell(c.kind, cellValue(c, r), dialect))),
  ]
  return stringify(records, { bom: true, delimiter: dialect.delimiter, record_delimiter: 'windows' })
}

export async function exportResponse<T>(
  format: ExportFormat,
  table: ExportTable<T>,
  opts: { lang?: Lang; day?: string } = {},
): Promise<Response> {
  const day = opts.day ?? toLocalYmd(new Date())
  const filename = `${table.name}-${day}.${format}`
  const headers = {
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  }
  // The figures' definitions go with the workbook (its "Định nghĩa" sheet, ADR 037); a CSV stays one table — the
  // header, then one line per row — for the programs that read it.
  const lang = opts.lang ?? 'vi'
  if (format === 'csv') {
    const csv = toCsv(table, lang)
    return new Response(csv, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } })
  }
  const body = await toXlsx(table, lang)
  return new Response(new Uint8Array(body), {
    headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  })
}

/** 400 for an export link without a valid `format` (or `table`): a sentence in the user's language, not a code. */
export function badExportRequest(lang: Lang, tables?: readonly string[]): Response {
  const text = translate(lang, 'export.badFormat') + (tables ? ` ${translate(lang, 'export.tables')}: ${tables.join(', ')}.` : '')
  return new Response(text, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}
