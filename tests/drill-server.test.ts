/**
 * /dossiers and /export/dossiers through the real server (issue 14 item 4): the total on the page equals
 * the count, a commune user sees only their commune (another commune: 403; no commune: their own only),
 * and the exports hold the same rows — CSV in the Vietnamese dialect of ADR 022, XLSX with real dates.
 */
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QT } from './support/dossier-fixtures.ts'
import { DRILL_WEEK, seedDrill } from './support/drill-fixtures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

let srv: TestServer
let leader: HttpClient
let chair: HttpClient
let other: HttpClient
const q = (cls: string, extra = '') => `?period=custom&from=${DRILL_WEEK.from}&to=${DRILL_WEEK.to}&class=${cls}${extra}`
const H = QT.dongHoi

beforeAll(async () => {
  srv = await startTestServer()
  await seedDrill(srv.stores)
  leader = await srv.signIn(['leadership'])
  chair = await srv.signIn(['commune'], { commune: H })
  other = await srv.signIn(['commune'], { commune: QT.dongSon })
}, 300_000)
afterAll(async () => srv?.close())

const total = (html: string) => Number(/data-testid="drill-total" data-value="(\d+)"/.exec(html)?.[1])

describe('GET /dossiers', () => {
  it('shows the count and the rows of the class, dates dd/mm/yyyy, officer names', async () => {
    const res = await leader.get(`/dossiers${q('in_process_overdue', `&commune=${H}&sort=overdueDays&dir=desc`)}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(total(html)).toBe(4)
    expect(html).toContain('Nguyễn Văn An')
    expect(html).toContain('03/03/2026') // D07 received
    // Sorted on the server: most overdue first (D14, 18 working days).
    expect(html.indexOf('D14')).toBeLessThan(html.indexOf('D07'))
    expect(html.indexOf('D07')).toBeLessThan(html.indexOf('D17'))
  })

  it('a province user without a commune gets the province; a bad class is a 400 sentence', async () => {
    expect(total(await (await leader.get(`/dossiers${q('received')}`)).text())).toBe(12)
    const bad = await leader.get(`/dossiers${q('nope')}`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Nhóm hồ sơ không hợp lệ')
  })

  it('a commune user: their commune only — another commune is 403, no commune means their own', async () => {
    expect(total(await (await chair.get(`/dossiers${q('received', `&commune=${H}`)}`)).text())).toBe(11)
    expect(total(await (await chair.get(`/dossiers${q('received')}`)).text())).toBe(11)
    expect(total(await (await other.get(`/dossiers${q('received')}`)).text())).toBe(1) // S01 only
    expect((await other.get(`/dossiers${q('received', `&commune=${H}`)}`)).status).toBe(403)
    expect((await other.get(`/export/dossiers${q('received', `&commune=${H}&format=csv`)}`)).status).toBe(403)
    expect((await srv.client().get(`/dossiers${q('received')}`)).status).toBe(302)
  })
})

describe('GET /export/dossiers', () => {
  it('CSV: the whole list in the Vietnamese dialect (;), dates dd/mm/yyyy', async () => {
    const res = await chair.get(`/export/dossiers${q('processed_late', `&commune=${H}&sort=overdueDays&dir=desc&format=csv`)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    expect(rows[0]).toEqual([
      'Mã hồ sơ',
      'Thủ tục',
      'Kênh',
      'Ngày tiếp nhận',
      'Hạn xử lý',
      'Ngày kết thúc',
      'Số ngày làm việc quá hạn',
      'Cán bộ xử lý',
      'Trạng thái',
    ])
    expect(rows.slice(1)).toEqual([
      ['D06', 'Thủ tục ho_tich', 'Trực tiếp', '02/03/2026', '06/03/2026', '10/03/2026', '2', 'Nguyễn Văn An', 'Đã giải quyết'],
      ['D04', 'Thủ tục ho_tich', 'Trực tiếp', '09/03/2026', '20/03/2026', '12/03/2026', '0', 'Trần Thị Bình', 'Đã giải quyết'],
      ['D02', 'Thủ tục ho_tich', 'Trực tiếp', '09/03/2026', '11/03/2026', '11/03/2026', '0', 'Nguyễn Văn An', 'Đã giải quyết'],
    ])
  })

  it('XLSX: the same rows, past the page size, with notes naming the commune and the total', async () => {
    const res = await leader.get(`/export/dossiers${q('received', `&commune=${H}&format=xlsx`)}`)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(String(ws.getCell('A1').value)).toBe('Danh sách hồ sơ: Tiếp nhận trong kỳ')
    const notes = [2, 3, 4].map((r) => String(ws.getCell(`A${r}`).value))
    expect(notes).toContain('Tổng số: 11')
    let header = 0
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Mã hồ sơ') header = n
    })
    const ids: string[] = []
    for (let r = header + 1; r <= ws.rowCount; r++) ids.push(String(ws.getCell(r, 1).value))
    expect(ids).toHaveLength(11)
    expect((ws.getCell(header + 1, 4).value as Date).toISOString()).toBe('2026-03-09T00:00:00.000Z')
  })

  it('ratings and complaints list their events: the complaint naming no dossier is a row', async () => {
    const res = await leader.get(`/export/dossiers${q('complained', `&commune=${H}&format=csv`)}`)
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][]
    expect(rows.length - 1).toBe(2)
    expect(rows.map((r) => r[0]).sort()).toEqual(['(không gắn hồ sơ)', 'D07', 'Mã hồ sơ'])
  })
})
