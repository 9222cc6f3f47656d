/**
 * Biểu 06 / 06a (GET /api/v1/reports/bieu06) on real engines: every cell of every commune row and of the total
 * equals GET /api/v1/kpi for that commune / the province (the same backlog arithmetic), the hand-computed
 * figures of a small fixture, the form's identities, the commune token's 06a scoping, the 400/404 answers,
 * and the XLSX laid out for filing (header cells, total row as SUM formulas with their computed values,
 * signature block).
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as kpiLoader } from '../app/routes/api.v1.kpi.ts'
import { loader as bieu06Loader } from '../app/routes/api.v1.reports.bieu06.ts'
import { createApiToken } from '../app/auth/api-tokens.server.ts'
import { createUser } from '../app/auth/users.server.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { BIEU06_KEYS, bieu06Violations } from '../app/reports/bieu06.ts'
import { BIEU06_XLSX } from '../app/reports/bieu06-xlsx.server.ts'
import { insertDossiers, QT } from './support/dossier-fixtures.ts'
import { REPORT_DOSSIERS as dossiers } from './support/report-fixtures.ts'

const H = QT.dongHoi
const S = QT.dongSon
const T = QT.dongThuan
import { openTestStores, type TestStores } from './support/stores.ts'

const FROM = '2026-03-01'
const TO = '2026-03-31'

// prettier-ignore
const EXPECTED = {
  [H]: { toProcess: 9, receivedOnline: 3, receivedInPersonOrPost: 4, carriedOver: 2, processed: 5, processedEarly: 3, processedOnTime: 1, processedLate: 1, inProcess: 4, inProcessNotDue: 2, inProcessOverdue: 2 },
  [S]: { toProcess: 3, receivedOnline: 1, receivedInPersonOrPost: 2, carriedOver: 0, processed: 2, processedEarly: 0, processedOnTime: 1, processedLate: 1, inProcess: 1, inProcessNotDue: 1, inProcessOverdue: 0 },
  [T]: { toProcess: 1, receivedOnline: 0, receivedInPersonOrPost: 0, carriedOver: 1, processed: 0, processedEarly: 0, processedOnTime: 0, processedLate: 0, inProcess: 1, inProcessNotDue: 0, inProcessOverdue: 1 },
  total: { toProcess: 13, receivedOnline: 4, receivedInPersonOrPost: 6, carriedOver: 3, processed: 7, processedEarly: 3, processedOnTime: 2, processedLate: 2, inProcess: 6, inProcessNotDue: 3, inProcessOverdue: 3 },
}

let s: TestStores
let provinceToken = ''
let itToken = ''
let communeToken = ''
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, dossiers)
  await refreshRollups(s, { fromDay: '2026-01-01', toDay: '2026-04-30' })
  const by = { actor: 'test', ip: null }
  const pw = 'mat-khau-dai-du-2026'
  const lead = await createUser(s, { email: 'lanhdao@b06.vn', roles: ['leadership'], password: pw }, by)
  provinceToken = (await createApiToken(s, lead.id, 'b06', by)).token
  const it = await createUser(s, { email: 'it@b06.vn', roles: ['it'], password: pw }, by)
  itToken = (await createApiToken(s, it.id, 'b06', by)).token
  const xa = await createUser(s, { email: 'xa@b06.vn', roles: ['commune'], communeCode: H, password: pw }, by)
  communeToken = (await createApiToken(s, xa.id, 'b06', by)).token
})
afterAll(async () => s?.dispose())

type Loader = typeof kpiLoader
async function call(loader: Loader, path: string, token: string): Promise<Response> {
  const request = new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } })
  try {
    return await loader({ request, params: {}, context: {} })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
const getJson = async (loader: Loader, path: string, token = provinceToken) => {
  const res = await call(loader, path, token)
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

/** The Biểu 06 columns as GET /api/v1/kpi reports them (column 12 = not yet due + nearly due). */
function fromKpiApi(k: Record<string, any>) {
  return {
    toProcess: k.toProcess,
    receivedOnline: k.receivedOnline,
    receivedInPersonOrPost: k.receivedInPersonOrPost,
    carriedOver: k.carriedOver,
    processed: k.processed,
    processedEarly: k.processedEarly,
    processedOnTime: k.processedOnTime,
    processedLate: k.processedLate,
    inProcess: k.inProcess,
    inProcessNotDue: k.inProcessNotDue + k.inProcessNearlyDue,
    inProcessOverdue: k.inProcessOverdue,
  }
}

describe('GET /api/v1/reports/bieu06 (Biểu 06, the province)', () => {
  it('has one row per commune and the total, each cell equal to GET /api/v1/kpi for that commune and for the province', async () => {
    const { status, body } = await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}`)
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['from', 'rows', 'synthetic', 'to', 'total'])
    expect(body.from).toBe(FROM)
    expect(body.to).toBe(TO)
    expect(body.rows).toHaveLength(78) // Quảng Trị's communes
    const rows = [...body.rows]
    const check = async () => {
      for (let row = rows.shift(); row; row = rows.shift()) {
        expect(Object.keys(row)).toEqual(['commune', 'name', ...BIEU06_KEYS])
        const kpi = await getJson(kpiLoader, `/api/v1/kpi?commune=${row.commune}&from=${FROM}&to=${TO}`)
        expect(kpi.status).toBe(200)
        expect({ commune: row.commune, ...fromKpiApi(kpi.body) }).toEqual({ commune: row.commune, ...pick(row) })
      }
    }
    await Promise.all([check(), check(), check()]) // 78 KPI summaries, three at a time
    const province = await getJson(kpiLoader, `/api/v1/kpi?from=${FROM}&to=${TO}`)
    expect(fromKpiApi(province.body)).toEqual(body.total)
  }, 300_000)

  it('gives the hand-computed figures of the fixture, and every row and the total keep the form’s identities', async () => {
    const { body } = await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}`)
    const row = (code: string) => body.rows.find((r: any) => r.commune === code)
    expect(row(H)).toEqual({ commune: H, name: 'Phường Đồng Hới', ...EXPECTED[H] })
    expect(pick(row(S))).toEqual(EXPECTED[S])
    expect(pick(row(T))).toEqual(EXPECTED[T])
    expect(body.total).toEqual(EXPECTED.total)
    for (const r of [...body.rows, body.total]) {
      // (3) = (4) + (5) + (6) = (7) + (11); (7) = (8) + (9) + (10); (11) = (12) + (13)
      expect(r.toProcess).toBe(r.receivedOnline + r.receivedInPersonOrPost + r.carriedOver)
      expect(r.toProcess).toBe(r.processed + r.inProcess)
      expect(r.processed).toBe(r.processedEarly + r.processedOnTime + r.processedLate)
      expect(r.inProcess).toBe(r.inProcessNotDue + r.inProcessOverdue)
      expect(bieu06Violations(r)).toEqual([])
    }
    // The total is the sum of the rows, column by column.
    for (const k of BIEU06_KEYS) expect(body.total[k]).toBe(body.rows.reduce((a: number, r: any) => a + r[k], 0))
  })

  it('opens to the IT role too (leadership/IT report), not to the admin', async () => {
    expect((await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}`, itToken)).body.total).toEqual(EXPECTED.total)
  })

  it('answers 400 with the parameter named for missing or bad dates, an unknown parameter or format, and 404 for another province', async () => {
    const bad = async (q: string) => (await getJson(bieu06Loader, `/api/v1/reports/bieu06?${q}`)).body
    expect((await getJson(bieu06Loader, `/api/v1/reports/bieu06?to=${TO}`)).status).toBe(400)
    expect((await bad(`to=${TO}`)).issues.map((i: any) => i.param)).toEqual(['from'])
    expect((await bad(`from=2026-02-30&to=${TO}`)).issues[0].param).toBe('from')
    expect((await bad(`from=${TO}&to=${FROM}`)).issues[0].param).toBe('from')
    expect((await bad(`from=${FROM}&to=${TO}&format=pdf`)).issues[0].param).toBe('format')
    expect((await bad(`from=${FROM}&to=${TO}&foo=1`)).message).toContain('foo')
    expect((await bad(`from=${FROM}&from=${FROM}&to=${TO}`)).error).toBe('bad_request')
    expect((await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}&commune=01001`)).status).toBe(404)
  })
})

describe('OpenAPI document', () => {
  it('docs/api/openapi.yaml documents the path, its parameters and every field of the JSON', async () => {
    const doc = fs.readFileSync(new URL('../docs/api/openapi.yaml', import.meta.url), 'utf8')
    expect(doc).toContain('  /api/v1/reports/bieu06:')
    const { body } = await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}`)
    const keys = [...Object.keys(body), ...Object.keys(body.rows[0]), 'format']
    expect(keys.filter((k) => !new RegExp(`\\b${k}\\b`).test(doc))).toEqual([])
  })
})

describe('Biểu 06a (one service centre)', () => {
  it('a commune token gets only its own commune, with the same figures as the KPI API', async () => {
    const { status, body } = await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}`, communeToken)
    expect(status).toBe(200)
    expect(body.rows).toEqual([{ commune: H, name: 'Phường Đồng Hới', ...EXPECTED[H] }])
    expect(body.total).toEqual(EXPECTED[H])
    const kpi = await getJson(kpiLoader, `/api/v1/kpi?commune=${H}&from=${FROM}&to=${TO}`, communeToken)
    expect(fromKpiApi(kpi.body)).toEqual(body.total)
    // The provincial reader can ask for one commune's 06a.
    const one = await getJson(bieu06Loader, `/api/v1/reports/bieu06?from=${FROM}&to=${TO}&commune=${S}`)
    expect(one.body.total).toEqual(EXPECTED[S])
  })
})

describe('the XLSX laid out for filing', () => {
  async function workbook(path: string, token = provinceToken) {
    const res = await call(bieu06Loader, path, token)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    return { res, ws: wb.worksheets[0]! }
  }

  it('has the title, period, unit, the grouped header, one row per commune, the total as formulas and the signature block', async () => {
    const { res, ws } = await workbook(`/api/v1/reports/bieu06?from=${FROM}&to=${TO}&format=xlsx`)
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="bieu-06-${FROM}-${TO}.xlsx"`)
    expect(ws.getCell('A1').value).toBe('Biểu số 06/VPCP/KSTT')
    expect(ws.getCell('H1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(ws.getCell('A4').value).toBe('BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH')
    expect(ws.getCell('A5').value).toBe('Kỳ báo cáo: Từ ngày 01/03/2026 đến ngày 31/03/2026')
    expect(ws.getCell('A6').value).toBe('Đơn vị báo cáo: Tỉnh Quảng Trị')
    const { headerRow: h, numberRow, firstDataRow } = BIEU06_XLSX
    // Header: three rows as the form groups them, merged cells resolving to their master.
    expect(ws.getCell(h, 1).value).toBe('STT')
    expect(ws.getCell(h + 2, 1).master.address).toBe('A8')
    expect(ws.getCell(h, 3).value).toBe('Số hồ sơ nhận giải quyết')
    expect(ws.getCell(h, 6).master.address).toBe('C8')
    expect(ws.getCell(h, 7).value).toBe('Kết quả giải quyết')
    expect(ws.getCell(h, 13).master.address).toBe('G8')
    expect(ws.getCell(h + 1, 3).value).toBe('Tổng số')
    expect(ws.getCell(h + 2, 3).master.address).toBe('C9')
    expect(ws.getCell(h + 1, 4).value).toBe('Trong đó')
    expect(ws.getCell(h + 1, 7).value).toBe('Số hồ sơ đã giải quyết')
    expect(ws.getCell(h + 1, 10).master.address).toBe('G9')
    expect(ws.getCell(h + 1, 11).value).toBe('Số hồ sơ đang giải quyết')
    expect(ws.getCell(h + 1, 13).master.address).toBe('K9')
    expect(
      vals(ws.getRow(h + 2))
        .slice(4, 14)
        .map(String),
    ).toEqual([
      'Tiếp nhận trực tuyến',
      'Tiếp nhận trực tiếp và qua dịch vụ bưu chính công ích',
      'Từ kỳ trước chuyển sang',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ])
    expect(vals(ws.getRow(numberRow)).slice(1)).toEqual(Array.from({ length: 13 }, (_, i) => `(${i + 1})`))
    // One row per commune: STT, name, then the 11 figures as numbers.
    const rows = Array.from({ length: 78 }, (_, i) => ws.getRow(firstDataRow + i))
    expect(rows.map((r) => r.getCell(1).value)).toEqual(Array.from({ length: 78 }, (_, i) => i + 1))
    const hRow = rows.find((r) => r.getCell(2).value === 'Phường Đồng Hới')!
    expect(vals(hRow).slice(3)).toEqual(BIEU06_KEYS.map((k) => EXPECTED[H][k]))
    expect(hRow.getCell(3).numFmt).toBe('#,##0')
    // Total row: SUM formulas over the commune rows, the computed value cached; equal to the JSON total.
    const total = ws.getRow(firstDataRow + 78)
    expect(total.getCell(1).value).toBe('Tổng cộng')
    const last = firstDataRow + 77
    BIEU06_KEYS.forEach((k, i) => {
      const col = String.fromCharCode(67 + i)
      expect(total.getCell(i + 3).value).toEqual({ formula: `SUM(${col}${firstDataRow}:${col}${last})`, result: EXPECTED.total[k] })
      // The formula's value, recomputed from the cells it sums.
      const sum = rows.reduce((a, r) => a + Number(r.getCell(i + 3).value), 0)
      expect(sum).toBe(EXPECTED.total[k])
    })
    // Identities note, then the signature block: place and date, người lập biểu / thủ trưởng đơn vị.
    const texts: string[] = []
    ws.eachRow((r) => r.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)))
    expect(texts).toContain('NGƯỜI LẬP BIỂU')
    expect(texts).toContain('THỦ TRƯỞNG ĐƠN VỊ')
    expect(texts).toContain('(Ký, ghi rõ họ tên)')
    expect(texts.some((x) => /^Quảng Trị, ngày \d{2} tháng \d{2} năm \d{4}$/.test(x))).toBe(true)
    expect(ws.pageSetup.orientation).toBe('landscape')
  })

  it('06a for a commune token: one row, its name as the reporting unit and place', async () => {
    const { res, ws } = await workbook(`/api/v1/reports/bieu06?from=${FROM}&to=${TO}&format=xlsx`, communeToken)
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="bieu-06a-${H}-${FROM}-${TO}.xlsx"`)
    expect(ws.getCell('A1').value).toBe('Biểu số 06a/VPCP/KSTT')
    expect(ws.getCell('A6').value).toBe('Đơn vị báo cáo: Phường Đồng Hới')
    const { firstDataRow } = BIEU06_XLSX
    expect(vals(ws.getRow(firstDataRow)).slice(1)).toEqual([1, 'Phường Đồng Hới', ...BIEU06_KEYS.map((k) => EXPECTED[H][k])])
    expect(ws.getCell(firstDataRow + 1, 3).value).toEqual({ formula: `SUM(C${firstDataRow}:C${firstDataRow})`, result: 9 })
    const texts: string[] = []
    ws.eachRow((r) => r.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)))
    expect(texts.some((x) => x.startsWith('Đồng Hới, ngày '))).toBe(true)
  })
})

const vals = (row: ExcelJS.Row) => row.values as ExcelJS.CellValue[]

function pick(r: Record<string, number>) {
  return Object.fromEntries(BIEU06_KEYS.map((k) => [k, r[k]]))
}
