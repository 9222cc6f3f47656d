/**
 * A tiny RFC 4180 CSV reader for the reference files in db/reference.
 *
 * - the first record is the header; every later record becomes `{ [header]: value }`;
 * - fields may be quoted; a quoted field may hold commas, CR/LF and doubled quotes (`""` → `"`);
 * - CRLF, LF and lone CR all end a record; a leading UTF-8 BOM is stripped;
 * - blank lines are skipped; a short record gets '' for its missing columns;
 * - header names are trimmed, values are kept exactly as written (no trimming, no type coercion:
 *   callers validate, e.g. with zod).
 *
 * Throws on structurally broken input (an unterminated quote, text after a closing quote, a record with
 * more fields than the header unless `overflowColumn` says where they belong, duplicate header names)
 * instead of guessing.
 */

export type CsvRow = Record<string, string>

/** Splits CSV text into records of raw fields. Exported for callers that have no header row. */
export function parseCsvRecords(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  // True once anything (a character, a quote pair or a comma) was read on the current record:
  // distinguishes a blank line (skipped) from a record holding one empty field.
  let started = false
  let line = 1
  let i = 0

  const endRecord = () => {
    record.push(field)
    if (started) records.push(record)
    record = []
    field = ''
    started = false
  }

  while (i < src.length) {
    const ch = src[i]
    if (ch === '"' && field === '') {
      // Quoted field: read up to the closing quote, turning each "" into ".
      started = true
      i++
      for (;;) {
        if (i >= src.length) throw new Error(`CSV: unterminated quoted field (line ${line})`)
        const c = src[i]
        if (c === '"' && src[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (c === '"') {
          i++
          break
        } else {
          if (c === '\n') line++
          field += c
          i++
        }
      }
      const next = src[i]
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(`CSV: unexpected character after closing quote (line ${line})`)
      }
    } else if (ch === ',') {
      record.push(field)
      field = ''
      started = true
      i++
    } else if (ch === '\n' || ch === '\r') {
      endRecord()
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1
      line++
    } else {
      field += ch
      started = true
      i++
    }
  }
  if (started) endRecord()
  return records
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

/** Parses CSV text with a header row into one object per record. */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRow[] {
  const records = parseCsvRecords(text)
  if (records.length === 0) return []
  const header = records[0].map((h) => h.trim())
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
