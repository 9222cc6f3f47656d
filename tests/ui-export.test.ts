/** Exports: the XLSX a reader opens has real numbers, formats and a totals row equal to the page's; CSV has a BOM. */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { computeTotals, exportFormatOf, exportResponse, toCsv, toXlsx, type ExportTable } from '../app/lib/export.server.ts'

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

describe('CSV export', () => {
  it('starts with a UTF-8 BOM, quotes commas and quotes, keeps raw numbers and empty cells', () => {
    const csv = toCsv(table)
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe('Đơn vị,Tiếp nhận,Đúng hạn,Tỷ lệ đúng hạn,Thiếu thiết bị (₫),Ngày')
    expect(lines[1]).toBe(`Đông Hà,1200,1100,${1100 / 1200},36000000,2025-07-01`)
    expect(lines[2]).toBe('"Phường ""Nam"" Đông Hà, cũ",300,,,0,2026-01-05')
    expect(lines).toHaveLength(5) // header, 3 rows, trailing empty
  })

  it('responses carry the right type and file name; the format comes from ?format=', async () => {
    const res = await exportResponse('csv', table, '2026-11-24')
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="tong-quan-2026-11-24.csv"')
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    const x = await exportResponse('xlsx', table, '2026-11-24')
    expect(x.headers.get('Content-Type')).toContain('spreadsheetml')
    expect(exportFormatOf(new URLSearchParams('format=xlsx'))).toBe('xlsx')
    expect(exportFormatOf(new URLSearchParams('format=pdf'))).toBeNull()
  })
})
