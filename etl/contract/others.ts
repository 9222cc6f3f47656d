/** Ratings, complaints (PAKN) and queue tickets as the source sends them (docs/design.md §6). */
import { UPDATED_HEADERS } from './dossier.ts'
import { LIMITS } from './bounds.ts'
import { defineContract } from './spec.ts'

const UNIT = ['Mã đơn vị', 'Đơn vị']
const DOSSIER_ID = ['Mã hồ sơ', 'Số hồ sơ']

export const RATING = defineContract({
  resource: 'ratings',
  idField: 'MaDanhGia',
  fields: [
    { name: 'MaDanhGia', type: 'id', maxLength: LIMITS.id, headers: ['Mã đánh giá'] },
    { name: 'MaHoSo', type: 'text', maxLength: LIMITS.id, headers: DOSSIER_ID },
    { name: 'MaDonVi', type: 'text', maxLength: LIMITS.unit, required: true, headers: UNIT },
    { name: 'MucDo', type: 'int', min: 1, max: 5, reason: 'bad_enum', headers: ['Mức độ hài lòng', 'Mức độ', 'Mức đánh giá'] },
    { name: 'ThoiGian', type: 'time', headers: ['Thời gian đánh giá', 'Thời gian', 'Ngày đánh giá'] },
    { name: 'KenhDanhGia', type: 'enum', values: ['tai_quay', 'truc_tuyen'], headers: ['Kênh đánh giá'] },
    { name: 'CapNhatLuc', type: 'time', headers: UPDATED_HEADERS },
  ],
})

export const COMPLAINT_CLASSES = ['quy_dinh', 'hanh_vi'] as const
export const COMPLAINT_CATEGORIES = ['nhung_nhieu', 'them_giay_to', 'yeu_cau_vneid', 'cham_tre', 'thai_do', 'khac'] as const

export const COMPLAINT = defineContract({
  resource: 'complaints',
  idField: 'MaPAKN',
  fields: [
    { name: 'MaPAKN', type: 'id', maxLength: LIMITS.id, headers: ['Mã PAKN', 'Mã phản ánh kiến nghị', 'Mã phản ánh'] },
    { name: 'MaDonVi', type: 'text', maxLength: LIMITS.unit, required: true, headers: UNIT },
    { name: 'MaHoSo', type: 'text', maxLength: LIMITS.id, nullable: true, headers: DOSSIER_ID },
    { name: 'PhanLoai', type: 'enum', values: COMPLAINT_CLASSES, headers: ['Phân loại', 'Loại'] },
    { name: 'NoiDung', type: 'enum', values: COMPLAINT_CATEGORIES, headers: ['Nội dung', 'Nhóm nội dung'] },
    { name: 'NgayTiepNhan', type: 'time', headers: ['Ngày tiếp nhận'] },
    { name: 'HanXuLy', type: 'time', future: true, headers: ['Hạn xử lý'] },
    { name: 'NgayXuLy', type: 'time', nullable: true, headers: ['Ngày xử lý', 'Ngày xử lý xong'] },
    { name: 'HaiLong', type: 'bool', nullable: true, headers: ['Hài lòng', 'Hài lòng với kết quả xử lý'] },
    { name: 'CapNhatLuc', type: 'time', headers: UPDATED_HEADERS },
  ],
})

export const QUEUE_TICKET = defineContract({
  resource: 'queue-tickets',
  idField: 'MaVe',
  fields: [
    { name: 'MaVe', type: 'id', maxLength: LIMITS.id, headers: ['Mã vé', 'Số vé'] },
    { name: 'MaDonVi', type: 'text', maxLength: LIMITS.unit, required: true, headers: UNIT },
    { name: 'Quay', type: 'text', maxLength: LIMITS.counter, headers: ['Quầy', 'Số quầy'] },
    { name: 'LayVeLuc', type: 'time', headers: ['Lấy vé lúc', 'Giờ lấy vé'] },
    { name: 'GoiLuc', type: 'time', nullable: true, headers: ['Gọi lúc', 'Giờ gọi'] },
    { name: 'XongLuc', type: 'time', nullable: true, headers: ['Xong lúc', 'Giờ hoàn thành', 'Hoàn thành lúc'] },
    { name: 'CapNhatLuc', type: 'time', headers: UPDATED_HEADERS },
  ],
})
