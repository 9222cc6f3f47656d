/** A dossier (hồ sơ TTHC) as the source sends it (docs/design.md §6; the national portal's dossier-sync names). */
import { LIMITS } from './bounds.ts'
import { defineContract } from './spec.ts'

const UPDATED = ['Cập nhật lúc', 'Thời điểm cập nhật', 'Ngày cập nhật']

export const DOSSIER = defineContract({
  resource: 'dossiers',
  idField: 'MaHoSo',
  fields: [
    { name: 'MaHoSo', type: 'id', maxLength: LIMITS.id, headers: ['Mã hồ sơ', 'Số hồ sơ'] },
    {
      name: 'MaDonVi',
      type: 'text',
      maxLength: LIMITS.unit,
      required: true,
      headers: ['Mã đơn vị', 'Đơn vị tiếp nhận', 'Mã đơn vị tiếp nhận'],
    },
    { name: 'MaTTHC', type: 'text', maxLength: LIMITS.code, headers: ['Mã TTHC', 'Mã thủ tục', 'Mã thủ tục hành chính'] },
    { name: 'TenTTHC', type: 'text', maxLength: LIMITS.name, headers: ['Tên TTHC', 'Tên thủ tục', 'Tên thủ tục hành chính'] },
    { name: 'MaLinhVuc', type: 'text', maxLength: LIMITS.code, headers: ['Mã lĩnh vực'] },
    { name: 'TenLinhVuc', type: 'text', maxLength: LIMITS.fieldName, headers: ['Tên lĩnh vực', 'Lĩnh vực'] },
    { name: 'KenhThucHien', type: 'int', min: 1, max: 3, reason: 'bad_enum', headers: ['Kênh thực hiện', 'Kênh nộp'] },
    {
      name: 'MucDo',
      type: 'enum',
      values: ['toan_trinh', 'mot_phan'],
      nullable: true,
      headers: ['Mức độ', 'Mức độ dịch vụ công', 'Mức độ DVC'],
    },
    { name: 'TrangThaiHoSo', type: 'int', min: 1, max: 10, reason: 'bad_status', headers: ['Trạng thái hồ sơ', 'Trạng thái'] },
    { name: 'NgayNopHoSo', type: 'time', nullable: true, headers: ['Ngày nộp hồ sơ', 'Ngày nộp'] },
    { name: 'NgayTiepNhan', type: 'time', nullable: true, headers: ['Ngày tiếp nhận'] },
    { name: 'NgayHenTra', type: 'time', nullable: true, future: true, headers: ['Ngày hẹn trả', 'Ngày hẹn trả kết quả'] },
    { name: 'NgayKetThucXuLy', type: 'time', nullable: true, headers: ['Ngày kết thúc xử lý', 'Ngày xử lý xong', 'Ngày hoàn thành'] },
    { name: 'NgayTra', type: 'time', nullable: true, headers: ['Ngày trả kết quả', 'Ngày trả'] },
    { name: 'SoLanBoSung', type: 'int', min: 0, max: 255, reason: 'bad_number', blank: 0, headers: ['Số lần bổ sung'] },
    { name: 'SoGioChoBoSung', type: 'amount', max: LIMITS.hours, headers: ['Số giờ chờ bổ sung'] },
    { name: 'PhiLePhi', type: 'amount', max: LIMITS.feeVnd, headers: ['Phí, lệ phí', 'Phí lệ phí', 'Phí'] },
    {
      name: 'DuocThanhToanTrucTuyen',
      type: 'int',
      min: 0,
      max: 2,
      reason: 'bad_enum',
      blank: 0,
      headers: ['Thanh toán trực tuyến', 'Được thanh toán trực tuyến'],
    },
    { name: 'CoKetQuaDienTu', type: 'bool', headers: ['Có kết quả điện tử', 'Kết quả điện tử'] },
    { name: 'DaSoHoa', type: 'bool', headers: ['Đã số hóa', 'Số hóa'] },
    { name: 'TaiSuDungDuLieu', type: 'bool', headers: ['Tái sử dụng dữ liệu'] },
    { name: 'DungDuLieuDanCu', type: 'bool', headers: ['Dùng dữ liệu dân cư', 'Sử dụng dữ liệu dân cư'] },
    { name: 'XacThucVNeID', type: 'bool', headers: ['Xác thực VNeID', 'VNeID'] },
    { name: 'CanBoXuLy', type: 'text', maxLength: LIMITS.person, nullable: true, headers: ['Cán bộ xử lý', 'Mã cán bộ xử lý'] },
    { name: 'CapNhatLuc', type: 'time', headers: UPDATED },
  ],
})

export { UPDATED as UPDATED_HEADERS }
