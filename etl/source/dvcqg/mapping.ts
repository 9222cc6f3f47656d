/**
 * A dossier pushed by DongBoHoSoMC (as stored: personal data already dropped) and the latest processing step
 * pushed for it by CapNhatTienDoHoSoMC → the contract's dossier record: the one place the portal's fields are
 * mapped (ADR 021).
 *
 * | contract | national portal |
 * |---|---|
 * | MaHoSo, MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc | the same names |
 * | MaDonVi | `DonViXuLy`, else the call's `madonvi`, through the unit table (a commune code passes as is) |
 * | KenhThucHien, TrangThaiHoSo | through the channel and status tables (defaults: the same codes) |
 * | NgayNopHoSo, NgayTiepNhan, NgayHenTra, NgayTra | the same names, `yyyyMMddHHmmss` Vietnam time |
 * | NgayKetThucXuLy | `NgayKetThucXuLy`, else `NgayTuChoi` (refused) |
 * | SoLanBoSung | the entries of `DanhSachHoSoBoSung` |
 * | PhiLePhi | the sum of `DanhSachLePhi[].Gia` |
 * | DuocThanhToanTrucTuyen, XacThucVNeID, DaSoHoa | `DuocThanhToanTrucTuyen`, `TaiKhoanDuocXacThucVoiVNeID`, `HoSoCoThanhPhanSoHoa` |
 * | CoKetQuaDienTu, TaiSuDungDuLieu | `DanhSachGiayToKetQua`, `DSKetNoiCSDL` not empty |
 * | CanBoXuLy | the latest step's `NguoiXuLy` |
 * | CapNhatLuc | the dossier's latest own time (the portal's fields carry no last-change time) |
 */
import type { Reject } from '../../state/rejects.ts'
import { isoVn } from '../../../db/lib/vn-time.ts'
import type { CodeTable } from '../../../db/sources/codes.ts'
import type { ContractDossier } from '../adapters/contract-record.ts'
import { contractTime, itemVersion, DOSSIER_SERVICE } from '../../../db/sources/push-fields.ts'

type Obj = Record<string, unknown>
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const flag = (v: unknown) =>
  v === true || v === 1 || v === '1' || (typeof v === 'string' && v.toLowerCase() === 'true')
    ? true
    : v === undefined || v === null || v === ''
      ? false
      : v

export type PushMapped = { ok: true; record: ContractDossier } | { ok: false; reject: Reject }

export function mapPushDossier(item: unknown, envelopeUnit: string | null, step: unknown, codes: CodeTable): PushMapped {
  if (!item || typeof item !== 'object' || Array.isArray(item))
    return {
      ok: false,
      reject: {
        reason: 'bad_record',
        detail: `pushed item is ${Array.isArray(item) ? 'an array' : typeof item}`,
        recordId: null,
        raw: item ?? null,
      },
    }
  const o = item as Obj
  const id = typeof o.MaHoSo === 'string' || typeof o.MaHoSo === 'number' ? String(o.MaHoSo) : null
  const status = codes.map('status', o.TrangThaiHoSo)
  const channel = status.ok ? codes.map('channel', o.KenhThucHien) : status
  const unitCode = typeof o.DonViXuLy === 'string' && o.DonViXuLy.trim() ? o.DonViXuLy : envelopeUnit
  const unit = channel.ok ? codes.map('unit', unitCode) : channel
  if (!unit.ok) return { ok: false, reject: { reason: unit.reason, detail: unit.detail, recordId: id, raw: o } }
  const version = itemVersion(DOSSIER_SERVICE, o)
  if (version === null)
    return {
      ok: false,
      reject: {
        reason: 'bad_date',
        detail: 'no readable date (NgayNopHoSo, NgayTiepNhan, NgayKetThucXuLy, NgayTra, NgayTuChoi as yyyyMMddHHmmss)',
        recordId: id,
        raw: o,
      },
    }
  const fees = arr(o.DanhSachLePhi).reduce<number>((sum, f) => {
    const g = Number((f as Obj | null)?.Gia)
    return Number.isFinite(g) && g > 0 ? sum + g : sum
  }, 0)
  const officer = step && typeof step === 'object' ? (step as Obj).NguoiXuLy : null
  return {
    ok: true,
    record: {
      MaHoSo: o.MaHoSo,
      MaDonVi: unit.target,
      MaTTHC: o.MaTTHC ?? null,
      TenTTHC: o.TenTTHC ?? null,
      MaLinhVuc: o.MaLinhVuc ?? null,
      TenLinhVuc: o.TenLinhVuc ?? null,
      KenhThucHien: Number((channel as { target: string }).target),
      MucDo: null,
      TrangThaiHoSo: Number((status as { target: string }).target),
      NgayNopHoSo: contractTime(o.NgayNopHoSo),
      NgayTiepNhan: contractTime(o.NgayTiepNhan),
      NgayHenTra: contractTime(o.NgayHenTra),
      NgayKetThucXuLy: contractTime(o.NgayKetThucXuLy) ?? contractTime(o.NgayTuChoi),
      NgayTra: contractTime(o.NgayTra),
      SoLanBoSung: arr(o.DanhSachHoSoBoSung).length,
      SoGioChoBoSung: 0,
      PhiLePhi: fees,
      DuocThanhToanTrucTuyen: o.DuocThanhToanTrucTuyen ?? 0,
      CoKetQuaDienTu: arr(o.DanhSachGiayToKetQua).length > 0,
      DaSoHoa: flag(o.HoSoCoThanhPhanSoHoa),
      TaiSuDungDuLieu: arr(o.DSKetNoiCSDL).length > 0,
      DungDuLieuDanCu: false,
      XacThucVNeID: flag(o.TaiKhoanDuocXacThucVoiVNeID),
      CanBoXuLy: typeof officer === 'string' || typeof officer === 'number' ? String(officer) : null,
      CapNhatLuc: isoVn(version),
    },
  }
}
