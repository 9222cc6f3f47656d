/** Per-record validation: times, units through the real lineage, spreadsheet headers, CSV streaming, each record kind. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readReference } from '../db/reference/load.ts'
import { csvRecords } from '../db/lib/csv-file.ts'
import { mapHeaders } from '../etl/source/headers.ts'
import { DOSSIER, headersOf } from '../etl/contract/index.ts'
import { storableRaw } from '../etl/validate/fields.ts'
import { chTime, isoVn, parseTime } from '../db/lib/vn-time.ts'
import { complaintKind } from '../etl/validate/complaint.ts'
import { dossierKind } from '../etl/validate/dossier.ts'
import { queueTicketKind } from '../etl/validate/queue-ticket.ts'
import { ratingKind } from '../etl/validate/rating.ts'
import { validateRecord } from '../etl/validate/record.ts'
import { MERGER_MS, UnitResolver } from '../etl/validate/units.ts'
import { tsvLine } from '../etl/load/insert.ts'

const DOSSIER_HEADERS = headersOf(DOSSIER)

const ref = readReference()
const resolverFor = (province: string) =>
  new UnitResolver(
    province,
    ref.communes.filter((c) => c.provinceCode === province).map((c) => c.code),
    ref.lineage.filter((l) => l.provinceCode === province).map((l) => ({ ...l, oldUnitCode: null })),
  )
const qt = resolverFor('44')
const before = Date.parse('2025-06-30T23:59:59+07:00')
const after = Date.parse('2025-07-01T00:00:00+07:00')

describe('times', () => {
  it('reads the contract ISO form, UTC, no offset (Vietnam wall time), dd/mm/yyyy, and rejects the rest', () => {
    const t = Date.parse('2026-03-02T01:05:00Z')
    expect(parseTime('2026-03-02T08:05:00+07:00')).toBe(t)
    expect(parseTime('2026-03-02T01:05:00Z')).toBe(t)
    expect(parseTime('2026-03-02T08:05:00.000+0700')).toBe(t)
    expect(parseTime('2026-03-02 08:05')).toBe(t)
    expect(parseTime('02/03/2026 08:05')).toBe(t)
    expect(parseTime('2/3/2026 8:05')).toBe(t)
    expect(parseTime('2026-03-02')).toBe(Date.parse('2026-03-01T17:00:00Z'))
    for (const bad of ['2026-02-30', '31/02/2026', '2026-13-01T00:00:00+07:00', 'hôm qua', '', 45000, null, true])
      expect(parseTime(bad)).toBeNull()
  })

  it('writes ClickHouse and contract times in Asia/Ho_Chi_Minh', () => {
    expect(chTime(Date.parse('2025-06-30T17:00:00Z'))).toBe('2025-07-01 00:00:00.000')
    expect(isoVn(MERGER_MS)).toBe('2025-07-01T00:00:00.000+07:00')
  })
})

describe('units (real lineage)', () => {
  it('maps codes, merged units (any tone placement or case), qualified names; refuses ambiguous ones', () => {
    expect(qt.resolve('18904', after, 'x')).toEqual({ ok: true, commune: '18904' })
    expect(qt.resolve('Xã Trọng Hóa', before, 'x')).toEqual({ ok: true, commune: '18904' })
    expect(qt.resolve('XÃ TRỌNG HOÁ', before, 'x')).toEqual({ ok: true, commune: '18904' })
    expect(qt.resolve('Xã Tân Thành (huyện Hướng Hóa)', before, 'x')).toEqual({ ok: true, commune: '19432' })
    expect(qt.resolve('Xã Tân Thành', before, 'x')).toEqual({ ok: true, commune: '18919' }) // the exact key wins
    expect(qt.resolve('Xã Hải Phú', before, 'x')).toMatchObject({ ok: false, reason: 'ambiguous_unit' })
    expect(qt.resolve('Xã Tân Thành (huyện Minh Hóa)', before, 'x')).toMatchObject({ ok: false, reason: 'ambiguous_unit' })
  })

  it('refuses pre-merger names from 1 July 2025 00:00 (+07:00), and codes of another province', () => {
    expect(qt.resolve('Xã Trọng Hóa', after, 'x')).toMatchObject({ ok: false, reason: 'unknown_unit' })
    expect(qt.resolve('00004', before, 'x')).toMatchObject({ ok: false, reason: 'unknown_unit' })
  })

  it('Hà Nội: a unit split over two wards, or moved in part, is rejected without a share', () => {
    const hn = resolverFor('01')
    expect(hn.resolve('Phường Quán Thánh', before, 'x')).toEqual({ ok: true, commune: '00004' })
    expect(hn.resolve('Phường Kim Mã', before, 'x')).toEqual({
      ok: false,
      reason: 'split_unit_without_share',
      detail: 'Phường Kim Mã was split into 00008, 00025 and no share is set',
    })
    expect(hn.resolve('Phường Cát Linh', before, 'x')).toMatchObject({ ok: false, reason: 'split_unit_without_share' })
  })

  it('with shares, records are spread by a stable hash of their id, close to the shares', () => {
    const r = new UnitResolver(
      '44',
      ['18859', '18871'],
      [
        { oldUnitKey: 'xã chia phần', oldUnitCode: null, newCommuneCode: '18859', partial: true, share: 0.25 },
        { oldUnitKey: 'xã chia phần', oldUnitCode: null, newCommuneCode: '18871', partial: true, share: 0.75 },
      ],
    )
    const counts: Record<string, number> = {}
    for (let i = 0; i < 4000; i++) {
      const got = r.resolve('Xã Chia Phần', before, `HS-${i}`)
      if (got.ok) counts[got.commune] = (counts[got.commune] ?? 0) + 1
    }
    expect(counts['18859']! + counts['18871']!).toBe(4000)
    expect(Math.abs(counts['18859']! / 4000 - 0.25)).toBeLessThan(0.03)
    expect(r.resolve('Xã Chia Phần', before, 'HS-7')).toEqual(r.resolve('Xã Chia Phần', before, 'HS-7'))
  })
})

describe('spreadsheet headers', () => {
  it('accepts contract names and Vietnamese titles with any case, tone placement or missing diacritics', () => {
    const fields = mapHeaders(
      ['MÃ HỒ SƠ', 'ma don vi', 'Ngày tiếp nhận', 'capnhatluc', 'Ghi chú', 'Phí, lệ phí', 'Đã số hoá'],
      DOSSIER_HEADERS,
      'MaHoSo',
    )
    expect(fields).toEqual(['MaHoSo', 'MaDonVi', 'NgayTiepNhan', 'CapNhatLuc', undefined, 'PhiLePhi', 'DaSoHoa'])
  })
  it('refuses two columns for one field, and a sheet without the id column', () => {
    expect(() => mapHeaders(['MaHoSo', 'Mã hồ sơ'], DOSSIER_HEADERS, 'MaHoSo')).toThrow(/both map to MaHoSo/)
    expect(() => mapHeaders(['Mã đơn vị'], DOSSIER_HEADERS, 'MaHoSo')).toThrow(/no MaHoSo column/)
  })
})

describe('streaming CSV', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-csv-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  const read = async (text: string | Buffer) => {
    const f = path.join(dir, `t${Math.random()}.csv`)
    fs.writeFileSync(f, text)
    const out: string[][] = []
    for await (const r of csvRecords(f)) out.push(r)
    return out
  }

  it('quotes, doubled quotes, commas and newlines inside quotes, CRLF, blank lines, BOM, ";"', async () => {
    expect(await read('\uFEFFa,b\r\n"x, ""y""","dòng 1\ndòng 2"\r\n\r\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'dòng 1\ndòng 2'],
      ['1', ''],
    ])
    expect(await read('a;b\n"1,5";2\n')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ])
  })

  it('a doubled quote and a multi-byte letter split across 1 MB read chunks', async () => {
    // 'h\n"' is 3 bytes: the pair "" sits at bytes 2^20-1 and 2^20
    const padQ = 'x'.repeat((1 << 20) - 4)
    expect((await read(`h\n"${padQ}""ở"\n`))[1]![0]).toBe(`${padQ}"ở`)
    // the 3 bytes of 'ở' at 2^20-1 … 2^20+1
    const padU = 'x'.repeat((1 << 20) - 4)
    expect((await read(`h\n"${padU}ở"\n`))[1]![0]).toBe(`${padU}ở`)
  })

  it('bytes that are not UTF-8 become U+FFFD (then rejected invalid_utf8)', async () => {
    const rows = await read(Buffer.concat([Buffer.from('a\nx'), Buffer.from([0xc3, 0x28]), Buffer.from('y\n')]))
    expect(rows[1]![0]).toBe('x\uFFFD(y')
  })
})

describe('ratings, complaints, queue tickets', () => {
  const ctx = { units: qt, synthetic: true }
  it('a rating → its row; a level outside 1–5 is bad_enum', () => {
    const raw = {
      MaDanhGia: 'DG-1',
      MaHoSo: 'HS-1',
      MaDonVi: '18904',
      MucDo: 5,
      ThoiGian: '2026-03-02T10:00:00+07:00',
      KenhDanhGia: 'tai_quay',
      CapNhatLuc: '2026-03-02T10:00:00+07:00',
    }
    expect(validateRecord(ratingKind, raw, ctx)).toEqual({
      ok: true,
      id: 'DG-1',
      updatedAt: Date.parse('2026-03-02T03:00:00Z'),
      row: ['DG-1', 'HS-1', '18904', 5, '2026-03-02 10:00:00.000', 'tai_quay', '2026-03-02 10:00:00.000', true],
    })
    expect(validateRecord(ratingKind, { ...raw, MucDo: 6 }, ctx)).toMatchObject({ ok: false, reason: 'bad_enum', detail: 'MucDo: 6' })
  })

  it('a complaint → its row; a deadline before reception is due_before_received; an unknown category is bad_enum', () => {
    const raw = {
      MaPAKN: 'PA-1',
      MaDonVi: 'Xã Dân Hóa',
      MaHoSo: null,
      PhanLoai: 'hanh_vi',
      NoiDung: 'yeu_cau_vneid',
      NgayTiepNhan: '2025-05-05T09:00:00+07:00',
      HanXuLy: '2025-05-26T17:00:00+07:00',
      NgayXuLy: null,
      HaiLong: null,
      CapNhatLuc: '2025-05-05T09:00:00+07:00',
    }
    expect(validateRecord(complaintKind, raw, ctx)).toMatchObject({
      ok: true,
      row: [
        'PA-1',
        '18904',
        null,
        'hanh_vi',
        'yeu_cau_vneid',
        '2025-05-05 09:00:00.000',
        '2025-05-26 17:00:00.000',
        null,
        null,
        '2025-05-05 09:00:00.000',
        true,
      ],
    })
    expect(validateRecord(complaintKind, { ...raw, HanXuLy: '2025-05-01T17:00:00+07:00' }, ctx)).toMatchObject({
      reason: 'due_before_received',
    })
    expect(validateRecord(complaintKind, { ...raw, NoiDung: 'khác' }, ctx)).toMatchObject({ reason: 'bad_enum' })
  })

  it('a queue ticket → its row; a missing id is missing_id; a lone surrogate is invalid_utf8', () => {
    const raw = {
      MaVe: 'V-001',
      MaDonVi: '19432',
      Quay: 'Quầy 2',
      LayVeLuc: '2026-03-02T07:45:00+07:00',
      GoiLuc: '2026-03-02T07:52:00+07:00',
      XongLuc: null,
      CapNhatLuc: '2026-03-02T07:52:00+07:00',
    }
    expect(validateRecord(queueTicketKind, raw, ctx)).toMatchObject({
      ok: true,
      row: ['V-001', '19432', 'Quầy 2', '2026-03-02 07:45:00.000', '2026-03-02 07:52:00.000', null, '2026-03-02 07:52:00.000', true],
    })
    expect(validateRecord(queueTicketKind, { ...raw, MaVe: '  ' }, ctx)).toMatchObject({ ok: false, reason: 'missing_id', id: null })
    expect(validateRecord(queueTicketKind, { ...raw, Quay: 'Quầy \udc00' }, ctx)).toMatchObject({ ok: false, reason: 'invalid_utf8' })
    expect(validateRecord(queueTicketKind, 'not an object', ctx)).toMatchObject({ ok: false, reason: 'bad_record' })
  })
})

describe('storage encodings', () => {
  it('TabSeparated escapes tabs, newlines and backslashes; null is \\N', () => {
    expect(tsvLine(['a\tb', 'c\nd\\', null, true, 1.5])).toBe('a\\tb\tc\\nd\\\\\t\\N\ttrue\t1.5\n')
  })
  it('a raw record with a lone surrogate or NUL becomes storable jsonb, the rest kept', () => {
    expect(storableRaw({ a: 'x\ud800y', b: 'n\u0000', c: 5 })).toEqual({ a: 'x\uFFFDy', b: 'n\uFFFD', c: 5 })
  })
})

describe('bounds (issue #17 item 5)', () => {
  const ctx = { units: qt, synthetic: false }
  const base = {
    MaHoSo: 'HS-1',
    MaDonVi: '18904',
    KenhThucHien: 1,
    TrangThaiHoSo: 2,
    NgayTiepNhan: '2026-03-02T08:05:00+07:00',
    CapNhatLuc: '2026-03-02T08:05:00+07:00',
  }
  it('a 1 MB procedure name, a 5 MB officer id, a 100 KB dossier id and a fee of 1e308 are rejected with their reason', () => {
    const reason = (over: Record<string, unknown>) => {
      const v = validateRecord(dossierKind, { ...base, ...over }, ctx)
      return v.ok ? 'ok' : v.reason
    }
    expect(reason({})).toBe('ok')
    expect(reason({ TenTTHC: 'x'.repeat(1 << 20) })).toBe('too_long')
    expect(reason({ CanBoXuLy: 'x'.repeat(5 << 20) })).toBe('too_long')
    expect(reason({ MaHoSo: 'x'.repeat(100 << 10) })).toBe('too_long')
    expect(reason({ PhiLePhi: 1e308 })).toBe('out_of_range')
    expect(reason({ PhiLePhi: '1e308' })).toBe('out_of_range')
    expect(reason({ PhiLePhi: 1e11 })).toBe('ok')
    // characters, not UTF-16 units: 100 astral letters (200 units) are within an id's 100
    expect(reason({ MaHoSo: '𝐇'.repeat(100) })).toBe('ok')
    expect(reason({ MaHoSo: '𝐇'.repeat(101) })).toBe('too_long')
    // the detail names the field and shows the start of the value, not all of it
    const v = validateRecord(dossierKind, { ...base, TenTTHC: 'x'.repeat(1 << 20) }, ctx)
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.detail.length).toBeLessThan(400)
  })
  it('ratings, complaints and queue tickets are bounded too', () => {
    const r = validateRecord(
      ratingKind,
      {
        MaDanhGia: 'D'.repeat(101),
        MaHoSo: 'HS-1',
        MaDonVi: '18904',
        MucDo: 5,
        ThoiGian: base.CapNhatLuc,
        KenhDanhGia: 'tai_quay',
        CapNhatLuc: base.CapNhatLuc,
      },
      ctx,
    )
    expect(r).toMatchObject({ ok: false, reason: 'too_long' })
    const q = validateRecord(
      queueTicketKind,
      { MaVe: 'V-1', MaDonVi: '18904', Quay: 'Q'.repeat(51), LayVeLuc: base.CapNhatLuc, CapNhatLuc: base.CapNhatLuc },
      ctx,
    )
    expect(q).toMatchObject({ ok: false, reason: 'too_long' })
  })
})

describe('times (issue #17 item 2)', () => {
  const base = {
    MaHoSo: 'HS-1',
    MaDonVi: '18904',
    KenhThucHien: 1,
    TrangThaiHoSo: 2,
    NgayTiepNhan: '2026-03-02T08:05:00+07:00',
    CapNhatLuc: '2026-03-02T08:05:00+07:00',
  }
  const now = Date.parse('2026-03-10T00:00:00+07:00')
  const ctx = { units: qt, synthetic: false, notAfterMs: now + 86_400_000 }
  const reason = (over: Record<string, unknown>) => {
    const v = validateRecord(dossierKind, { ...base, ...over }, ctx)
    return v.ok ? 'ok' : v.reason
  }
  it('before 2000 or after 2100 is date_out_of_range, whatever the field or the spelling', () => {
    expect(reason({ NgayNopHoSo: '0001-01-01T00:00:00+07:00' })).toBe('date_out_of_range')
    expect(reason({ NgayHenTra: '9999-12-31' })).toBe('date_out_of_range')
    expect(reason({ NgayTiepNhan: '31/12/1999 23:59' })).toBe('date_out_of_range')
    expect(reason({ NgayNopHoSo: '1999-12-31T16:59:59Z' })).toBe('date_out_of_range')
    expect(reason({ NgayNopHoSo: '1999-12-31T17:00:00Z' })).toBe('ok') // 2000-01-01 00:00 in Vietnam
    expect(reason({ NgayHenTra: '2100-12-31T23:59:59+07:00' })).toBe('ok')
    expect(reason({ NgayHenTra: '2101-01-01T00:00:00+07:00' })).toBe('date_out_of_range')
  })
  it('beyond now + the tolerance is future_date, except deadlines', () => {
    expect(reason({ CapNhatLuc: '2030-01-01T00:00:00+07:00' })).toBe('future_date')
    expect(reason({ CapNhatLuc: '2500-01-01T00:00:00+07:00' })).toBe('date_out_of_range')
    expect(reason({ CapNhatLuc: '2026-03-11T00:00:00+07:00' })).toBe('ok') // exactly now + 1 day
    expect(reason({ CapNhatLuc: '2026-03-11T00:00:00.001+07:00' })).toBe('future_date')
    expect(reason({ NgayTra: '2026-06-01T00:00:00+07:00' })).toBe('future_date')
    expect(reason({ NgayHenTra: '2030-06-01T17:00:00+07:00' })).toBe('ok') // a due date may lie ahead
    const complaint = {
      MaPAKN: 'PA-1',
      MaDonVi: '18904',
      PhanLoai: 'quy_dinh',
      NoiDung: 'khac',
      NgayTiepNhan: '2026-03-02T08:00:00+07:00',
      HanXuLy: '2026-12-31T17:00:00+07:00',
      CapNhatLuc: '2026-03-02T08:00:00+07:00',
    }
    expect(validateRecord(complaintKind, complaint, ctx).ok).toBe(true)
    expect(validateRecord(complaintKind, { ...complaint, NgayXuLy: '2027-01-01T00:00:00+07:00' }, ctx)).toMatchObject({
      ok: false,
      reason: 'future_date',
      detail: 'NgayXuLy: "2027-01-01T00:00:00+07:00"',
    })
  })
})
