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
 *
 * Bounds (issue #17 item 7, ADR 030): the file is read twice. The first pass reads the header (a missing
 * required column is named before any row is read) and counts the rows (a file over IMPORT_MAX_ROWS is refused
 * before any row is loaded, and the count is the progress total). An XLSX's shared strings (its table of
 * distinct texts, which exceljs would keep whole) are kept in a bounded table: past IMPORT_MAX_SHARED_STRINGS
 * texts or IMPORT_MAX_TEXT characters the file is refused.
 */
import path from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { csvRecords } from '../../db/lib/csv-file.ts'
import { headersOf, requiredFields, type Contract } from '../contract/index.ts'
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

/** Why a file cannot be imported at all (no row of it is loaded): bilingual message, stable code. */
export class FileImportError extends Error {
  constructor(
    readonly code: 'missing_column' | 'too_many_rows' | 'too_much_text' | 'empty' | 'bad_type',
    message: string,
  ) {
    super(message)
    this.name = 'FileImportError'
  }
}

export interface FileLimits {
  maxRows: number
  maxSharedStrings: number
  /** Characters of shared strings, summed. */
  maxText: number
}

const NO_LIMITS: FileLimits = { maxRows: Infinity, maxSharedStrings: Infinity, maxText: Infinity }

export interface FileSourceOptions {
  /** The record kind's contract: its fields' headers, the id field, which columns hold times. */
  contract: Contract
  pageSize?: number
  limits?: FileLimits
}

const textLength = (v: unknown): number =>
  typeof v === 'string' ? v.length : Array.isArray((v as { richText?: unknown })?.richText) ? JSON.stringify(v).length : 0

/** exceljs's shared-string table with a bound: `push` throws past the limits instead of filling memory. */
class BoundedStrings extends Array<unknown> {
  static get [Symbol.species]() {
    return Array
  }
  chars = 0
  limits: FileLimits = NO_LIMITS
  override push(...items: unknown[]): number {
    for (const it of items) {
      this.chars += textLength(it)
      if (this.length >= this.limits.maxSharedStrings || this.chars > this.limits.maxText)
        throw new FileImportError(
          'too_much_text',
          `Tệp có quá nhiều chuỗi văn bản khác nhau (giới hạn ${this.limits.maxSharedStrings.toLocaleString('vi-VN')} chuỗi, ${Math.round(this.limits.maxText / 1048576)} MB): hãy chia nhỏ tệp / the workbook has too many distinct texts (limit ${this.limits.maxSharedStrings} strings, ${Math.round(this.limits.maxText / 1048576)} MB): split the file`,
        )
      super.push(it)
    }
    return this.length
  }
}

/**
 * Byte chunks cut on UTF-8 character boundaries. exceljs's XML reader decodes each zip chunk on its own, so a
 * Vietnamese letter whose bytes straddle two chunks became U+FFFD and a valid row was rejected `invalid_utf8`
 * (11 of 100,000 rows of "Huyện Cũ" in a generated workbook): the incomplete tail waits for the next chunk.
 */
export async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0)
  for await (const c of source) {
    const buf = carry.length ? Buffer.concat([carry, Buffer.from(c)]) : Buffer.from(c)
    let cut = buf.length
    // Step back over continuation bytes (10xxxxxx) to the last lead byte; keep it back if its sequence is incomplete.
    let i = buf.length - 1
    while (i >= 0 && i >= buf.length - 4 && (buf[i]! & 0xc0) === 0x80) i--
    if (i >= 0 && buf[i]! >= 0xc0) {
      const need = buf[i]! >= 0xf0 ? 4 : buf[i]! >= 0xe0 ? 3 : 2
      if (buf.length - i < need) cut = i
    }
    carry = buf.subarray(cut)
    if (cut > 0) yield buf.subarray(0, cut)
  }
  if (carry.length) yield carry
}

type ReaderInternals = {
  _parseWorksheet: (it: AsyncIterable<Buffer>, sheetNo: string) => Generator
  _parseSharedStrings: (entry: NodeJS.ReadableStream) => AsyncGenerator
}

/** Feeds exceljs's sheet and shared-string parsers whole UTF-8 characters (utf8Chunks). */
function decodeWholeCharacters(reader: object): void {
  const r = reader as ReaderInternals
  const sheet = r._parseWorksheet.bind(reader)
  const strings = r._parseSharedStrings.bind(reader)
  r._parseWorksheet = (it, sheetNo) => sheet(utf8Chunks(it), sheetNo)
  r._parseSharedStrings = (entry) => strings(Readable.from(utf8Chunks(entry as AsyncIterable<Buffer>)))
}

/** The rows of the file's first sheet (or the CSV), as cell values; dates[i] says column i holds times. */
async function* fileRows(file: string, limits: FileLimits, dates: () => boolean[]): AsyncGenerator<unknown[]> {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.csv') {
    for await (const r of csvRecords(file)) yield r
    return
  }
  if (ext !== '.xlsx')
    throw new FileImportError('bad_type', `Tệp ${path.basename(file)}: chỉ nhận .xlsx hoặc .csv / only .xlsx or .csv files are imported`)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  })
  decodeWholeCharacters(reader)
  // exceljs assigns `this.sharedStrings = []` when it meets the table: hand it the bounded one instead.
  let strings: unknown
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => strings,
    set: (v: unknown) => {
      if (Array.isArray(v)) {
        const b = new BoundedStrings()
        b.limits = limits
        strings = b
      } else strings = v
    },
  })
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1) // exceljs rows are 1-based
      const d = dates()
      yield values.map((v, i) => cellValue(v, d[i] === true))
    }
    return // the first sheet only
  }
}

const isBlank = (cells: unknown[]) => cells.every((c) => c === null || c === undefined || c === '')

/** The header row → contract fields; a missing required column is refused, named by its Vietnamese title. */
function readHeader(cells: unknown[], contract: Contract): { header: string[]; fields: (string | undefined)[] } {
  const header = cells.map((c) => String(c ?? '').trim())
  const present = new Set<string>()
  const fields = mapHeaders(header, headersOf(contract), contract.idField, { allowMissingId: true })
  for (const f of fields) if (f) present.add(f)
  const missing = requiredFields(contract).filter((f) => !present.has(f.name))
  if (missing.length) {
    const names = missing.map((f) => `"${f.headers[0] ?? f.name}" (${f.name})`).join(', ')
    throw new FileImportError(
      'missing_column',
      `Thiếu cột bắt buộc ${names}: chưa đọc dòng nào, hãy thêm cột rồi nhập lại / missing required column ${names}: no row was read`,
    )
  }
  return { header, fields }
}

/** Pass 1: checks the header and counts the data rows (refused past `maxRows`). */
export async function checkFile(file: string, opts: FileSourceOptions): Promise<{ rows: number }> {
  const limits = opts.limits ?? NO_LIMITS
  let rows = -1
  for await (const cells of fileRows(file, limits, () => [])) {
    if (rows === -1) {
      readHeader(cells, opts.contract)
      rows = 0
      continue
    }
    if (isBlank(cells)) continue
    if (++rows > limits.maxRows)
      throw new FileImportError(
        'too_many_rows',
        `Tệp có hơn ${limits.maxRows.toLocaleString('vi-VN')} dòng dữ liệu: chưa nạp dòng nào, hãy chia nhỏ tệp / the file has more than ${limits.maxRows} data rows: nothing was loaded, split the file`,
      )
  }
  if (rows === -1) throw new FileImportError('empty', `Tệp ${path.basename(file)} trống / file is empty (no header row)`)
  return { rows }
}

/** Rows of the file as contract-shaped records (plus `_dong`, the 1-based row number in the file). */
export async function* readFilePages(file: string, opts: FileSourceOptions): AsyncGenerator<SourcePage> {
  const pageSize = opts.pageSize ?? 5000
  const limits = opts.limits ?? NO_LIMITS
  const { rows: total } = await checkFile(file, opts)
  let items: unknown[] = []
  let page = 0
  let fields: (string | undefined)[] | null = null
  let headerRow: string[] = []
  let dates: boolean[] = []
  const timeFields = new Set(opts.contract.fields.filter((f) => f.type === 'time').map((f) => f.name))
  let rowNo = 0

  const toRecord = (cells: unknown[]): Record<string, unknown> | null => {
    if (isBlank(cells)) return null
    const rec: Record<string, unknown> = {}
    cells.forEach((c, i) => {
      const key = fields![i] ?? headerRow[i]
      if (key && !(c === '' && fields![i] === undefined)) rec[key] = c === '' ? null : c
    })
    rec._dong = rowNo
    return rec
  }

  for await (const cells of fileRows(file, limits, () => dates)) {
    rowNo++
    if (!fields) {
      ;({ header: headerRow, fields } = readHeader(cells, opts.contract))
      dates = fields.map((f) => f !== undefined && timeFields.has(f))
      continue
    }
    const rec = toRecord(cells)
    if (!rec) continue
    items.push(rec)
    if (items.length >= pageSize) {
      yield { items, page: ++page, bytes: 0, total }
      items = []
    }
  }
  if (items.length || page === 0) yield { items, page: page + 1, bytes: 0, total }
}
