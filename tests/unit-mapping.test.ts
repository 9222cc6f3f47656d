/**
 * Old units mapped by IT and the kept rejects run again (issue #18 item 4, ADR 035), over HTTP on the real server
 * (chDB + PGlite): records rejected `unknown_unit` are listed by unit with the lineage's suggestion; the mapping is
 * saved and audited; "Chạy lại các bản ghi bị từ chối" loads the mapped ones (one dossier counted once however many
 * versions were kept) and keeps the others rejected with their reason; the result is said in words. Exact counts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, asc, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, etlRejects, sourceCodeMaps } from '../db/pg/schema/index.ts'
import { DOSSIER } from '../etl/contract/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { listUnknownUnits, bareName } from '../app/dashboard/unit-mapping.server.ts'
import { DAN_HOA, dossier } from './support/etl-fixtures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

const MINH_HOA = '18901'
const FIELDS = DOSSIER.fields.map((f) => f.name)
let app: TestServer
let it_: HttpClient
let dir: string

const csv = (records: Record<string, unknown>[]) =>
  [FIELDS.join(','), ...records.map((r) => FIELDS.map((f) => (r[f] === null || r[f] === undefined ? '' : String(r[f]))).join(','))].join(
    '\n',
  ) + '\n'

const at = (d: string) => `2026-03-${d}T08:00:00+07:00`
// Seven rows: one loads, one is a bad channel, five come from units that are not communes of the province.
const RECORDS = [
  dossier({ MaHoSo: 'HS-U1', MaDonVi: 'UBND huyện Minh Hóa', CapNhatLuc: at('02') }),
  dossier({ MaHoSo: 'HS-U1', MaDonVi: 'UBND huyện Minh Hóa', TrangThaiHoSo: 4, CapNhatLuc: at('03') }), // a newer version
  dossier({ MaHoSo: 'HS-U2', MaDonVi: 'UBND huyện Minh Hóa', CapNhatLuc: at('02') }),
  dossier({ MaHoSo: 'HS-U3', MaDonVi: 'Xã Trọng Hóa', CapNhatLuc: at('02') }), // pre-merger name after the merger
  dossier({ MaHoSo: 'HS-U4', MaDonVi: 'Văn phòng lạ', CapNhatLuc: at('02') }),
  dossier({ MaHoSo: 'HS-U5', CapNhatLuc: at('02') }),
  dossier({ MaHoSo: 'HS-U6', KenhThucHien: 9, CapNhatLuc: at('02') }),
]

async function chRows(): Promise<{ id: string; commune: string; status: number }[]> {
  const r = await app.stores.ch.client.query({
    query: 'SELECT dossier_id AS id, commune_code AS commune, toUInt8(status) AS status FROM dossiers FINAL ORDER BY id',
    format: 'JSONEachRow',
  })
  return ((await r.json()) as { id: string; commune: string; status: number }[]).map((x) => ({ ...x, status: Number(x.status) }))
}

const rejectsBy = async () => {
  const rows = await app.stores.pg.db.select({ job: etlRejects.job, reason: etlRejects.reason, id: etlRejects.recordId }).from(etlRejects)
  return rows.map((r) => `${r.job}/${r.reason}/${r.id}`).sort()
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-units-'))
  app = await startTestServer({ LOG_LEVEL: 'warn' })
  it_ = await app.signIn(['it'])
  const file = path.join(dir, 'don-vi-cu.csv')
  fs.writeFileSync(file, csv(RECORDS))
  const s = await runJob(app.stores, findJob('dossiers')!, { trigger: 'test', source: { file } })
  expect({ read: s.read, loaded: s.loaded, rejected: s.rejected }).toEqual({
    read: 7,
    loaded: 1,
    rejected: { unknown_unit: 5, bad_enum: 1 },
  })
})
afterAll(async () => {
  await app?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('old units: listed with a suggestion, mapped, and their rejects run again', () => {
  it('a district name loses its prefix; the new commune named after it is the suggestion', () => {
    expect(bareName('UBND huyện Minh Hoá')).toBe('minh hóa')
    expect(bareName('Bộ phận một cửa thị xã Ba Đồn')).toBe('ba đồn')
  })

  it('lists each unit with its records, distinct dossiers and the suggestion', async () => {
    const units = await listUnknownUnits(app.stores)
    expect(units.map((u) => [u.unit, u.records, u.dossiers, u.target, u.suggestion]).sort()).toEqual(
      [
        ['UBND huyện Minh Hóa', 3, 2, null, { code: MINH_HOA, why: 'name' }],
        ['Văn phòng lạ', 1, 1, null, null],
        ['Xã Trọng Hóa', 1, 1, null, { code: DAN_HOA, why: 'lineage' }],
      ].sort(),
    )
    const html = (await (await it_.get('/data')).text()).replaceAll('<!-- -->', '')
    expect(html).toContain('data-testid="units-table"')
    expect(html).toContain('Xã Minh Hóa (xã mới mang tên đơn vị cũ)')
    expect(html).toContain('Xã Dân Hóa (theo danh mục sáp nhập (NQ 1680))')
  })

  it('a run again before any mapping loads nothing and keeps every reject once', async () => {
    const before = await rejectsBy()
    const res = await it_.post('/data', { intent: 'rejects.rerun' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Đã chạy lại 5 bản ghi bị từ chối: nạp 0 hồ sơ (0 bản ghi); 5 bản ghi vẫn bị từ chối.')
    expect(await rejectsBy()).toEqual(before)
    expect((await chRows()).map((r) => r.id)).toEqual(['HS-U5'])
  })

  it('a commune of another province is refused, nothing saved', async () => {
    const res = await it_.post('/data', { intent: 'units.save', 'unit.0': 'Văn phòng lạ', 'target.0': '00004' })
    expect(await res.text()).toContain('Xã không thuộc tỉnh')
    expect(await app.stores.pg.db.select().from(sourceCodeMaps).where(eq(sourceCodeMaps.system, 'contract'))).toEqual([])
  })

  it('maps two units and runs again: 4 records of 3 dossiers load, the unmapped one stays rejected; audited', async () => {
    const res = await it_.post('/data', {
      intent: 'rejects.rerun',
      'unit.0': 'UBND huyện Minh Hóa',
      'target.0': MINH_HOA,
      'unit.1': 'Văn phòng lạ',
      'target.1': '',
      'unit.2': 'Xã Trọng Hóa',
      'target.2': DAN_HOA,
    })
    const html = await res.text()
    expect(html).toContain('Đã chạy lại 5 bản ghi bị từ chối: nạp 3 hồ sơ (4 bản ghi); 1 bản ghi vẫn bị từ chối.')
    expect(html.replaceAll('<!-- -->', '')).toContain('Đơn vị không phải xã của tỉnh: 1')
    expect(await chRows()).toEqual([
      { id: 'HS-U1', commune: MINH_HOA, status: 4 },
      { id: 'HS-U2', commune: MINH_HOA, status: 2 },
      { id: 'HS-U3', commune: DAN_HOA, status: 2 },
      { id: 'HS-U5', commune: DAN_HOA, status: 2 },
    ])
    expect(await rejectsBy()).toEqual(['dossiers/bad_enum/HS-U6', 'dossiers/unknown_unit/HS-U4'])
    const maps = await app.stores.pg.db
      .select({ code: sourceCodeMaps.code, target: sourceCodeMaps.target, by: sourceCodeMaps.updatedBy })
      .from(sourceCodeMaps)
      .where(and(eq(sourceCodeMaps.system, 'contract'), eq(sourceCodeMaps.kind, 'unit')))
      .orderBy(asc(sourceCodeMaps.code))
    expect(maps).toEqual([
      { code: 'UBND huyện Minh Hóa', target: MINH_HOA, by: it_.email },
      { code: 'Xã Trọng Hóa', target: DAN_HOA, by: it_.email },
    ])
    const audits = await app.stores.pg.db
      .select({ action: auditLog.action, target: auditLog.target, actor: auditLog.actor })
      .from(auditLog)
      .where(like(auditLog.action, '%.%'))
      .orderBy(asc(auditLog.id))
    const mine = audits.filter((a) => a.actor === it_.email && a.action !== 'auth.sign_in').map((a) => `${a.action} ${a.target}`)
    expect(mine).toEqual([
      'rejects.rerun dossiers/unknown_unit',
      'source_code.save contract/unit/UBND huyện Minh Hóa',
      'source_code.save contract/unit/Xã Trọng Hóa',
      'rejects.rerun dossiers/unknown_unit',
    ])
    // The listed units: only the one still rejected.
    expect((await listUnknownUnits(app.stores)).map((u) => [u.unit, u.records])).toEqual([['Văn phòng lạ', 1]])
  })

  it('a mapped unit loads in the next import straight away; running again changes nothing', async () => {
    const file = path.join(dir, 'lan-hai.csv')
    fs.writeFileSync(file, csv([dossier({ MaHoSo: 'HS-U7', MaDonVi: 'UBND huyện Minh Hóa', CapNhatLuc: at('04') })]))
    const s = await runJob(app.stores, findJob('dossiers')!, { trigger: 'test', source: { file } })
    expect({ loaded: s.loaded, rejected: s.rejected }).toEqual({ loaded: 1, rejected: {} })
    const res = await it_.post('/data', { intent: 'rejects.rerun' })
    expect(await res.text()).toContain('Đã chạy lại 1 bản ghi bị từ chối: nạp 0 hồ sơ (0 bản ghi); 1 bản ghi vẫn bị từ chối.')
    expect((await chRows()).map((r) => r.id)).toEqual(['HS-U1', 'HS-U2', 'HS-U3', 'HS-U5', 'HS-U7'])
    expect(await rejectsBy()).toEqual(['dossiers/bad_enum/HS-U6', 'dossiers/unknown_unit/HS-U4'])
  })
})
