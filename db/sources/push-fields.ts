/**
 * The national portal's sync fields (docs/design.md §6.3) as the receiver keeps them: what is stored of each pushed
 * item (a whitelist — citizens' personal data is dropped before anything is written), the portal's
 * `yyyyMMddHHmmss` local times, and the version of an item (its own latest time).
 *
 * Dropped at the receiver, never stored: ChuHoSo, SoGiayToChuHoSo, DinhDanhCHS (the applicant and their ID
 * numbers), Email, SoDienThoai, Fax, MaDoiTuong, ThongTinKhac, TrichYeuHoSo, GhiChu, ThongTinTra, NoiNopHoSo
 * (free text that can name people or addresses), TaiLieuNop, DanhSachTepDinhKemKhac (the submitted files), a
 * step's NoiDungXuLy; of the supplement and result lists only dates, states and document types are kept.
 */
import { isoVn, parseTime, VN_OFFSET } from '../lib/vn-time.ts'
import { pick } from '../lib/pick.ts'

export const DOSSIER_SERVICE = 'DongBoHoSoMC'
export const STEP_SERVICE = 'CapNhatTienDoHoSoMC'
export const PUSH_SERVICES = [DOSSIER_SERVICE, STEP_SERVICE] as const

export const DROPPED_FIELDS = [
  'ChuHoSo',
  'SoGiayToChuHoSo',
  'DinhDanhCHS',
  'Email',
  'SoDienThoai',
  'Fax',
  'MaDoiTuong',
  'ThongTinKhac',
  'TrichYeuHoSo',
  'GhiChu',
  'ThongTinTra',
  'NoiNopHoSo',
  'TaiLieuNop',
  'DanhSachTepDinhKemKhac',
] as const

const DOSSIER_FIELDS = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'MaLinhVuc',
  'TenLinhVuc',
  'KenhThucHien',
  'LoaiDoiTuong',
  'NgayNopHoSo',
  'NgayTiepNhan',
  'NgayHenTra',
  'TrangThaiHoSo',
  'NgayTra',
  'HinhThuc',
  'NgayKetThucXuLy',
  'NgayTuChoi',
  'DonViXuLy',
  'HoSoCoThanhPhanSoHoa',
  'TaiKhoanDuocXacThucVoiVNeID',
  'DuocThanhToanTrucTuyen',
] as const
const STEP_FIELDS = [
  'MaHoSo',
  'NguoiXuLy',
  'ChucDanh',
  'ThoiDiemXuLy',
  'PhongBanXuLy',
  'TrangThai',
  'NgayBatDau',
  'NgayKetThucTheoQuyDinh',
] as const
const DOSSIER_TIMES = ['NgayNopHoSo', 'NgayTiepNhan', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'] as const

const list = (v: unknown, keys: readonly string[]) => (Array.isArray(v) ? v.map((x) => pick(x, keys) ?? {}) : undefined)

/** What is kept of a pushed item (a non-object is kept as is: it is rejected when loaded). */
export function storableItem(service: string, item: unknown): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item ?? null
  if (service === STEP_SERVICE) return pick(item, STEP_FIELDS)
  const o = item as Record<string, unknown>
  const kept = pick(o, DOSSIER_FIELDS)!
  const lists: Record<string, unknown> = {
    DanhSachLePhi: list(o.DanhSachLePhi, ['MaPhiLePhi', 'TenPhiLePhi', 'HinhThucThu', 'Gia', 'LoaiPhiLePhi']),
    DanhSachHoSoBoSung: list(o.DanhSachHoSoBoSung, [
      'NgayBoSung',
      'NgayTiepNhanBoSung',
      'NgayHenTraTruoc',
      'NgayHenTraMoi',
      'TrangThaiBoSung',
    ]),
    DanhSachGiayToKetQua: list(o.DanhSachGiayToKetQua, ['MaThanhPhanHoSo', 'TenGiayTo']),
    DSKetNoiCSDL: list(o.DSKetNoiCSDL, ['MaCSDL']),
  }
  for (const [k, v] of Object.entries(lists)) if (v !== undefined) kept[k] = v
  return kept
}

/** `yyyyMMddHHmmss` (or `yyyyMMdd`), Vietnam local time → epoch ms; null when empty or unreadable. */
export function portalMs(v: unknown): number | null {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(s)
  if (!m) return null
  return parseTime(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${VN_OFFSET}`)
}

/**
 * A portal time as the contract writes it: ISO 8601 with +07:00; blank → null. Anything else is passed on as
 * sent, so that validation rejects the record `bad_date` naming the field and the value.
 */
export function contractTime(v: unknown): unknown {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return null
  const ms = portalMs(v)
  return ms === null ? v : isoVn(ms)
}

/** An item's own time: a dossier's latest date, a step's ThoiDiemXuLy (epoch ms), null when none reads. */
export function itemVersion(service: string, item: unknown): number | null {
  if (!item || typeof item !== 'object') return null
  const o = item as Record<string, unknown>
  if (service === STEP_SERVICE) return portalMs(o.ThoiDiemXuLy)
  let max: number | null = null
  for (const f of DOSSIER_TIMES) {
    const t = portalMs(o[f])
    if (t !== null && (max === null || t > max)) max = t
  }
  return max
}

export function itemDossierId(item: unknown): string | null {
  const id = item && typeof item === 'object' ? (item as Record<string, unknown>).MaHoSo : null
  const s = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.normalize('NFC').trim() : ''
  return s ? s.slice(0, 200) : null
}
