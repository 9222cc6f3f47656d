/**
 * Export of any dashboard table: XLSX (exceljs) with real numbers, Vietnamese-readable number formats, a
 * frozen header and a totals row (SUM formulas with their cached result, so a reader without a formula
 * engine sees the same figure), and CSV (RFC 4180, UTF-8 with BOM so Excel shows Vietnamese correctly).
 * The same `ExportTable` a page renders is the one exported, so the workbook's totals equal the page's.
 */
import ExcelJS from 'exceljs'
import { cellValue, computeTotals, type Cell, type ColumnKind, type ExportTable } from './table-spec.ts'

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
  for (const r of table.rows) ws.addRow(table.columns.map((c) => (c.kind === 'date' ? excelDate(cellValue(c, r)) : cellValue(c, r))))
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

export async function toXlsx<T>(tables: ExportTable<T> | ExportTable<T>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Một Cửa KPI'
  wb.created = new Date()
  for (const t of Array.isArray(tables) ? tables : [tables]) addSheet(wb, t)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function csvField(v: Cell): string {
  if (v === null) return ''
  const s = typeof v === 'boolean' ? (v ? '1' : '0') : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV with a UTF-8 BOM, header row, raw values (ratios as fractions, dates as YYYY-MM-DD), CRLF; no totals row. */
export function toCsv<T>(table: ExportTable<T>): string {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')]
  for (const r of table.rows) lines.push(table.columns.map((c) => csvField(cellValue(c, r))).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

export async function exportResponse<T>(
  format: ExportFormat,
  table: ExportTable<T>,
  day = new Date().toISOString().slice(0, 10),
): Promise<Response> {
  const filename = `${table.name}-${day}.${format}`
  const headers = {
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  }
  if (format === 'csv') return new Response(toCsv(table), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } })
  const body = await toXlsx(table)
  return new Response(new Uint8Array(body), {
    headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  })
}
