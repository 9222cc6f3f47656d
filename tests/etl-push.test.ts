/**
 * The national portal's sync receiver (TTHC_SOURCE_KIND=dvcqg-push) on the real server: a provincial system
 * logs in with its dstcode and pushes dossiers and steps exactly as it does to the portal; the items are staged
 * durably without personal data, and the `dvcqg-push` job loads them through the one ETL path — exact counts
 * read / loaded / rejected, nothing changed by a repeated or out-of-order push, sessions, limits and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { auditLog, etlRejects, pushItems, sourceCodeMaps } from '../db/pg/schema/index.ts'
import { createPushSender, setPushSenderActive } from '../app/auth/push-senders.server.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { CITIZEN, DINH_DANH, portalDossier, portalStep } from './support/dvcqg-fixtures.ts'
import { startTestServer, type TestServer } from './support/http.ts'

const DAN_HOA = '18904'
const DONG_THUAN = '18859'
let app: TestServer
let password = ''
let senderId = 0
const job = findJob('dvcqg-push')!
const drain = () => runJob(app.stores, job, { trigger: 'test' })
const counts = (r: { read: number; loaded: number; rejected: Record<string, number> }) => ({
  read: r.read,
  loaded: r.loaded,
  rejected: r.rejected,
})

async function post(path: string, body: unknown, dstcode: string | null = 'H56.QT', raw = false) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (dstcode) headers.dstcode = dstcode
  const res = await fetch(`${app.url}/dvcqg${path}`, { method: 'POST', headers, body: raw ? (body as string) : JSON.stringify(body) })
  return {
    status: res.status,
    body: (await res.json()) as { error_code: number | string; message: string; session?: string },
    headers: res.headers,
  }
}
async function login(dstcode = 'H56.QT', pw = password) {
  return post('/auth', { username: 'motcua.quangtri', password: pw }, dstcode)
}
let session = ''
const call = (service: string, data: unknown, extra: Record<string, unknown> = {}) =>
  post('/integration', { session, madonvi: DONG_THUAN, service, data, ...extra })

const Row = z.object({
  dossier_id: z.string(),
  commune_code: z.string(),
  channel: z.coerce.number(),
  status: z.coerce.number(),
  received_at: z.string().nullable(),
  due_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  supplement_count: z.coerce.number(),
  fee_vnd: z.coerce.number(),
  paid_online: z.coerce.number(),
  e_result: z.boolean(),
  digitised: z.boolean(),
  data_reused: z.boolean(),
  vneid: z.boolean(),
  officer_id: z.string(),
  updated_at: z.string(),
})
async function finalRows() {
  const rs = await app.stores.ch.client.query({
    query: `SELECT dossier_id, commune_code, channel, status, toString(received_at) AS received_at, toString(due_at) AS due_at,
                   toString(finished_at) AS finished_at, supplement_count, fee_vnd, paid_online, e_result, digitised, data_reused, vneid,
                   officer_id, toString(updated_at) AS updated_at
            FROM dossiers FINAL ORDER BY dossier_id`,
    format: 'JSONEachRow',
  })
  return z.array(Row).parse(await rs.json())
}

const D1 = portalDossier({
  MaHoSo: 'HS-P1',
  DanhSachLePhi: [
    { MaPhiLePhi: 'LP1', TenPhiLePhi: 'Lệ phí', Gia: 10000, HinhThucThu: 1 },
    { MaPhiLePhi: 'LP2', TenPhiLePhi: 'Phí', Gia: 5000, HinhThucThu: 1 },
  ],
  DanhSachHoSoBoSung: [
    {
      HoSoBoSungId: 'b1',
      NguoiYeuCauBoSung: 'canbo.a',
      NoiDungBoSung: 'Thiếu giấy chứng sinh của Phạm Thị Công Dân',
      NgayBoSung: '20260302100000',
    },
  ],
  HoSoCoThanhPhanSoHoa: 1,
  TaiKhoanDuocXacThucVoiVNeID: 1,
  DuocThanhToanTrucTuyen: 1,
  DSKetNoiCSDL: [{ MaCSDL: 'CSDLQGVDC' }],
})
const D2 = portalDossier({
  MaHoSo: 'HS-P2',
  DonViXuLy: '',
  KenhThucHien: 2,
  TrangThaiHoSo: 9,
  NgayKetThucXuLy: '20260304100000',
  DanhSachGiayToKetQua: [{ MaThanhPhanHoSo: 'KQ1', TenGiayTo: 'Giấy khai sinh', GiayToId: 'g1', DuongDanTepTinKetQua: 'https://x/kq.pdf' }],
})
const batch = [
  D1,
  D2,
  portalDossier({ MaHoSo: 'HS-P3', TrangThaiHoSo: 11 }), // unmapped_status
  portalDossier({ MaHoSo: 'HS-P4', DonViXuLy: 'UBND xã Lạ' }), // unmapped_unit
  portalDossier({ MaHoSo: 'HS-P5', NgayTiepNhan: '20261345000000' }), // bad_date (month 13)
  portalDossier({ MaHoSo: '' }), // missing_id
]

beforeAll(async () => {
  app = await startTestServer({
    TTHC_SOURCE_KIND: 'dvcqg-push',
    DVCQG_PUSH_MAX_BODY_MB: '1',
    DVCQG_PUSH_RATE_PER_MIN: '60',
    LOG_LEVEL: 'warn',
  })
  const created = await createPushSender(
    app.stores,
    { dstcode: 'H56.QT', username: 'motcua.quangtri', label: 'Hệ thống một cửa tỉnh' },
    { actor: 'admin@test', ip: null },
  )
  password = created.password
  senderId = created.id
})
afterAll(async () => {
  await app?.close()
})

describe('push receiver: session', () => {
  it('refuses wrong credentials or a missing dstcode with error_code 1, audits the failure, and gives a session for the right ones', async () => {
    expect((await login('H56.QT', 'sai-mat-khau-roi')).body).toEqual({
      error_code: 1,
      message: expect.stringContaining('wrong credentials'),
    })
    expect((await post('/auth', { username: 'motcua.quangtri', password }, null)).body.error_code).toBe(1)
    expect((await login('H56.KHAC')).body.error_code).toBe(1)
    const failed = await app.stores.pg.db.select().from(auditLog).where(eq(auditLog.action, 'push.login_failed'))
    expect(failed.map((a) => a.target)).toEqual(['H56.QT', null, 'H56.KHAC'])
    const ok = await login()
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ error_code: 0, message: 'OK' })
    expect(ok.body.session).toMatch(/^[\w-]{43}$/)
    session = ok.body.session!
  })
})

describe('push receiver: dossiers and steps into the ETL', () => {
  it('stages a DongBoHoSoMC call before replying, with no personal data kept', async () => {
    const r = await call('DongBoHoSoMC', batch, { isUpdating: 'False' })
    expect(r).toMatchObject({ status: 200, body: { error_code: 0, message: 'Đã nhận 6 bản ghi / received 6 items' } })
    const staged = await app.stores.pg.db.select().from(pushItems).orderBy(asc(pushItems.id))
    expect(staged.map((i) => [i.service, i.dossierId, i.unit, i.loadedAt])).toEqual([
      ['DongBoHoSoMC', 'HS-P1', DONG_THUAN, null],
      ['DongBoHoSoMC', 'HS-P2', DONG_THUAN, null],
      ['DongBoHoSoMC', 'HS-P3', DONG_THUAN, null],
      ['DongBoHoSoMC', 'HS-P4', DONG_THUAN, null],
      ['DongBoHoSoMC', 'HS-P5', DONG_THUAN, null],
      ['DongBoHoSoMC', null, DONG_THUAN, null],
    ])
    expect(staged[0]!.version!.toISOString()).toBe('2026-03-02T01:05:00.000Z') // its latest date: NgayTiepNhan 08:05 in Vietnam
    const text = JSON.stringify(staged)
    for (const v of [...Object.values(CITIZEN), DINH_DANH[0]!.SoDinhDanh, 'CCCD_PhamThiCongDan', 'Giấy chứng sinh của', 'DuongDan'])
      expect(text).not.toContain(v)
    for (const k of ['ChuHoSo', 'SoGiayToChuHoSo', 'Email', 'SoDienThoai', 'DinhDanhCHS', 'TaiLieuNop', 'TrichYeuHoSo'])
      expect(text).not.toContain(`"${k}"`)
  })

  it('stages steps (CapNhatTienDoHoSoMC, chunks of 10 or fewer)', async () => {
    const r = await call('CapNhatTienDoHoSoMC', [
      portalStep({ MaHoSo: 'HS-P1' }),
      portalStep({ MaHoSo: 'HS-P1', NguoiXuLy: 'canbo.b', ThoiDiemXuLy: '20260303100000' }),
    ])
    expect(r.body).toMatchObject({ error_code: 0 })
    const steps = await app.stores.pg.db.select().from(pushItems).where(eq(pushItems.service, 'CapNhatTienDoHoSoMC'))
    expect(steps.map((s) => (s.item as Record<string, unknown>).NoiDungXuLy)).toEqual([undefined, undefined])
  })

  it('the dvcqg-push job loads them: 6 read, 2 loaded, 4 rejected with their reasons; the latest step gives the officer', async () => {
    const summary = await drain()
    expect(counts(summary)).toEqual({ read: 6, loaded: 2, rejected: { unmapped_status: 1, unmapped_unit: 1, bad_date: 1, missing_id: 1 } })
    expect(summary.source).toBe('dvcqg-push:push_items')
    expect(await finalRows()).toEqual([
      {
        dossier_id: 'HS-P1',
        commune_code: DAN_HOA,
        channel: 1,
        status: 2,
        received_at: '2026-03-02 08:05:00.000',
        due_at: '2026-03-05 17:00:00.000',
        finished_at: null,
        supplement_count: 1,
        fee_vnd: 15000,
        paid_online: 1,
        e_result: false,
        digitised: true,
        data_reused: true,
        vneid: true,
        officer_id: 'canbo.b',
        updated_at: '2026-03-02 08:05:00.000',
      },
      {
        dossier_id: 'HS-P2',
        commune_code: DONG_THUAN, // no DonViXuLy: the call's madonvi
        channel: 2,
        status: 9,
        received_at: '2026-03-02 08:05:00.000',
        due_at: '2026-03-05 17:00:00.000',
        finished_at: '2026-03-04 10:00:00.000',
        supplement_count: 0,
        fee_vnd: 0,
        paid_online: 0,
        e_result: true,
        digitised: false,
        data_reused: false,
        vneid: false,
        officer_id: '',
        updated_at: '2026-03-04 10:00:00.000',
      },
    ])
    const rejects = await app.stores.pg.db.select().from(etlRejects).orderBy(asc(etlRejects.recordId))
    expect(rejects.map((r) => [r.job, r.recordId, r.reason])).toEqual([
      ['dvcqg-push', 'HS-P3', 'unmapped_status'],
      ['dvcqg-push', 'HS-P4', 'unmapped_unit'],
      ['dvcqg-push', 'HS-P5', 'bad_date'],
      ['dvcqg-push', null, 'missing_id'],
    ])
    expect(rejects[0]!.detail).toBe('DVCQG TrangThaiHoSo "11" has no mapping: add it on Dữ liệu → Bảng mã nguồn')
    expect(rejects[2]!.detail).toBe('NgayTiepNhan: "20261345000000"')
    expect(JSON.stringify(rejects)).not.toContain(CITIZEN.ChuHoSo)
    expect(await app.stores.pg.db.$count(pushItems, isNull(pushItems.loadedAt))).toBe(0)
    const unmapped = await app.stores.pg.db
      .select()
      .from(sourceCodeMaps)
      .where(eq(sourceCodeMaps.updatedBy, 'etl'))
      .orderBy(asc(sourceCodeMaps.kind))
    expect(unmapped.map((u) => [u.system, u.kind, u.code, u.target, u.unmappedSeen])).toEqual([
      ['dvcqg', 'status', '11', null, 1],
      ['dvcqg', 'unit', 'UBND xã Lạ', null, 1],
    ])
  })

  it('a drain with nothing pending reads nothing', async () => {
    expect(counts(await drain())).toEqual({ read: 0, loaded: 0, rejected: {} })
  })

  it('a repeated push changes nothing', async () => {
    const before = await finalRows()
    expect((await call('DongBoHoSoMC', [D1, D2], { isUpdating: 'True' })).body.error_code).toBe(0)
    expect(counts(await drain())).toEqual({ read: 2, loaded: 2, rejected: {} })
    expect(await finalRows()).toEqual(before)
  })

  it('an older state pushed after a newer one changes nothing', async () => {
    const before = await finalRows()
    const older = { ...D2, TrangThaiHoSo: 4, NgayKetThucXuLy: '', DanhSachGiayToKetQua: [] }
    expect((await call('DongBoHoSoMC', [older], { isUpdating: 'True' })).body.error_code).toBe(0)
    // read: the older item, then HS-P2's newest state again (so it is the last version written)
    expect(counts(await drain())).toEqual({ read: 2, loaded: 2, rejected: {} })
    expect(await finalRows()).toEqual(before)
  })

  it('a step pushed alone changes the officer of the dossier’s newest state', async () => {
    expect(
      (await call('CapNhatTienDoHoSoMC', [portalStep({ MaHoSo: 'HS-P2', NguoiXuLy: 'canbo.c', ThoiDiemXuLy: '20260304110000' })])).body
        .error_code,
    ).toBe(0)
    expect(counts(await drain())).toEqual({ read: 1, loaded: 1, rejected: {} })
    expect((await finalRows()).find((r) => r.dossier_id === 'HS-P2')).toMatchObject({ status: 9, officer_id: 'canbo.c' })
  })
})

describe('push receiver: refusals and limits', () => {
  it('answers a bad session 2, an unsupported service 5, a bad body 4 — in the portal’s shape, HTTP 200', async () => {
    expect((await post('/integration', { session: 'x'.repeat(43), service: 'DongBoHoSoMC', data: [D1] })).body.error_code).toBe(2)
    expect((await post('/integration', { session, service: 'DongBoHoSoMC', data: [D1] }, 'H56.KHAC')).body.error_code).toBe(2) // another sender's dstcode
    expect((await call('TraCuuHoSo', [])).body.error_code).toBe(5)
    expect((await call('DongBoHoSoMC', { MaHoSo: 'x' })).body.error_code).toBe(4)
    expect((await call('DongBoHoSoMC', [])).body.error_code).toBe(4)
    const broken = await post('/integration', '{"session": "abc", ', 'H56.QT', true)
    expect({ status: broken.status, code: broken.body.error_code }).toEqual({ status: 200, code: 4 })
    expect(await app.stores.pg.db.$count(pushItems, isNull(pushItems.loadedAt))).toBe(0)
  })

  it('refuses a body over DVCQG_PUSH_MAX_BODY_MB with 413 and error_code 6, storing nothing', async () => {
    const big = await call('DongBoHoSoMC', [portalDossier({ MaHoSo: 'HS-BIG', TenTTHC: 'x'.repeat(1_100_000) })])
    expect({ status: big.status, code: big.body.error_code }).toEqual({ status: 413, code: 6 })
    expect(await app.stores.pg.db.$count(pushItems, eq(pushItems.dossierId, 'HS-BIG'))).toBe(0)
  })

  it('a deactivated sender’s session stops working, and it cannot log in', async () => {
    await setPushSenderActive(app.stores, senderId, false, { actor: 'admin@test', ip: null })
    expect((await call('DongBoHoSoMC', [D1])).body.error_code).toBe(2)
    expect((await login()).body.error_code).toBe(1)
    await setPushSenderActive(app.stores, senderId, true, { actor: 'admin@test', ip: null })
    session = (await login()).body.session!
    expect((await call('CapNhatTienDoHoSoMC', [portalStep({ MaHoSo: 'HS-P2', ThoiDiemXuLy: '20260304100000' })])).body.error_code).toBe(0)
  })

  it('rate-limits a sender past DVCQG_PUSH_RATE_PER_MIN calls a minute with 429 and Retry-After', async () => {
    const codes: number[] = []
    for (let i = 0; i < 61; i++) codes.push((await post('/integration', { session: 'none', service: 'x', data: [] }, 'H56.RATE')).status)
    expect(codes.filter((c) => c === 200)).toHaveLength(60)
    const last = await post('/integration', { session: 'none', service: 'x', data: [] }, 'H56.RATE')
    expect(last.status).toBe(429)
    expect(last.body.error_code).toBe(7)
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('blocks an address after 10 failed logins in 15 minutes', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await login('H56.QT', 'sai-mat-khau-' + i)).status)
    // 3 failures in the first test and 1 while the sender was deactivated: 6 more reach 10, then the address is refused
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429, 429])
    expect((await login()).status).toBe(429)
  })
})
