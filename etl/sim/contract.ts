/**
 * The TTHC source contract (docs/design.md §6) as strict zod schemas: exactly the contract's fields, times in
 * ISO 8601 with an offset. The simulator's tests hold every item it serves to these; a real provincial
 * system can be checked against them too. (The ETL's own validation is lenient on purpose and lives in
 * etl/validate: it must keep and explain bad records, not refuse them.)
 */
import { z } from 'zod'

const time = z.iso.datetime({ offset: true })
const optTime = time.nullable()

export const DossierItem = z.strictObject({
  MaHoSo: z.string().min(1),
  MaDonVi: z.string().min(1),
  MaTTHC: z.string().min(1),
  TenTTHC: z.string().min(1),
  MaLinhVuc: z.string().min(1),
  TenLinhVuc: z.string().min(1),
  KenhThucHien: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  MucDo: z.enum(['toan_trinh', 'mot_phan']).nullable(),
  TrangThaiHoSo: z.number().int().min(1).max(10),
  NgayNopHoSo: optTime,
  NgayTiepNhan: optTime,
  NgayHenTra: optTime,
  NgayKetThucXuLy: optTime,
  NgayTra: optTime,
  SoLanBoSung: z.number().int().min(0),
  SoGioChoBoSung: z.number().min(0),
  PhiLePhi: z.number().min(0),
  DuocThanhToanTrucTuyen: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  CoKetQuaDienTu: z.boolean(),
  DaSoHoa: z.boolean(),
  TaiSuDungDuLieu: z.boolean(),
  DungDuLieuDanCu: z.boolean(),
  XacThucVNeID: z.boolean(),
  CanBoXuLy: z.string().min(1).nullable(),
  CapNhatLuc: time,
})

export const RatingItem = z.strictObject({
  MaDanhGia: z.string().min(1),
  MaHoSo: z.string().min(1),
  MaDonVi: z.string().min(1),
  MucDo: z.number().int().min(1).max(5),
  ThoiGian: time,
  KenhDanhGia: z.enum(['tai_quay', 'truc_tuyen']),
  CapNhatLuc: time,
})

export const ComplaintItem = z.strictObject({
  MaPAKN: z.string().min(1),
  MaDonVi: z.string().min(1),
  MaHoSo: z.string().min(1).nullable(),
  PhanLoai: z.enum(['quy_dinh', 'hanh_vi']),
  NoiDung: z.enum(['nhung_nhieu', 'them_giay_to', 'yeu_cau_vneid', 'cham_tre', 'thai_do', 'khac']),
  NgayTiepNhan: time,
  HanXuLy: time,
  NgayXuLy: optTime,
  HaiLong: z.boolean().nullable(),
  CapNhatLuc: time,
})

export const QueueTicketItem = z.strictObject({
  MaVe: z.string().min(1),
  MaDonVi: z.string().min(1),
  Quay: z.string().min(1),
  LayVeLuc: time,
  GoiLuc: optTime,
  XongLuc: optTime,
  CapNhatLuc: time,
})

export const ITEM_SCHEMAS = {
  dossiers: DossierItem,
  ratings: RatingItem,
  complaints: ComplaintItem,
  'queue-tickets': QueueTicketItem,
} as const

/** The id field of each resource (paging order is CapNhatLuc, then this). */
export const ID_FIELDS = { dossiers: 'MaHoSo', ratings: 'MaDanhGia', complaints: 'MaPAKN', 'queue-tickets': 'MaVe' } as const

export const PageSchema = <T extends z.ZodType>(item: T) =>
  z.strictObject({ synthetic: z.literal(true), items: z.array(item), next_cursor: z.string().min(1).nullable() })
