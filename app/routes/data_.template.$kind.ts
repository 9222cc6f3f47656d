/**
 * GET /data/template/:kind — the file import's template (issue #18 item 4): an XLSX whose first row is each
 * column's Vietnamese title (required ones marked *, which the import reads as the same column), one sample row
 * that imports as it is, and a second sheet explaining each column. The columns are the contract's, through the
 * job list (db/job-control.ts), so the template and the import cannot disagree. access: data.import.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { z } from 'zod'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { IMPORT_KINDS } from '~/components/data/ImportForm'
import { firstCommune } from '~/dashboard/source-codes.server'
import type { ImportColumn } from '../../db/job-control.ts'

/** A sample value a real file could hold (times are Excel dates in Vietnam wall time). */
const SAMPLES: Record<string, unknown> = {
  TenTTHC: 'Đăng ký khai sinh',
  MaTTHC: '1.001193',
  MaLinhVuc: 'HT',
  TenLinhVuc: 'Hộ tịch',
  KenhThucHien: 1,
  TrangThaiHoSo: 4,
  MucDo: 'toan_trinh',
  CanBoXuLy: 'Nguyễn Văn An',
}

function sample(c: ImportColumn, commune: string, kind: string): unknown {
  if (c.name in SAMPLES) return SAMPLES[c.name]
  if (c.name === 'MaDonVi') return commune
  switch (c.type) {
    case 'id':
      return `${kind === 'dossiers' ? 'HS' : 'MA'}-2026-0001`
    case 'time':
      return new Date(Date.UTC(2026, 2, 2, 8, 0)) // 02/03/2026 08:00 as written in the sheet
    case 'int':
    case 'amount':
      return 0
    case 'bool':
      return 'không'
    default:
      return ''
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'data.import')
  const kind = z.enum(IMPORT_KINDS).safeParse(params.kind)
  if (!kind.success) throw new Response('Không có mẫu cho loại dữ liệu này / no template for this kind', { status: 404 })
  const stores = await getStores()
  const columns = stores.jobs?.list().find((j) => j.name === kind.data)?.columns
  if (!columns) throw new Response('Chưa có tác vụ nhập / no import job', { status: 404 })
  const commune = (await firstCommune(stores)) ?? ''
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Dữ liệu')
  ws.addRow(columns.map((c) => (c.required ? `${c.label} *` : c.label)))
  ws.addRow(columns.map((c) => sample(c, commune, kind.data)))
  ws.getRow(1).font = { bold: true }
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = Math.max(14, c.label.length + 4)
    if (c.type === 'time') col.numFmt = 'dd/mm/yyyy hh:mm'
  })
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  const help = wb.addWorksheet('Hướng dẫn')
  help.addRow(['Cột', 'Tên trường (chuẩn dữ liệu)', 'Bắt buộc', 'Kiểu'])
  help.getRow(1).font = { bold: true }
  for (const c of columns) help.addRow([c.label, c.name, c.required ? 'có' : 'không', c.type])
  help.getColumn(1).width = 28
  help.getColumn(2).width = 26
  const buf = await wb.xlsx.writeBuffer()
  return new Response(new Uint8Array(buf as ArrayBuffer), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="mau-nhap-${kind.data}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
