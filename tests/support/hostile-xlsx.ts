/**
 * Hostile workbooks for the import's memory bounds (issue #17 item 7), written as raw SpreadsheetML through
 * archiver (streamed: the generator itself stays small): `manyStrings` — a sheet of one data row whose workbook
 * carries `n` distinct shared strings; `manyRows` — `n` data rows of a dossier each, a few MB zipped.
 */
import fs from 'node:fs'
import { Readable } from 'node:stream'
import archiver from 'archiver'

const CT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
const WB = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
const WB_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`

const HEADER = ['Mã hồ sơ', 'Mã đơn vị', 'Kênh thực hiện', 'Trạng thái hồ sơ', 'Cập nhật lúc']
const cols = 'ABCDE'
const inline = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
const num = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`
const headerRow = `<row r="1">${HEADER.map((h, i) => inline(`${cols[i]}1`, h)).join('')}</row>`
const dataRow = (r: number, unit: string) =>
  `<row r="${r}">${inline(`A${r}`, `HS-H${r}`)}${inline(`B${r}`, unit)}${num(`C${r}`, 1)}${num(`D${r}`, 2)}${inline(`E${r}`, '2026-03-02T08:00:00+07:00')}</row>`

function* chunks(head: string, body: (i: number) => string, n: number, tail: string): Generator<string> {
  yield head
  let buf = ''
  for (let i = 0; i < n; i++) {
    buf += body(i)
    if (buf.length > 1 << 16) {
      yield buf
      buf = ''
    }
  }
  yield buf + tail
}

async function write(file: string, sheet: Iterable<string>, strings: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file)
  const zip = archiver('zip', { zlib: { level: 9 } })
  zip.pipe(out)
  zip.append(CT, { name: '[Content_Types].xml' })
  zip.append(RELS, { name: '_rels/.rels' })
  zip.append(WB, { name: 'xl/workbook.xml' })
  zip.append(WB_RELS, { name: 'xl/_rels/workbook.xml.rels' })
  zip.append(Readable.from(strings), { name: 'xl/sharedStrings.xml' })
  zip.append(Readable.from(sheet), { name: 'xl/worksheets/sheet1.xml' })
  await zip.finalize()
  await new Promise<void>((r) => out.on('close', () => r()))
  return fs.statSync(file).size
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
const SHEET_TAIL = `</sheetData></worksheet>`
const SST_HEAD = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">`

/** One data row; `n` distinct shared strings nobody references. Answers the file's size. */
export function manyStrings(file: string, n: number, unit: string): Promise<number> {
  return write(
    file,
    [SHEET_HEAD, headerRow, dataRow(2, unit), SHEET_TAIL],
    chunks(SST_HEAD(n), (i) => `<si><t>s${i}</t></si>`, n, '</sst>'),
  )
}

/** `n` data rows (dossiers of `unit`). Answers the file's size. */
export function manyRows(file: string, n: number, unit: string): Promise<number> {
  return write(
    file,
    chunks(SHEET_HEAD + headerRow, (i) => dataRow(i + 2, unit), n, SHEET_TAIL),
    [SST_HEAD(0), '</sst>'],
  )
}
