/**
 * File import: the same records as the HTTP source, from an Excel workbook (.xlsx, first sheet) or a CSV
 * file, for units that report by spreadsheet. The first row is the header: contract names (MaHoSo, …) or
 * Vietnamese titles ("Mã hồ sơ", …; the table is source/headers.ts). Rows are yielded in pages shaped like
 * the API's items, so validation and loading are the same code as for the API.
 *
 * Excel cells: numbers, booleans and text pass through; rich text and formulas give their text/result.
 * Excel stores dates as wall-clock serial numbers with no time zone; exceljs turns them into Dates as if
 * UTC, so the UTC fields are read back as Vietnam wall time (UTC+7). A bare number in a date column of an
 * .xlsx is an unformatted serial date and is converted the same way. (In CSV and in the API a number where
 * a date belongs stays a `bad_date`.)
 */
import path from 'node:path'
import ExcelJS from 'exceljs'
import { csvRecords } from '../../db/lib/csv-file.ts'
import { headersOf, type Contract } from '../contract/index.ts'
import { mapHeaders } from './headers.ts'
import type { SourcePage } from './http.ts'

/** Excel's day 0 is 1899-12-30; serial 25569 is 1970-01-01. */
function excelWallTime(v: Date | number): string {
  const ms = v instanceof Date ? v.getTime() : Math.round((v - 25569) * 86_400_000)
  return new Date(ms).toISOString().slice(0, 23) // no offset: read as Asia/Ho_Chi_Minh
}

function cellValue(v: ExcelJS.CellValue, isDate: boolean): unknown {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return isDate ? excelWallTime(v) : v.toISOString()
  if (typeof v === 'number') return isDate && v > 1 && v < 2_958_466 ? excelWallTime(v) : v
  if (typeof v === 'string' || typeof v === 'boolean') return v
  if ('richText' in v) return v.richText.map((r) => r.text).join('')
  if ('result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null, isDate)
  if ('text' in v) return String((v as { text: unknown }).text)
  if ('error' in v) return String((v as { error: unknown }).error)
  return String(v)
}

export interface FileSourceOptions {
  /** The record kind's contract: its fields' headers, the id field, which columns hold times. */
  contract: Contract
  pageSize?: number
}

/** Rows of the file as contract-shaped records (plus `_dong`, the 1-based row number in the file). */
export async function* readFilePages(file: string, opts: FileSourceOptions): AsyncGenerator<SourcePage> {
  const ext = path.extname(file).toLowerCase()
  const pageSize = opts.pageSize ?? 5000
  let items: unknown[] = []
  let page = 0
  let fields: (string | undefined)[] | null = null
  let headerRow: string[] = []
  let dates: boolean[] = []
  const timeFields = new Set(opts.contract.fields.filter((f) => f.type === 'time').map((f) => f.name))
  let rowNo = 0

  const toRecord = (cells: unknown[]): Record<string, unknown> | null => {
    if (cells.every((c) => c === null || c === undefined || c === '')) return null
    const rec: Record<string, unknown> = {}
    cells.forEach((c, i) => {
      const key = fields![i] ?? headerRow[i]
      if (key && !(c === '' && fields![i] === undefined)) rec[key] = c === '' ? null : c
    })
    rec._dong = rowNo
    return rec
  }

  async function* rows(): AsyncGenerator<unknown[]> {
    if (ext === '.csv') {
      for await (const r of csvRecords(file)) yield r
      return
    }
    if (ext !== '.xlsx') throw new Error(`Tệp ${file}: chỉ nhận .xlsx hoặc .csv / only .xlsx or .csv files are imported`)
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    })
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1) // exceljs rows are 1-based
        yield values.map((v, i) => cellValue(v, dates[i] === true))
      }
      return // the first sheet only
    }
  }

  for await (const cells of rows()) {
    rowNo++
    if (!fields) {
      headerRow = cells.map((c) => String(c ?? '').trim())
      fields = mapHeaders(headerRow, headersOf(opts.contract), opts.contract.idField)
      dates = fields.map((f) => f !== undefined && timeFields.has(f))
      continue
    }
    const rec = toRecord(cells)
    if (!rec) continue
    items.push(rec)
    if (items.length >= pageSize) {
      yield { items, page: ++page, bytes: 0 }
      items = []
    }
  }
  if (!fields) throw new Error(`Tệp ${file} trống / file is empty (no header row)`)
  if (items.length || page === 0) yield { items, page: ++page, bytes: 0 }
}
