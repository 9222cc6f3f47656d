/** A dossier (hồ sơ TTHC) as the contract sends it (docs/design.md §6) → a row of ClickHouse `dossiers`. */
import { z } from 'zod'
import { DOSSIER_HEADERS } from '../source/headers.ts'
import { amountField, boolField, chTime, enumField, idField, intField, optTextField, optTimeField, textField, timeField } from './fields.ts'
import { parseWith, type RecordKind } from './record.ts'
import { dossierFastLaneSelect, FAST_LANE_SETTINGS, FAST_LANE_STRUCTURE } from './dossier-sql.ts'

export const DossierSchema = z.object({
  MaHoSo: idField,
  MaDonVi: textField,
  MaTTHC: textField,
  TenTTHC: textField,
  MaLinhVuc: textField,
  TenLinhVuc: textField,
  KenhThucHien: intField(1, 3, 'bad_enum'),
  MucDo: enumField(['toan_trinh', 'mot_phan'], true),
  TrangThaiHoSo: intField(1, 10, 'bad_status'),
  NgayNopHoSo: optTimeField,
  NgayTiepNhan: optTimeField,
  NgayHenTra: optTimeField,
  NgayKetThucXuLy: optTimeField,
  NgayTra: optTimeField,
  SoLanBoSung: intField(0, 255, 'bad_number', 0),
  SoGioChoBoSung: amountField,
  PhiLePhi: amountField,
  DuocThanhToanTrucTuyen: intField(0, 2, 'bad_enum', 0),
  CoKetQuaDienTu: boolField(),
  DaSoHoa: boolField(),
  TaiSuDungDuLieu: boolField(),
  DungDuLieuDanCu: boolField(),
  XacThucVNeID: boolField(),
  CanBoXuLy: optTextField,
  CapNhatLuc: timeField,
  synthetic: boolField(),
})
export type Dossier = z.infer<typeof DossierSchema>

const t = (ms: number | null) => (ms === null ? null : chTime(ms))

export const dossierKind: RecordKind = {
  job: 'dossiers',
  table: 'dossiers',
  path: '/dossiers',
  idField: 'MaHoSo',
  headers: DOSSIER_HEADERS,
  columns: [
    ['dossier_id', 'String'],
    ['commune_code', 'String'],
    ['source_unit', 'String'],
    ['procedure_code', 'String'],
    ['procedure_name', 'String'],
    ['field_code', 'String'],
    ['field_name', 'String'],
    ['channel', 'UInt8'],
    ['online_level', 'String'],
    ['status', 'UInt8'],
    ['submitted_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['received_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['due_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['finished_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['returned_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['supplement_count', 'UInt8'],
    ['supplement_hours', 'Float32'],
    ['fee_vnd', 'Float64'],
    ['paid_online', 'UInt8'],
    ['e_result', 'Bool'],
    ['digitised', 'Bool'],
    ['data_reused', 'Bool'],
    ['population_data', 'Bool'],
    ['vneid', 'Bool'],
    ['officer_id', 'String'],
    ['updated_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['synthetic', 'Bool'],
  ],
  validate(raw, ctx) {
    const p = parseWith(DossierSchema, raw, 'MaHoSo')
    if (!p.ok) return p
    const d = p.data
    if (d.NgayHenTra !== null && d.NgayTiepNhan !== null && d.NgayHenTra < d.NgayTiepNhan)
      return {
        ok: false,
        id: d.MaHoSo,
        reason: 'due_before_received',
        detail: `NgayHenTra ${raw.NgayHenTra} < NgayTiepNhan ${raw.NgayTiepNhan}`,
      }
    const unit = ctx.units.resolve(d.MaDonVi, d.NgayTiepNhan ?? d.NgayNopHoSo ?? d.CapNhatLuc, d.MaHoSo)
    if (!unit.ok) return { ok: false, id: d.MaHoSo, reason: unit.reason, detail: unit.detail }
    return {
      ok: true,
      id: d.MaHoSo,
      updatedAt: d.CapNhatLuc,
      row: [
        d.MaHoSo,
        unit.commune,
        d.MaDonVi,
        d.MaTTHC,
        d.TenTTHC,
        d.MaLinhVuc,
        d.TenLinhVuc,
        d.KenhThucHien,
        d.MucDo ?? '',
        d.TrangThaiHoSo,
        t(d.NgayNopHoSo),
        t(d.NgayTiepNhan),
        t(d.NgayHenTra),
        t(d.NgayKetThucXuLy),
        t(d.NgayTra),
        d.SoLanBoSung,
        d.SoGioChoBoSung,
        d.PhiLePhi,
        d.DuocThanhToanTrucTuyen,
        d.CoKetQuaDienTu,
        d.DaSoHoa,
        d.TaiSuDungDuLieu,
        d.DungDuLieuDanCu,
        d.XacThucVNeID,
        d.CanBoXuLy ?? '',
        chTime(d.CapNhatLuc),
        ctx.synthetic || d.synthetic === true,
      ],
    }
  },
}

dossierKind.fastLane = {
  structure: FAST_LANE_STRUCTURE,
  idField: dossierKind.idField,
  settings: FAST_LANE_SETTINGS,
  select: dossierFastLaneSelect,
}
