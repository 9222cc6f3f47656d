/**
 * A budget plan as a Finance officer files it (exceljs): the issuing bodies and national motto, the title,
 * the ceiling and the date, then one table — STT, Mã xã, Tên xã, Thiết bị, Số lượng, Đơn giá (VNĐ),
 * Thành tiền (VNĐ), Lý do — grouped by commune with a subtotal row each ("Cộng"), a grand total
 * ("TỔNG CỘNG") and the total in words. Amounts are numbers with a thousands format ('#,##0'); subtotals and
 * the grand total are SUM formulas carrying their computed result, so a reader without a formula engine sees
 * the same figures. Throws if the grand total differs from the plan's total (never files a wrong sum).
 */
import ExcelJS from 'exceljs'
import { fmtDate } from '../i18n/format.ts'
import type { BudgetPlanLineView } from './budget-plans.server.ts'
import { vndInWords } from './vnd-words.ts'

export interface BudgetWorkbookInput {
  plan: {
    id: number
    title: string
    year: number
    ceilingVnd: number
    status: string
    method: string
    createdAt: Date | string
    approvedAt: Date | string | null
  }
  lines: BudgetPlanLineView[]
  totalVnd: number
  provinceName: string
  synthetic: boolean
  /** Date printed on the sheet (default now). */
  printedAt?: Date
}

const VND = '#,##0'
const COLS = ['STT', 'Mã xã', 'Tên xã', 'Thiết bị', 'Số lượng', 'Đơn giá (VNĐ)', 'Thành tiền (VNĐ)', 'Lý do']
const WIDTHS = [6, 9, 24, 30, 10, 16, 18, 60]
const METHOD_VI: Record<string, string> = {
  optimal: 'Tối ưu theo mức ưu tiên (quy hoạch động)',
  equal: 'Chia đều cho các xã',
  proportional: 'Chia theo nhu cầu',
}
const STATUS_VI: Record<string, string> = { draft: 'Dự thảo', approved: 'Đã phê duyệt' }

export async function budgetWorkbook(input: BudgetWorkbookInput): Promise<Buffer> {
  const { plan, lines } = input
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Một Cửa KPI'
  wb.created = input.printedAt ?? new Date()
  const ws = wb.addWorksheet('Ke hoach', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 9 }],
  })
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  const bold = { bold: true }
  const centre = { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true }

  ws.mergeCells('A1:D1')
  ws.getCell('A1').value = `UBND ${input.provinceName.toLocaleUpperCase('vi')}`
  ws.mergeCells('A2:D2')
  ws.getCell('A2').value = 'SỞ TÀI CHÍNH'
  ws.mergeCells('E1:H1')
  ws.getCell('E1').value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
  ws.mergeCells('E2:H2')
  ws.getCell('E2').value = 'Độc lập - Tự do - Hạnh phúc'
  for (const a of ['A1', 'A2', 'E1', 'E2']) Object.assign(ws.getCell(a), { font: bold, alignment: centre })
  ws.mergeCells('A4:H4')
  ws.getCell('A4').value = `KẾ HOẠCH MUA SẮM TRANG THIẾT BỊ TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG CẤP XÃ NĂM ${plan.year}`
  Object.assign(ws.getCell('A4'), { font: { bold: true, size: 13 }, alignment: centre })
  ws.mergeCells('A5:H5')
  ws.getCell('A5').value = `${plan.title} (số ${plan.id}; ${STATUS_VI[plan.status] ?? plan.status})`
  ws.getCell('A5').alignment = centre
  ws.getCell('A6').value = 'Trần kinh phí (VNĐ):'
  ws.getCell('D6').value = plan.ceilingVnd
  ws.getCell('D6').numFmt = VND
  ws.getCell('E6').value = `Ngày lập: ${fmtDate(plan.createdAt instanceof Date ? plan.createdAt : new Date(plan.createdAt))}`
  ws.getCell('G6').value = plan.approvedAt
    ? `Ngày phê duyệt: ${fmtDate(plan.approvedAt instanceof Date ? plan.approvedAt : new Date(plan.approvedAt))}`
    : ''
  ws.getCell('A7').value = `Phương án phân bổ: ${METHOD_VI[plan.method] ?? plan.method}`
  if (input.synthetic) ws.getCell('E7').value = 'Dữ liệu mô phỏng (không phải số liệu thật)'

  const header = ws.getRow(9)
  header.values = COLS
  header.eachCell((c) => Object.assign(c, { font: bold, alignment: centre, border: { top: { style: 'thin' }, bottom: { style: 'thin' } } }))
  ws.pageSetup.printTitlesRow = '9:9'

  let r = 10
  let stt = 0
  const subtotalRows: number[] = []
  const byCommune = new Map<string, BudgetPlanLineView[]>()
  for (const l of lines) byCommune.set(l.communeCode, [...(byCommune.get(l.communeCode) ?? []), l])
  for (const [code, group] of byCommune) {
    const first = r
    for (const l of group) {
      ws.getRow(r).values = [++stt, code, l.communeName, l.typeName, l.quantity, l.unitPriceVnd, l.amountVnd, l.reason ?? '']
      ws.getCell(r, 6).numFmt = VND
      ws.getCell(r, 7).numFmt = VND
      ws.getCell(r, 8).alignment = { wrapText: true, vertical: 'top' }
      r++
    }
    const sub = group.reduce((s, l) => s + l.amountVnd, 0)
    ws.mergeCells(r, 1, r, 6)
    ws.getCell(r, 1).value = `Cộng ${group[0]!.communeName}`
    ws.getCell(r, 7).value = { formula: `SUM(G${first}:G${r - 1})`, result: sub }
    ws.getCell(r, 7).numFmt = VND
    ws.getRow(r).font = bold
    subtotalRows.push(r)
    r++
  }
  const total = lines.reduce((s, l) => s + l.amountVnd, 0)
  if (total !== input.totalVnd) throw new Error(`budget workbook: lines add up to ${total}, the plan says ${input.totalVnd}`)
  ws.mergeCells(r, 1, r, 6)
  ws.getCell(r, 1).value = 'TỔNG CỘNG'
  ws.getCell(r, 7).value = subtotalRows.length ? { formula: subtotalRows.map((x) => `G${x}`).join('+'), result: total } : 0
  ws.getCell(r, 7).numFmt = VND
  ws.getRow(r).font = bold
  ws.getCell(r, 1).alignment = centre
  r += 1
  ws.mergeCells(r, 1, r, 8)
  ws.getCell(r, 1).value = `Bằng chữ: ${vndInWords(total)}.`
  ws.getCell(r, 1).font = { italic: true }
  r += 2
  ws.mergeCells(r, 1, r, 4)
  ws.getCell(r, 1).value = 'NGƯỜI LẬP BIỂU'
  ws.mergeCells(r, 5, r, 8)
  ws.getCell(r, 5).value = 'GIÁM ĐỐC SỞ TÀI CHÍNH'
  for (const c of [1, 5]) Object.assign(ws.getCell(r, c), { font: bold, alignment: centre })
  ws.mergeCells(r + 1, 1, r + 1, 4)
  ws.getCell(r + 1, 1).value = '(Ký, ghi rõ họ tên)'
  ws.mergeCells(r + 1, 5, r + 1, 8)
  ws.getCell(r + 1, 5).value = '(Ký, họ tên, đóng dấu)'
  for (const c of [1, 5]) Object.assign(ws.getCell(r + 1, c), { font: { italic: true }, alignment: centre })
  return Buffer.from(await wb.xlsx.writeBuffer())
}
