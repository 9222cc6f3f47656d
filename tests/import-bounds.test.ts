/**
 * The file import with hostile or careless files (issue #17 item 7, issue #18 item 4, ADR 030): a missing
 * required column is named before any row is read; a file over IMPORT_MAX_ROWS is refused before any row is
 * loaded; only IMPORT_MAX_REJECTS_KEPT rejects are kept per file (the rest counted); an XLSX whose shared strings
 * pass IMPORT_MAX_SHARED_STRINGS is refused while reading. Real chDB + PGlite, hand-written files, exact counts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { etlRejects, etlRuns } from '../db/pg/schema/index.ts'
import { DOSSIER } from '../etl/contract/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { readFilePages } from '../etl/source/file.ts'
import { manyRows } from './support/hostile-xlsx.ts'
import { DAN_HOA, dossier } from './support/etl-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const FIELDS = DOSSIER.fields.map((f) => f.name)
const job = findJob('dossiers')!
let s: TestStores
let dir: string

const csv = (records: Record<string, unknown>[], fields = FIELDS) =>
  [fields.join(','), ...records.map((r) => fields.map((f) => (r[f] === null || r[f] === undefined ? '' : String(r[f]))).join(','))].join(
    '\n',
  ) + '\n'

function write(name: string, text: string): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

async function dossierCount(): Promise<number> {
  const r = await s.ch.client.query({ query: 'SELECT count() AS n FROM dossiers FINAL', format: 'JSONEachRow' })
  return Number(((await r.json()) as { n: string }[])[0]!.n)
}

async function lastRun() {
  const all = await s.pg.db.select().from(etlRuns).where(eq(etlRuns.job, 'dossiers'))
  return all.sort((a, b) => b.id - a.id)[0]
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-import-bounds-'))
  s = await openTestStores({ LOG_LEVEL: 'warn', IMPORT_MAX_ROWS: '10', IMPORT_MAX_REJECTS_KEPT: '3', IMPORT_MAX_SHARED_STRINGS: '500' })
})
afterAll(async () => {
  await s?.dispose()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('a careless file is refused whole, naming why, with nothing loaded', () => {
  it('a missing required column (Mã đơn vị) is named; no row is read, nothing is rejected', async () => {
    const file = write(
      'thieu-cot.csv',
      csv(
        [dossier({ MaHoSo: 'HS-M1' }), dossier({ MaHoSo: 'HS-M2' })],
        FIELDS.filter((f) => f !== 'MaDonVi'),
      ),
    )
    await expect(runJob(s, job, { trigger: 'test', source: { file } })).rejects.toThrow(/Thiếu cột bắt buộc "Mã đơn vị" \(MaDonVi\)/)
    const run = await lastRun()
    expect({ status: run!.status, read: run!.read, loaded: run!.loaded, rejected: run!.rejected }).toEqual({
      status: 'failed',
      read: 0,
      loaded: 0,
      rejected: {},
    })
    expect(await s.pg.db.select().from(etlRejects).where(eq(etlRejects.runId, run!.id))).toHaveLength(0)
  })

  it('11 data rows with IMPORT_MAX_ROWS=10: refused before any row is loaded', async () => {
    const recs = Array.from({ length: 11 }, (_, i) => dossier({ MaHoSo: `HS-R${i}` }))
    const file = write('qua-dai.csv', csv(recs))
    await expect(runJob(s, job, { trigger: 'test', source: { file } })).rejects.toThrow(/hơn 10 dòng dữ liệu/)
    expect(await dossierCount()).toBe(0)
    // 10 rows pass
    const ok = await runJob(s, job, { trigger: 'test', source: { file: write('vua-du.csv', csv(recs.slice(0, 10))) } })
    expect({ read: ok.read, loaded: ok.loaded }).toEqual({ read: 10, loaded: 10 })
    expect(await dossierCount()).toBe(10)
  })
})

describe('rejects kept per file are capped, then counted', () => {
  it('8 rows, 5 bad, IMPORT_MAX_REJECTS_KEPT=3: 3 kept with their records, 2 counted', async () => {
    const recs = [
      dossier({ MaHoSo: 'HS-K1' }),
      dossier({ MaHoSo: 'HS-K2', KenhThucHien: 7 }),
      dossier({ MaHoSo: 'HS-K3', MaDonVi: 'Huyện Cũ' }),
      dossier({ MaHoSo: 'HS-K4' }),
      dossier({ MaHoSo: 'HS-K5', TrangThaiHoSo: 12 }),
      dossier({ MaHoSo: 'HS-K6', NgayTiepNhan: 'không rõ' }),
      dossier({ MaHoSo: 'HS-K7', KenhThucHien: 9 }),
      dossier({ MaHoSo: 'HS-K8', MaDonVi: DAN_HOA }),
    ]
    const summary = await runJob(s, job, { trigger: 'test', source: { file: write('tam-dong.csv', csv(recs)) } })
    expect({ read: summary.read, loaded: summary.loaded, rejected: summary.rejected, notKept: summary.rejectsNotKept }).toEqual({
      read: 8,
      loaded: 3,
      rejected: { bad_enum: 2, unknown_unit: 1, bad_status: 1, bad_date: 1 },
      notKept: 2,
    })
    const run = await lastRun()
    const kept = await s.pg.db.select().from(etlRejects).where(eq(etlRejects.runId, run!.id))
    expect(kept.map((r) => r.recordId).sort()).toEqual(['HS-K2', 'HS-K3', 'HS-K5'])
  })
})

describe('XLSX shared strings are read with a bound', () => {
  async function workbook(name: string, distinct: number): Promise<string> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Hồ sơ')
    ws.addRow(['Mã hồ sơ', 'Mã đơn vị', 'Tên thủ tục', 'Kênh thực hiện', 'Trạng thái hồ sơ', 'Cập nhật lúc'])
    for (let i = 0; i < distinct; i++) ws.addRow([`HS-S${i}`, DAN_HOA, `Thủ tục số ${i}`, 1, 2, new Date(Date.UTC(2026, 2, 2, 8, 0))])
    const file = path.join(dir, name)
    await wb.xlsx.writeFile(file, { useSharedStrings: true } as never)
    return file
  }

  it('2 × 300 distinct texts (> 500 shared strings): refused while reading, nothing loaded', async () => {
    await s.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
    const file = await workbook('nhieu-chuoi.xlsx', 300)
    await expect(runJob(s, job, { trigger: 'test', source: { file } })).rejects.toThrow(
      /quá nhiều chuỗi văn bản khác nhau \(giới hạn 500 chuỗi/,
    )
    expect(await dossierCount()).toBe(0)
  })

  it('2 × 10 distinct texts: 10 rows loaded', async () => {
    const file = await workbook('it-chuoi.xlsx', 10)
    const summary = await runJob(s, job, { trigger: 'test', source: { file } })
    expect({ read: summary.read, loaded: summary.loaded, rejected: summary.rejected }).toEqual({ read: 10, loaded: 10, rejected: {} })
  })
})

describe('XLSX text is decoded whole characters at a time', () => {
  it('100,000 rows of "Huyện Cũ": every row reads back "Huyện Cũ" (exceljs alone turned 11 into U+FFFD at chunk edges)', async () => {
    const file = path.join(dir, 'utf8.xlsx')
    await manyRows(file, 100_000, 'Huyện Cũ')
    let n = 0
    let bad = 0
    for await (const p of readFilePages(file, { contract: DOSSIER }))
      for (const r of p.items as Record<string, unknown>[]) {
        n++
        if (r.MaDonVi !== 'Huyện Cũ') bad++
      }
    expect({ n, bad }).toEqual({ n: 100_000, bad: 0 })
  }, 120_000)
})
