/**
 * Biểu 06 / 06a as a workbook laid out for filing (exceljs): form number and national motto, the title, the
 * period, the reporting unit, the three header rows as the form groups them with the column numbers (1)…(13),
 * one row per commune, the total row as SUM formulas (with their computed result cached, so a reader without
 * a formula engine sees the same figures), the identities, and the signature block (người lập biểu / thủ trưởng
 * đơn vị, place and date). A4 landscape, one page wide, header rows repeated on every printed page.
 * Throws if a row breaks the form's identities (never files an inconsistent report).
 */
import ExcelJS from 'exceljs'
import { fmtDate, type Lang } from '../i18n/format.ts'
import { translate, translateCode, type MessageKey } from '../i18n/messages.ts'
import { BIEU06_HEADER, BIEU06_KEYS, bieu06Violations, type Bieu06 } from './bieu06.ts'

/** First row of the header block, of the column numbers, and of the data. */
export const BIEU06_XLSX: { headerRow: number; numberRow: number; firstDataRow: number } = { headerRow: 8, numberRow: 11, firstDataRow: 12 }
const WIDTHS = [5, 30, 10, 11, 14, 11, 10, 10, 10, 10, 10, 10, 10]
const INT = '#,##0'
const thin = { style: 'thin' as const }
const box = { top: thin, left: thin, bottom: thin, right: thin }
const centre = { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true }

function colLetter(n: number): string {
  return String.fromCharCode(64 + n)
}

export interface Bieu06XlsxOptions {
  lang?: Lang
  synthetic?: boolean
  /** Date printed in the signature block (default today). */
  printedAt?: Date
}

export async function bieu06Workbook(r: Bieu06, opts: Bieu06XlsxOptions = {}): Promise<Buffer> {
  const lang = opts.lang ?? 'vi'
  const t = (k: MessageKey) => translate(lang, k)
  for (const row of [...r.rows, { name: t('b06.totalRow'), ...r.total }]) {
    const bad = bieu06Violations(row)
    if (bad.length) throw new Error(`Biểu 06: ${row.name} breaks ${bad.join(', ')}`)
  }
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Một Cửa KPI'
  wb.created = opts.printedAt ?? new Date()
  const { headerRow, numberRow, firstDataRow } = BIEU06_XLSX
  const ws = wb.addWorksheet(r.variant === '06a' ? 'Bieu 06a' : 'Bieu 06', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: numberRow, xSplit: 2 }],
  })
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  const put = (range: string, value: string, style: Partial<ExcelJS.Style> = {}) => {
    ws.mergeCells(range)
    const cell = ws.getCell(range.split(':')[0]!)
    cell.value = value
    Object.assign(cell, style)
  }

  put('A1:E1', t(r.variant === '06a' ? 'b06.formNoA' : 'b06.formNo'), { font: { bold: true }, alignment: centre })
  put('A2:E2', r.unit.toLocaleUpperCase('vi'), { font: { bold: true }, alignment: centre })
  put('H1:M1', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { font: { bold: true }, alignment: centre })
  put('H2:M2', 'Độc lập - Tự do - Hạnh phúc', { font: { bold: true }, alignment: centre })
  put('A4:M4', t('b06.title').toLocaleUpperCase('vi'), { font: { bold: true, size: 13 }, alignment: centre })
  put('A5:M5', `${t('b06.period')}: ${translate(lang, 'b06.periodFromTo', { from: fmtDate(r.from, lang), to: fmtDate(r.to, lang) })}`, {
    alignment: centre,
  })
  put('A6:G6', `${t('b06.unit')}: ${r.unit}`, { alignment: { vertical: 'middle' } })
  put('H6:M6', `${t('b06.receiver')}: ${t('b06.receiverName')}`, { alignment: { vertical: 'middle' } })
  if (opts.synthetic) put('A7:G7', translate(lang, 'syntheticData'), { font: { italic: true, color: { argb: 'FFB45309' } } })
  put('K7:M7', t('b06.countUnit'), { font: { italic: true }, alignment: { horizontal: 'right' } })

  for (const h of BIEU06_HEADER) {
    const top = headerRow + h.row
    const left = h.col
    if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(top, left, top + h.rowSpan - 1, left + h.colSpan - 1)
    const cell = ws.getCell(top, left)
    cell.value = translateCode(lang, h.key)
  }
  for (let row = headerRow; row <= numberRow; row++)
    for (let col = 1; col <= 13; col++) {
      const cell = ws.getCell(row, col)
      if (row === numberRow) cell.value = `(${col})`
      Object.assign(cell, {
        font: { bold: row < numberRow, italic: row === numberRow },
        alignment: centre,
        border: box,
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } },
      })
    }
  ws.getRow(headerRow + 2).height = 48
  ws.pageSetup.printTitlesRow = `${headerRow}:${numberRow}`

  r.rows.forEach((row, i) => {
    const values = [i + 1, row.name, ...BIEU06_KEYS.map((k) => row[k])]
    values.forEach((v, c) => {
      const cell = ws.getCell(firstDataRow + i, c + 1)
      cell.value = v
      cell.border = box
      if (c >= 2) cell.numFmt = INT
      if (c === 0) cell.alignment = { horizontal: 'center' }
    })
  })
  const lastDataRow = firstDataRow + r.rows.length - 1
  const totalRow = lastDataRow + 1
  ws.mergeCells(totalRow, 1, totalRow, 2)
  ws.getCell(totalRow, 1).value = t('b06.totalRow')
  ws.getCell(totalRow, 1).alignment = centre
  BIEU06_KEYS.forEach((k, i) => {
    const L = colLetter(i + 3)
    const cell = ws.getCell(totalRow, i + 3)
    cell.value = r.rows.length ? { formula: `SUM(${L}${firstDataRow}:${L}${lastDataRow})`, result: r.total[k] } : r.total[k]
    cell.numFmt = INT
  })
  for (let c = 1; c <= 13; c++) Object.assign(ws.getCell(totalRow, c), { font: { bold: true }, border: box })

  let at = totalRow + 1
  put(`A${at}:M${at}`, t('b06.notes'), { font: { italic: true, size: 9 }, alignment: { wrapText: true, vertical: 'top' } })
  ws.getRow(at).height = 28
  at += 2
  const d = opts.printedAt ?? new Date()
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d).split('-')
  put(`H${at}:M${at}`, translate(lang, 'b06.placeDate', { place: r.place, d: day!, m: m!, y: y! }), {
    font: { italic: true },
    alignment: centre,
  })
  at += 1
  put(`A${at}:E${at}`, t('b06.preparer'), { font: { bold: true }, alignment: centre })
  put(`H${at}:M${at}`, t('b06.head'), { font: { bold: true }, alignment: centre })
  at += 1
  put(`A${at}:E${at}`, t('b06.signHint'), { font: { italic: true }, alignment: centre })
  put(`H${at}:M${at}`, t('b06.headHint'), { font: { italic: true }, alignment: centre })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The file name of a report: bieu-06-2026-03-01-2026-03-31.xlsx (06a: bieu-06a-<commune>-…). */
export function bieu06FileName(r: Bieu06): string {
  const who = r.variant === '06a' ? `bieu-06a-${r.rows[0]?.commune ?? ''}` : 'bieu-06'
  return `${who}-${r.from}-${r.to}.xlsx`
}
