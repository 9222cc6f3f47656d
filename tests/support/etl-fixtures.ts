/**
 * Hand-written source records for the ETL tests (Quảng Trị, province 44): valid dossiers, duplicates, one
 * record per reject reason, and pre-merger records (merged units mapped through the lineage; a split unit).
 * Expected numbers are written next to the records so every test asserts exact counts.
 */
import { sql } from 'drizzle-orm'
import type { Stores } from '../../db/stores.ts'

export const DAN_HOA = '18904'
export const DONG_THUAN = '18859'
export const DONG_SON = '18871'
export const TAN_THANH = '18919'
export const LAO_BAO = '19432'

export function dossier(over: Record<string, unknown>): Record<string, unknown> {
  return {
    MaHoSo: 'HS-0000',
    MaDonVi: DAN_HOA,
    MaTTHC: '1.001193',
    TenTTHC: 'Đăng ký khai sinh',
    MaLinhVuc: 'ho_tich',
    TenLinhVuc: 'Hộ tịch',
    KenhThucHien: 1,
    MucDo: null,
    TrangThaiHoSo: 2,
    NgayNopHoSo: '2026-03-02T08:00:00+07:00',
    NgayTiepNhan: '2026-03-02T08:05:00+07:00',
    NgayHenTra: '2026-03-05T17:00:00+07:00',
    NgayKetThucXuLy: null,
    NgayTra: null,
    SoLanBoSung: 0,
    SoGioChoBoSung: 0,
    PhiLePhi: 0,
    DuocThanhToanTrucTuyen: 0,
    CoKetQuaDienTu: false,
    DaSoHoa: true,
    TaiSuDungDuLieu: false,
    DungDuLieuDanCu: true,
    XacThucVNeID: false,
    CanBoXuLy: 'CB-18904-01',
    CapNhatLuc: '2026-03-02T08:05:00+07:00',
    ...over,
  }
}

/** A pre-merger dossier of `unit`, received on `day` (2025). */
const old = (id: string, unit: string, received: string, over: Record<string, unknown> = {}) =>
  dossier({
    MaHoSo: id,
    MaDonVi: unit,
    NgayNopHoSo: received,
    NgayTiepNhan: received,
    NgayHenTra: '2025-07-20T17:00:00+07:00',
    CapNhatLuc: received,
    ...over,
  })

export const VALID = [
  dossier({ MaHoSo: 'HS-0001' }),
  dossier({ MaHoSo: 'HS-0001', TrangThaiHoSo: 9, NgayKetThucXuLy: '2026-03-04T10:00:00+07:00', CapNhatLuc: '2026-03-04T10:00:00+07:00' }),
  dossier({ MaHoSo: 'HS-0002', MaDonVi: DONG_THUAN, CapNhatLuc: '2026-03-02T09:00:00+07:00' }),
  // the same record delivered twice
  dossier({ MaHoSo: 'HS-0002', MaDonVi: DONG_THUAN, CapNhatLuc: '2026-03-02T09:00:00+07:00' }),
  // text in decomposed form (NFD) must be stored NFC
  dossier({
    MaHoSo: 'HS-0003',
    MaDonVi: DONG_SON,
    MaTTHC: '2.000815',
    TenTTHC: 'Chứng thực bản sao từ bản chính'.normalize('NFD'),
    MaLinhVuc: 'chung_thuc',
    TenLinhVuc: 'Chứng thực',
    KenhThucHien: 2,
    MucDo: 'toan_trinh',
    TrangThaiHoSo: 10,
    NgayKetThucXuLy: '2026-03-05T11:00:00+07:00',
    NgayTra: '2026-03-05T15:00:00+07:00',
    PhiLePhi: 10000,
    DuocThanhToanTrucTuyen: 1,
    CoKetQuaDienTu: true,
    CapNhatLuc: '2026-03-05T15:00:00+07:00',
  }),
]

export const PRE_MERGER = [
  old('HS-2025-0101', 'Xã Trọng Hóa', '2025-05-12T09:00:00+07:00'), // → Dân Hoá
  old('HS-2025-0102', 'Thị trấn Lao Bảo', '2025-06-30T16:30:00+07:00'), // the last afternoon before the merger → Lao Bảo
  old('HS-2025-0103', 'xã tân thành (huyện hướng hoá)', '2025-04-01T08:00:00+07:00'), // lower case, old tone placement → Lao Bảo
  old('HS-2025-0104', 'Xã Trọng Hóa (huyện Minh Hóa)', '2025-04-02T08:00:00+07:00'), // qualified, lineage unqualified → Dân Hoá
  old('HS-2025-0105', TAN_THANH, '2025-04-03T08:00:00+07:00'), // a commune code before the merger
  old('HS-2025-0201', 'Xã Chia Phần', '2025-04-04T08:00:00+07:00'), // split with shares 0.25 / 0.75
]

export const REJECTS = [
  dossier({ MaHoSo: '', CapNhatLuc: '2026-03-03T08:00:00+07:00' }), // missing_id
  dossier({ MaHoSo: 'HS-R02', TenTTHC: 'Đăng ký __RAW_BYTES__ kết hôn', CapNhatLuc: '2026-03-03T08:01:00+07:00' }), // invalid_utf8 (bytes C3 28)
  dossier({ MaHoSo: 'HS-R03', NgayTiepNhan: 45000, CapNhatLuc: '2026-03-03T08:02:00+07:00' }), // bad_date
  dossier({ MaHoSo: 'HS-R04', PhiLePhi: 'mười nghìn', CapNhatLuc: '2026-03-03T08:03:00+07:00' }), // bad_number
  dossier({ MaHoSo: 'HS-R05', KenhThucHien: 4, CapNhatLuc: '2026-03-03T08:04:00+07:00' }), // bad_enum
  dossier({ MaHoSo: 'HS-R06', TrangThaiHoSo: 11, CapNhatLuc: '2026-03-03T08:05:00+07:00' }), // bad_status
  old('HS-R08', 'Xã Hải Phú', '2025-03-03T08:00:00+07:00'), // ambiguous_unit (Bố Trạch or Hải Lăng)
  old('HS-R09', 'Xã Tách Đôi', '2025-03-04T08:00:00+07:00'), // split_unit_without_share
  dossier({ MaHoSo: 'HS-R10', NgayHenTra: '2026-03-01T17:00:00+07:00', CapNhatLuc: '2026-03-03T08:06:00+07:00' }), // due_before_received
  // a pre-merger name on a record received after the merger → unknown_unit
  dossier({
    MaHoSo: 'HS-R11',
    MaDonVi: 'Xã Trọng Hóa',
    NgayNopHoSo: '2025-07-01T08:00:00+07:00',
    NgayTiepNhan: '2025-07-01T08:00:00+07:00',
    CapNhatLuc: '2025-07-01T08:00:00+07:00',
  }),
  dossier({ MaHoSo: 'HS-R12', TenTTHC: 'Cấp bản sao \ud800 trích lục', CapNhatLuc: '2026-03-03T08:07:00+07:00' }), // invalid_utf8 (lone surrogate)
  // unknown_unit, and the newest CapNhatLuc of all: the watermark must not move past it
  dossier({ MaHoSo: 'HS-R07', MaDonVi: '99999', CapNhatLuc: '2026-03-06T08:00:00+07:00' }),
]

export const ALL_DOSSIERS = [...VALID, ...PRE_MERGER, ...REJECTS]

export const EXPECTED = {
  read: 23,
  loaded: 11,
  distinct: 9,
  rejected: {
    missing_id: 1,
    invalid_utf8: 2,
    bad_date: 1,
    bad_number: 1,
    bad_enum: 1,
    bad_status: 1,
    unknown_unit: 2,
    ambiguous_unit: 1,
    split_unit_without_share: 1,
    due_before_received: 1,
  },
  /** The newest CapNhatLuc among loaded rows (HS-0003), not HS-R07's. */
  watermark: '2026-03-05T15:00:00.000+07:00',
}

/** Lineage an admin entered for two (test) pre-merger units: one split without shares, one with. */
export async function addSplitLineage(stores: Stores): Promise<void> {
  await stores.pg.db.execute(sql`
    INSERT INTO commune_lineage (province_code, old_unit_name, old_unit_key, new_commune_code, partial, share) VALUES
      ('44', 'Xã Tách Đôi', 'xã tách đôi', ${DAN_HOA}, true, NULL),
      ('44', 'Xã Tách Đôi', 'xã tách đôi', ${LAO_BAO}, true, NULL),
      ('44', 'Xã Chia Phần', 'xã chia phần', ${DONG_THUAN}, true, 0.25),
      ('44', 'Xã Chia Phần', 'xã chia phần', ${DONG_SON}, true, 0.75)
    ON CONFLICT DO NOTHING`)
}
