/**
 * Streaming CSV records (RFC 4180 quoting, CRLF/LF/CR, UTF-8 BOM) so a large spreadsheet export is read in
 * bounded memory. The delimiter is ',' or ';' (Vietnamese-locale Excel writes ';'), chosen from the header
 * line. Bytes that are not UTF-8 become U+FFFD and the records holding them are rejected `invalid_utf8`.
 */
import fs from 'node:fs'
import { StringDecoder } from 'node:string_decoder'

/** FIELD: unquoted text; QUOTED: inside quotes; QUOTE: a quote seen inside quotes (end, or "" escape). */
type State = 'FIELD' | 'QUOTED' | 'QUOTE'

export async function* csvRecords(file: string): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8')
  let delimiter: string | null = null
  let state: State = 'FIELD'
  let field = ''
  let record: string[] = []
  let started = false
  let first = true
  let skipLF = false
  const out: string[][] = []

  const endRecord = () => {
    record.push(field)
    if (started) out.push(record)
    record = []
    field = ''
    started = false
  }

  function feed(text: string) {
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
      const line = (text.split(/\r|\n/)[0] ?? '').replace(/"[^"]*"/g, '')
      delimiter = (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ','
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!
      if (skipLF) {
        skipLF = false
        if (c === '\n') continue
      }
      if (state === 'QUOTED') {
        if (c === '"') state = 'QUOTE'
        else field += c
        continue
      }
      if (state === 'QUOTE') {
        if (c === '"') {
          field += '"'
          state = 'QUOTED'
          continue
        }
        state = 'FIELD' // the closing quote; c is handled below
      }
      if (c === '"' && field === '') {
        state = 'QUOTED'
        started = true
      } else if (c === delimiter) {
        record.push(field)
        field = ''
        started = true
      } else if (c === '\n' || c === '\r') {
        endRecord()
        skipLF = c === '\r'
      } else {
        field += c
        started = true
      }
    }
  }

  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    feed(decoder.write(chunk as Buffer))
    while (out.length) yield out.shift()!
  }
  feed(decoder.end())
  if ((state as State) === 'QUOTED') throw new Error(`CSV ${file}: unterminated quoted field`)
  if (started) endRecord()
  while (out.length) yield out.shift()!
}
