/**
 * Spreadsheet headers. A unit that reports by Excel/CSV may use the contract's field names (MaHoSo, …) or
 * Vietnamese column titles. Matching is case-, tone-placement- and diacritic-insensitive ("Mã hồ sơ",
 * "MÃ HỒ SƠ", "Ma ho so" are one header), and ignores punctuation and spaces.
 */
import { searchKey } from '../../db/lib/text.ts'

export const DOSSIER_HEADERS = {
  MaHoSo: ['Mã hồ sơ', 'Số hồ sơ'],
  MaDonVi: ['Mã đơn vị', 'Đơn vị tiếp nhận', 'Mã đơn vị tiếp nhận'],
  MaTTHC: ['Mã TTHC', 'Mã thủ tục', 'Mã thủ tục hành chính'],
  TenTTHC: ['Tên TTHC', 'Tên thủ tục', 'Tên thủ tục hành chính'],
  MaLinhVuc: ['Mã lĩnh vực'],
  TenLinhVuc: ['Tên lĩnh vực', 'Lĩnh vực'],
  KenhThucHien: ['Kênh thực hiện', 'Kênh nộp'],
  MucDo: ['Mức độ', 'Mức độ dịch vụ công', 'Mức độ DVC'],
  TrangThaiHoSo: ['Trạng thái hồ sơ', 'Trạng thái'],
  NgayNopHoSo: ['Ngày nộp hồ sơ', 'Ngày nộp'],
  NgayTiepNhan: ['Ngày tiếp nhận'],
  NgayHenTra: ['Ngày hẹn trả', 'Ngày hẹn trả kết quả'],
  NgayKetThucXuLy: ['Ngày kết thúc xử lý', 'Ngày xử lý xong', 'Ngày hoàn thành'],
  NgayTra: ['Ngày trả kết quả', 'Ngày trả'],
  SoLanBoSung: ['Số lần bổ sung'],
  SoGioChoBoSung: ['Số giờ chờ bổ sung'],
  PhiLePhi: ['Phí, lệ phí', 'Phí lệ phí', 'Phí'],
  DuocThanhToanTrucTuyen: ['Thanh toán trực tuyến', 'Được thanh toán trực tuyến'],
  CoKetQuaDienTu: ['Có kết quả điện tử', 'Kết quả điện tử'],
  DaSoHoa: ['Đã số hóa', 'Số hóa'],
  TaiSuDungDuLieu: ['Tái sử dụng dữ liệu'],
  DungDuLieuDanCu: ['Dùng dữ liệu dân cư', 'Sử dụng dữ liệu dân cư'],
  XacThucVNeID: ['Xác thực VNeID', 'VNeID'],
  CanBoXuLy: ['Cán bộ xử lý', 'Mã cán bộ xử lý'],
  CapNhatLuc: ['Cập nhật lúc', 'Thời điểm cập nhật', 'Ngày cập nhật'],
} as const

export const RATING_HEADERS = {
  MaDanhGia: ['Mã đánh giá'],
  MaHoSo: ['Mã hồ sơ', 'Số hồ sơ'],
  MaDonVi: ['Mã đơn vị', 'Đơn vị'],
  MucDo: ['Mức độ hài lòng', 'Mức độ', 'Mức đánh giá'],
  ThoiGian: ['Thời gian đánh giá', 'Thời gian', 'Ngày đánh giá'],
  KenhDanhGia: ['Kênh đánh giá'],
  CapNhatLuc: ['Cập nhật lúc', 'Thời điểm cập nhật', 'Ngày cập nhật'],
} as const

export const COMPLAINT_HEADERS = {
  MaPAKN: ['Mã PAKN', 'Mã phản ánh kiến nghị', 'Mã phản ánh'],
  MaDonVi: ['Mã đơn vị', 'Đơn vị'],
  MaHoSo: ['Mã hồ sơ', 'Số hồ sơ'],
  PhanLoai: ['Phân loại', 'Loại'],
  NoiDung: ['Nội dung', 'Nhóm nội dung'],
  NgayTiepNhan: ['Ngày tiếp nhận'],
  HanXuLy: ['Hạn xử lý'],
  NgayXuLy: ['Ngày xử lý', 'Ngày xử lý xong'],
  HaiLong: ['Hài lòng', 'Hài lòng với kết quả xử lý'],
  CapNhatLuc: ['Cập nhật lúc', 'Thời điểm cập nhật', 'Ngày cập nhật'],
} as const

export const QUEUE_TICKET_HEADERS = {
  MaVe: ['Mã vé', 'Số vé'],
  MaDonVi: ['Mã đơn vị', 'Đơn vị'],
  Quay: ['Quầy', 'Số quầy'],
  LayVeLuc: ['Lấy vé lúc', 'Giờ lấy vé'],
  GoiLuc: ['Gọi lúc', 'Giờ gọi'],
  XongLuc: ['Xong lúc', 'Giờ hoàn thành', 'Hoàn thành lúc'],
  CapNhatLuc: ['Cập nhật lúc', 'Thời điểm cập nhật', 'Ngày cập nhật'],
} as const

const norm = (h: string) => searchKey(h).replace(/[^a-z0-9]/g, '')

/**
 * Maps a sheet's header row to contract fields: index → field, or undefined for an unknown column
 * (kept in the raw record only). Throws when two columns map to one field or the id column is missing.
 */
export function mapHeaders(header: string[], table: Readonly<Record<string, readonly string[]>>, idField: string): (string | undefined)[] {
  const lookup = new Map<string, string>()
  for (const [field, aliases] of Object.entries(table)) {
    lookup.set(norm(field), field)
    for (const a of aliases) if (!lookup.has(norm(a))) lookup.set(norm(a), field)
  }
  const seen = new Map<string, string>()
  const out = header.map((h) => {
    const field = lookup.get(norm(String(h ?? '')))
    if (!field) return undefined
    const prev = seen.get(field)
    if (prev !== undefined) throw new Error(`Cột "${h}" và "${prev}" cùng là ${field} / columns "${h}" and "${prev}" both map to ${field}`)
    seen.set(field, String(h))
    return field
  })
  if (!seen.has(idField))
    throw new Error(
      `Không thấy cột ${idField} (${(table[idField] ?? []).join(' / ')}) / no ${idField} column in the header: ${header.join(', ')}`,
    )
  return out
}
