/** A CSV file streamed record by record (node only; the same csv-parse options and errors as csv.ts). */
import fs from 'node:fs'
import { parse } from 'csv-parse'
import { BASE, explain } from './csv.ts'

/** ',' or ';' (Vietnamese-locale Excel writes ';'): the one used more in the first line, quoted text aside. */
function sniffDelimiter(file: string): string {
  const fd = fs.openSync(file, 'r')
  try {
    const buf = Buffer.alloc(64 * 1024)
    const n = fs.readSync(fd, buf, 0, buf.length, 0)
    const line = (buf.subarray(0, n).toString('utf8').split(/\r|\n/)[0] ?? '').replace(/"[^"]*"/g, '')
    return (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ','
  } finally {
    fs.closeSync(fd)
  }
}

export interface CsvStreamOptions {
  /** Longest record (default 4 MiB): a bigger one fails the file instead of filling memory. */
  maxRecordBytes?: number
}

/**
 * The records of a CSV file, streamed in bounded memory (a large spreadsheet export). Bytes that are not UTF-8
 * become U+FFFD (the records holding them are then rejected `invalid_utf8` by validation).
 */
export async function* csvRecords(file: string, opts: CsvStreamOptions = {}): AsyncGenerator<string[]> {
  const parser = fs
    .createReadStream(file, { highWaterMark: 1 << 20 })
    .pipe(parse({ ...BASE, delimiter: sniffDelimiter(file), max_record_size: opts.maxRecordBytes ?? 4 << 20 }))
  try {
    for await (const record of parser) yield record as string[]
  } catch (e) {
    throw explain(e, `CSV ${file}`)
  } finally {
    parser.destroy()
  }
}
