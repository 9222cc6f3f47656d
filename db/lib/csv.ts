/**
 * CSV reading, one library for the whole project (csv-parse): the reference files in db/reference and the
 * spreadsheets units send (file import, streamed: csv-file.ts).
 *
 * - RFC 4180 quoting: a quoted field may hold the delimiter, CR/LF and doubled quotes (`""` → `"`);
 * - CRLF, LF and lone CR all end a record; a leading UTF-8 BOM is stripped; blank lines are skipped;
 * - values are kept exactly as written (no trimming, no type coercion: callers validate, e.g. with zod);
 * - structurally broken input (an unterminated quote, text after a closing quote) throws instead of guessing.
 */
import { parse as parseSync, type Options } from 'csv-parse/sync'

export type CsvRow = Record<string, string>

export const BASE: Options = { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true }

/** csv-parse's errors, said the way this project's callers (and tests) expect. */
export function explain(e: unknown, where: string): Error {
  const err = e as { code?: string; lines?: number; message?: string }
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return new Error(`${where}: unterminated quoted field (line ${err.lines})`)
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE') return new Error(`${where}: unexpected character after closing quote (line ${err.lines})`)
  if (err.code === 'CSV_MAX_RECORD_SIZE') return new Error(`${where}: a record longer than the limit (line ${err.lines})`)
  return e instanceof Error ? e : new Error(String(e))
}

/** Splits CSV text into records of raw fields. Exported for callers that have no header row. */
export function parseCsvRecords(text: string): string[][] {
  try {
    return parseSync(text, BASE) as string[][]
  } catch (e) {
    throw explain(e, 'CSV')
  }
}

export interface ParseCsvOptions {
  /**
   * Recovery for hand-edited files where one free-text column holds an unquoted comma (vn-holidays.csv has
   * two such rows: "Tết … (mùng 1, Sat)"). When a record has more fields than the header, the columns left of
   * `overflowColumn` are filled from the left, the columns right of it from the right, and the surplus middle
   * fields are joined back with ',' into `overflowColumn`. Without it, such a record throws.
   */
  overflowColumn?: string
}

/** Parses CSV text with a header row into one object per record (a short record gets '' for its missing columns). */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRow[] {
  const records = parseCsvRecords(text)
  if (records.length === 0) return []
  const header = records[0]!.map((h) => h.trim())
  const seen = new Set<string>()
  for (const h of header) {
    if (seen.has(h)) throw new Error(`CSV: duplicate column "${h}"`)
    seen.add(h)
  }
  const overflowAt = options.overflowColumn === undefined ? -1 : header.indexOf(options.overflowColumn)
  if (options.overflowColumn !== undefined && overflowAt < 0) {
    throw new Error(`CSV: overflow column "${options.overflowColumn}" is not in the header`)
  }
  return records.slice(1).map((raw, idx) => {
    let rec = raw
    if (rec.length > header.length) {
      if (overflowAt < 0) {
        throw new Error(`CSV: record ${idx + 2} has ${rec.length} fields, header has ${header.length}`)
      }
      const right = header.length - overflowAt - 1
      rec = [...rec.slice(0, overflowAt), rec.slice(overflowAt, rec.length - right).join(','), ...rec.slice(rec.length - right)]
    }
    const row: CsvRow = {}
    header.forEach((h, j) => {
      row[h] = rec[j] ?? ''
    })
    return row
  })
}
