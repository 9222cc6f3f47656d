/**
 * A worksheet drawn as an HTML table — merged cells, bold/italic, borders, fills, column widths, numbers in
 * Vietnamese format, formula cells showing their cached result — so a browser test can screenshot what a
 * workbook looks like when opened (no spreadsheet program on the machine). Only what our workbooks use.
 */
import type ExcelJS from 'exceljs'

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

function text(cell: ExcelJS.Cell): { s: string; num: boolean } {
  let v = cell.value as unknown
  if (v && typeof v === 'object' && 'result' in (v as object)) v = (v as { result: unknown }).result
  if (typeof v === 'number') return { s: v.toLocaleString('vi-VN', { maximumFractionDigits: 2 }), num: true }
  if (v instanceof Date) return { s: v.toLocaleDateString('vi-VN', { timeZone: 'UTC' }), num: true }
  return { s: v === null || v === undefined ? '' : String(v), num: false }
}

/** `keepRow` leaves rows out (e.g. the middle of a long list) to keep a screenshot readable. */
export function worksheetHtml(ws: ExcelJS.Worksheet, keepRow: (row: number) => boolean = () => true): string {
  const cols = ws.columnCount
  const covered = new Set<string>()
  const spans = new Map<string, { rows: number; cols: number }>()
  for (const range of (ws.model as unknown as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(':')
    const tl = ws.getCell(a!)
    const br = ws.getCell(b!)
    const r0 = Number(tl.row)
    const c0 = Number(tl.col)
    spans.set(`${r0}:${c0}`, { rows: Number(br.row) - r0 + 1, cols: Number(br.col) - c0 + 1 })
    for (let r = r0; r <= Number(br.row); r++) for (let c = c0; c <= Number(br.col); c++) if (r !== r0 || c !== c0) covered.add(`${r}:${c}`)
  }
  const widths = Array.from({ length: cols }, (_, i) => `<col style="width:${Math.round((ws.getColumn(i + 1).width ?? 9) * 7.5)}px">`).join(
    '',
  )
  const rows: string[] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    if (!keepRow(r)) {
      if (keepRow(r - 1)) rows.push(`<tr><td colspan="${cols}" style="text-align:center;outline:none">…</td></tr>`)
      continue
    }
    const cells: string[] = []
    const height = ws.getRow(r).height
    for (let c = 1; c <= cols; c++) {
      if (covered.has(`${r}:${c}`)) continue
      const cell = ws.getCell(r, c)
      const span = spans.get(`${r}:${c}`)
      const { s, num } = text(cell)
      const st: string[] = []
      if (cell.font?.bold) st.push('font-weight:700')
      if (cell.font?.italic) st.push('font-style:italic')
      if (cell.font?.size) st.push(`font-size:${cell.font.size}pt`)
      const b = cell.border
      if (b) st.push('outline:none')
      if (b?.top) st.push('border-top:1px solid #000')
      if (b?.bottom) st.push('border-bottom:1px solid #000')
      if (b?.left) st.push('border-left:1px solid #000')
      if (b?.right) st.push('border-right:1px solid #000')
      const fill = cell.fill as { fgColor?: { argb?: string } } | undefined
      if (fill?.fgColor?.argb) st.push(`background:#${fill.fgColor.argb.slice(2)}`)
      const h = cell.alignment?.horizontal ?? (num ? 'right' : 'left')
      st.push(`text-align:${h}`)
      if (cell.alignment?.wrapText) st.push('white-space:normal')
      const attrs = span ? ` rowspan="${span.rows}" colspan="${span.cols}"` : ''
      cells.push(`<td${attrs} style="${st.join(';')}">${esc(s)}</td>`)
    }
    rows.push(`<tr${height ? ` style="height:${Math.round(height * 1.33)}px"` : ''}>${cells.join('')}</tr>`)
  }
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>` +
    `body{margin:16px;font:11pt Calibri,Carlito,'Liberation Sans',Arial,sans-serif;background:#fff}` +
    `table{border-collapse:collapse;table-layout:fixed}td{padding:2px 4px;white-space:nowrap;overflow:hidden;vertical-align:middle;` +
    `outline:1px solid #e3e3e3}</style></head><body><table>${widths}${rows.join('')}</table></body></html>`
  )
}
