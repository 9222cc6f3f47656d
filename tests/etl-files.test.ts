/**
 * File import: the same records from the API, from an .xlsx (Vietnamese headers, real Excel dates, numbers
 * and booleans; written with exceljs) and from CSVs (contract headers with ',' / Vietnamese headers with ';'
 * and dd/mm/yyyy dates) give the same summary and the same rows.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { DOSSIER, headersOf } from '../etl/contract/index.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { DAN_HOA, DONG_SON, LAO_BAO, addSplitLineage, dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const DOSSIER_HEADERS = headersOf(DOSSIER)

/** Times without seconds so a dd/mm/yyyy HH:MM spreadsheet can say the same thing. */
const RECORDS: Record<string, unknown>[] = [
  dossier({ MaHoSo: 'HS-X1', TenTTHC: 'Đăng ký kết hôn', CapNhatLuc: '2026-03-02T08:05:00+07:00' }),
  dossier({
    MaHoSo: 'HS-X1',
    TrangThaiHoSo: 10,
    NgayKetThucXuLy: '2026-03-03T10:30:00+07:00',
    NgayTra: '2026-03-03T14:00:00+07:00',
    CoKetQuaDienTu: true,
    CapNhatLuc: '2026-03-03T14:00:00+07:00',
  }),
  dossier({
    MaHoSo: 'HS-X2',
    MaDonVi: DONG_SON,
    KenhThucHien: 2,
    MucDo: 'mot_phan',
    PhiLePhi: 15000,
    DuocThanhToanTrucTuyen: 2,
    SoLanBoSung: 2,
    SoGioChoBoSung: 12.5,
    CapNhatLuc: '2026-03-02T09:10:00+07:00',
  }),
  dossier({
    MaHoSo: 'HS-X2',
    MaDonVi: DONG_SON,
    KenhThucHien: 2,
    MucDo: 'mot_phan',
    PhiLePhi: 15000,
    DuocThanhToanTrucTuyen: 2,
    SoLanBoSung: 2,
    SoGioChoBoSung: 12.5,
    CapNhatLuc: '2026-03-02T09:10:00+07:00',
  }),
  dossier({
    MaHoSo: 'HS-X3',
    MaDonVi: 'Thị trấn Lao Bảo',
    NgayNopHoSo: '2025-06-30T16:30:00+07:00',
    NgayTiepNhan: '2025-06-30T16:30:00+07:00',
    NgayHenTra: '2025-07-03T17:00:00+07:00',
    CapNhatLuc: '2025-06-30T16:30:00+07:00',
  }),
  dossier({
    MaHoSo: 'HS-X4',
    MaDonVi: 'Xã Tách Đôi',
    NgayNopHoSo: '2025-03-04T08:00:00+07:00',
    NgayTiepNhan: '2025-03-04T08:00:00+07:00',
    CapNhatLuc: '2025-03-04T08:00:00+07:00',
  }),
  dossier({ MaHoSo: 'HS-X5', NgayTiepNhan: 'không rõ', CapNhatLuc: '2026-03-02T10:00:00+07:00' }),
  dossier({ MaHoSo: 'HS-X6', TrangThaiHoSo: 12, CapNhatLuc: '2026-03-02T10:01:00+07:00' }),
  dossier({ MaHoSo: 'HS-X7', TenTTHC: 'Chứng thực \uFFFD chữ ký', CapNhatLuc: '2026-03-02T10:02:00+07:00' }),
  dossier({ MaHoSo: 'HS-X8', NgayHenTra: '2026-03-01T17:00:00+07:00', CapNhatLuc: '2026-03-02T10:03:00+07:00' }),
]
const EXPECT = {
  read: 10,
  loaded: 5,
  rejected: { split_unit_without_share: 1, bad_date: 1, bad_status: 1, invalid_utf8: 1, due_before_received: 1 },
}
const FIELDS = DOSSIER.fields.map((f) => f.name)
const DATE = /^Ngay|Luc$/

/** "2026-03-02T08:05:00+07:00" → the wall time as Excel stores it (a Date whose UTC fields are the wall time). */
const excelDate = (iso: string) => new Date(`${iso.slice(0, 19)}Z`)
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`
const csvCell = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

let dir: string
let src: SourceServer
let s: TestStores
const job = findJob('dossiers')!

async function rows() {
  const rs = await s.ch.client.query({
    query: 'SELECT * EXCEPT (loaded_at) FROM dossiers FINAL ORDER BY dossier_id',
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  })
  return rs.json()
}
async function importFile(file: string) {
  await s.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
  const summary = await runJob(s, job, { trigger: 'test', source: { file } })
  return { summary: { read: summary.read, loaded: summary.loaded, rejected: summary.rejected }, rows: await rows() }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-etl-files-'))
  src = await startSourceServer()
  src.set('dossiers', RECORDS)
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'warn' })
  await addSplitLineage(s)
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('Excel and CSV imports give the same result as the API', () => {
  let api: { summary: unknown; rows: unknown }

  it('API: 10 records → 5 versions of 3 dossiers loaded, 5 rejected', async () => {
    const summary = await runJob(s, job, { trigger: 'test' })
    api = { summary: { read: summary.read, loaded: summary.loaded, rejected: summary.rejected }, rows: await rows() }
    expect(api.summary).toEqual(EXPECT)
    const byId = new Map(
      (api.rows as { dossier_id: string; commune_code: string; supplement_hours: number }[]).map((r) => [r.dossier_id, r]),
    )
    expect([...byId.keys()]).toEqual(['HS-X1', 'HS-X2', 'HS-X3'])
    expect(byId.get('HS-X3')!.commune_code).toBe(LAO_BAO)
    expect(byId.get('HS-X1')!.commune_code).toBe(DAN_HOA)
    expect(byId.get('HS-X2')!.supplement_hours).toBe(12.5)
  })

  it('.xlsx with Vietnamese headers, Excel dates, numbers and booleans', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Hồ sơ')
    ws.addRow(FIELDS.map((f) => DOSSIER_HEADERS[f]![0]))
    for (const r of RECORDS) {
      const row = ws.addRow(
        FIELDS.map((f) => {
          const v = r[f]
          if (v === null || v === undefined) return null
          if (DATE.test(f) && typeof v === 'string' && /^\d{4}-/.test(v)) return excelDate(v)
          return v as ExcelJS.CellValue
        }),
      )
      row.eachCell((c) => {
        if (c.value instanceof Date) c.numFmt = 'dd/mm/yyyy hh:mm'
      })
    }
    const file = path.join(dir, 'ho-so.xlsx')
    await wb.xlsx.writeFile(file)
    const wmBefore = await getWatermark(s.pg.db, 'dossiers')
    const got = await importFile(file)
    expect(got.summary).toEqual(api.summary)
    expect(got.rows).toEqual(api.rows)
    expect(await getWatermark(s.pg.db, 'dossiers')).toEqual(wmBefore) // a file does not move the API's watermark
  })

  it('.csv with contract headers, ISO times, true/false', async () => {
    const lines = [FIELDS.join(',')]
    for (const r of RECORDS) lines.push(FIELDS.map((f) => csvCell(r[f] === null || r[f] === undefined ? '' : String(r[f]))).join(','))
    const file = path.join(dir, 'ho-so.csv')
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n')
    const got = await importFile(file)
    expect(got.summary).toEqual(api.summary)
    expect(got.rows).toEqual(api.rows)
  })

  it('.csv from Vietnamese Excel: BOM, ";" separator, Vietnamese headers, dd/mm/yyyy HH:MM, có/không, 12,5', async () => {
    const lines = [
      FIELDS.map((f) => DOSSIER_HEADERS[f]![0])
        .map(csvCell)
        .join(';'),
    ]
    for (const r of RECORDS)
      lines.push(
        FIELDS.map((f) => {
          const v = r[f]
          if (v === null || v === undefined) return ''
          if (typeof v === 'boolean') return v ? 'có' : 'không'
          if (typeof v === 'number' && !Number.isInteger(v)) return csvCell(String(v).replace('.', ','))
          if (DATE.test(f) && typeof v === 'string' && /^\d{4}-/.test(v)) return vnDate(v)
          return csvCell(String(v))
        }).join(';'),
      )
    const file = path.join(dir, 'ho-so-vn.csv')
    fs.writeFileSync(file, '\uFEFF' + lines.join('\n'))
    const got = await importFile(file)
    expect(got.summary).toEqual(api.summary)
    expect(got.rows).toEqual(api.rows)
  })

  it('--from/--to apply to a file by CapNhatLuc (a file has no updated_since)', async () => {
    await s.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
    const file = path.join(dir, 'ho-so.csv')
    const summary = await runJob(s, job, {
      trigger: 'test',
      source: { file },
      window: { from: new Date('2026-03-02T09:00:00+07:00'), to: new Date('2026-03-03T00:00:00+07:00') },
    })
    // HS-X2 twice (09:10) and HS-X5…X8 (10:00–10:03); not HS-X1 (08:05, then 03-03 14:00) nor the 2025 records
    expect({ read: summary.read, loaded: summary.loaded }).toEqual({ read: 6, loaded: 2 })
  })

  it('a file without an id column is refused with a message naming it', async () => {
    const file = path.join(dir, 'sai.csv')
    fs.writeFileSync(file, 'Tên thủ tục,Mã đơn vị\nKhai sinh,18904\n')
    await expect(runJob(s, job, { trigger: 'test', source: { file } })).rejects.toThrow(/"Mã hồ sơ" \(MaHoSo\)/)
  })
})
