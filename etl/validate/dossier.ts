/** A dossier (hồ sơ TTHC) as the contract sends it (docs/design.md §6) → a row of ClickHouse `dossiers`. */
import { chTime } from '../../db/lib/vn-time.ts'
import { DOSSIER, headersOf, type Parsed } from '../contract/index.ts'
import { parseRecord, type RecordKind } from './record.ts'
import { dossierFastLaneSelect, FAST_LANE_SETTINGS, FAST_LANE_STRUCTURE } from './dossier-sql.ts'
import { validatorFor } from './schema.ts'

export const DossierSchema = validatorFor(DOSSIER)
export type Dossier = Parsed<typeof DOSSIER>

const t = (ms: number | null) => (ms === null ? null : chTime(ms))

export const dossierKind: RecordKind = {
  job: 'dossiers',
  table: 'dossiers',
  path: '/dossiers',
  contract: DOSSIER,
  idField: DOSSIER.idField,
  headers: headersOf(DOSSIER),
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
    const p = parseRecord(this, DossierSchema, raw, ctx)
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
