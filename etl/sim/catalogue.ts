/**
 * A slice of the national catalogue of administrative procedures (Cơ sở dữ liệu quốc gia về TTHC) as
 * handled by a commune centre after 1 July 2025. Codes follow the national "1.001193" format; the common
 * ones (khai sinh 1.001193, kết hôn 1.000894, khai tử 1.000656, chứng thực 2.000815 / 2.000884, hộ kinh
 * doanh 1.001612, land 1.0127xx) are the published codes, the rarer ones are representative — check
 * csdl.dichvucong.gov.vn before using them outside the simulator.
 *
 * `statutoryDays` are working days (0 = "trong ngày": 4 working hours). `weight` is the relative volume
 * at a commune centre; `devolved` procedures (the reference list db/reference/devolved-procedures.csv)
 * moved from the district to the commune on 1 July 2025 (Decrees 151/2025, 125/2025…), so they have no
 * commune volume before the merger and are the training needs of the new centres. `lateBase` and `supplementRate` shape lateness: land is the slowest and latest.
 */
import { readDevolvedProcedures } from '../../db/reference/load.ts'

const DEVOLVED = new Set(readDevolvedProcedures().map((p) => p.code))

export const FIELD_CODES = ['dat_dai', 'ho_tich', 'chung_thuc', 'kinh_doanh', 'xay_dung', 'bao_tro_xa_hoi', 'khac'] as const
export type FieldCode = (typeof FIELD_CODES)[number]

export const FIELD_NAMES: Record<FieldCode, string> = {
  dat_dai: 'Đất đai',
  ho_tich: 'Hộ tịch',
  chung_thuc: 'Chứng thực',
  kinh_doanh: 'Thành lập và hoạt động của hộ kinh doanh',
  xay_dung: 'Hoạt động xây dựng',
  bao_tro_xa_hoi: 'Bảo trợ xã hội',
  khac: 'Lĩnh vực khác',
}

export interface Procedure {
  code: string
  name: string
  field: FieldCode
  statutoryDays: number
  /** Typical fee in VND (0 = free). Chứng thực bản sao is charged per page (see `feePerPage`). */
  feeVnd: number
  feePerPage?: boolean
  /** Online level when filed online. */
  onlineLevel: 'toan_trinh' | 'mot_phan'
  /** Relative propensity to be filed online (1 = average). */
  online: number
  devolved: boolean
  weight: number
  lateBase: number
  supplementRate: number
  /** >1 skews on-time processing towards early finishes. */
  earliness: number
}

const p = (
  code: string,
  name: string,
  field: FieldCode,
  statutoryDays: number,
  feeVnd: number,
  weight: number,
  extra: Partial<Procedure> = {},
): Procedure => ({
  code,
  name,
  field,
  statutoryDays,
  feeVnd,
  weight,
  onlineLevel: 'toan_trinh',
  online: 1,
  devolved: DEVOLVED.has(code),
  lateBase: 0.06,
  supplementRate: 0.05,
  earliness: 0.75,
  ...extra,
})

export const PROCEDURES: readonly Procedure[] = [
  // Chứng thực — the bulk of counter traffic, mostly same-day.
  p(
    '2.000815',
    'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    'chung_thuc',
    0,
    2_000,
    15,
    { feePerPage: true, onlineLevel: 'mot_phan', online: 0.45, lateBase: 0.012, supplementRate: 0.003, earliness: 2.5 },
  ),
  p('2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'chung_thuc', 0, 10_000, 6, {
    onlineLevel: 'mot_phan',
    online: 0.35,
    lateBase: 0.015,
    supplementRate: 0.005,
    earliness: 2.2,
  }),
  p(
    '2.001035',
    'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
    'chung_thuc',
    2,
    50_000,
    3.5,
    { onlineLevel: 'mot_phan', online: 0.4, lateBase: 0.04, supplementRate: 0.04 },
  ),
  p(
    '2.001019',
    'Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở',
    'chung_thuc',
    2,
    50_000,
    0.8,
    { onlineLevel: 'mot_phan', online: 0.35, lateBase: 0.06, supplementRate: 0.08 },
  ),
  // Hộ tịch
  p('1.001193', 'Thủ tục đăng ký khai sinh', 'ho_tich', 0, 0, 6, { online: 1.5, lateBase: 0.02, supplementRate: 0.03, earliness: 2 }),
  p('1.000894', 'Thủ tục đăng ký kết hôn', 'ho_tich', 1, 0, 2, { online: 1.1, lateBase: 0.03, supplementRate: 0.04 }),
  p('1.000656', 'Thủ tục đăng ký khai tử', 'ho_tich', 0, 0, 2.5, { online: 1.2, lateBase: 0.02, supplementRate: 0.02, earliness: 2 }),
  p('1.004873', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'ho_tich', 3, 0, 5, { online: 1.4, lateBase: 0.04, supplementRate: 0.03 }),
  p('1.004884', 'Thủ tục đăng ký lại khai sinh', 'ho_tich', 5, 5_000, 0.8, { lateBase: 0.08, supplementRate: 0.1 }),
  p('1.001022', 'Thủ tục đăng ký nhận cha, mẹ, con', 'ho_tich', 3, 0, 0.3, { lateBase: 0.06, supplementRate: 0.1 }),
  p('2.000635', 'Thủ tục cấp bản sao Trích lục hộ tịch', 'ho_tich', 0, 8_000, 4, {
    online: 1.6,
    lateBase: 0.015,
    supplementRate: 0.005,
    earliness: 2.5,
  }),
  p('1.004859', 'Thủ tục đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'ho_tich', 3, 15_000, 1.2, {
    lateBase: 0.06,
    supplementRate: 0.08,
  }),
  // Đất đai — devolved to the commune on 1 July 2025; the slowest and latest field.
  p(
    '1.012790',
    'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (chuyển nhượng, tặng cho, thừa kế)',
    'dat_dai',
    10,
    50_000,
    7.2,
    { onlineLevel: 'mot_phan', online: 0.75, lateBase: 0.17, supplementRate: 0.16, earliness: 0.6 },
  ),
  p('1.012783', 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'dat_dai', 7, 50_000, 3.9, {
    onlineLevel: 'mot_phan',
    online: 0.7,
    lateBase: 0.14,
    supplementRate: 0.12,
    earliness: 0.6,
  }),
  p('1.012784', 'Tách thửa hoặc hợp thửa đất', 'dat_dai', 15, 100_000, 2.6, {
    onlineLevel: 'mot_phan',
    online: 0.6,
    lateBase: 0.2,
    supplementRate: 0.2,
    earliness: 0.6,
  }),
  p(
    '1.012761',
    'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất lần đầu đối với hộ gia đình, cá nhân',
    'dat_dai',
    20,
    100_000,
    1.8,
    { onlineLevel: 'mot_phan', online: 0.5, lateBase: 0.24, supplementRate: 0.25, earliness: 0.6 },
  ),
  p('1.012786', 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', 'dat_dai', 10, 50_000, 0.7, {
    onlineLevel: 'mot_phan',
    online: 0.6,
    lateBase: 0.17,
    supplementRate: 0.15,
    earliness: 0.6,
  }),
  p('1.012801', 'Chuyển mục đích sử dụng đất không phải xin phép cơ quan nhà nước có thẩm quyền', 'dat_dai', 15, 100_000, 1.3, {
    onlineLevel: 'mot_phan',
    online: 0.5,
    lateBase: 0.2,
    supplementRate: 0.2,
    earliness: 0.6,
  }),
  p('1.012812', 'Hòa giải tranh chấp đất đai', 'dat_dai', 30, 0, 0.8, {
    onlineLevel: 'mot_phan',
    online: 0.2,
    lateBase: 0.22,
    supplementRate: 0.05,
    earliness: 1.2,
  }),
  // Hộ kinh doanh — registration moved from the district to the commune.
  p('1.001612', 'Đăng ký thành lập hộ kinh doanh', 'kinh_doanh', 3, 100_000, 1.6, {
    online: 1.3,
    lateBase: 0.07,
    supplementRate: 0.08,
  }),
  p('2.000720', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'kinh_doanh', 3, 100_000, 0.8, {
    online: 1.3,
    lateBase: 0.07,
    supplementRate: 0.07,
  }),
  // Xây dựng
  p('1.009994', 'Cấp giấy phép xây dựng đối với công trình, nhà ở riêng lẻ', 'xay_dung', 15, 75_000, 1, {
    onlineLevel: 'mot_phan',
    online: 0.8,
    lateBase: 0.16,
    supplementRate: 0.18,
    earliness: 1.1,
  }),
  // Bảo trợ xã hội
  p(
    '1.001776',
    'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng',
    'bao_tro_xa_hoi',
    10,
    0,
    3,
    { onlineLevel: 'mot_phan', online: 0.6, lateBase: 0.1, supplementRate: 0.1, earliness: 0.6 },
  ),
  p('1.001699', 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', 'bao_tro_xa_hoi', 20, 0, 0.8, {
    onlineLevel: 'mot_phan',
    online: 0.4,
    lateBase: 0.12,
    supplementRate: 0.08,
  }),
  p('1.001731', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', 'bao_tro_xa_hoi', 3, 0, 0.7, {
    online: 0.5,
    lateBase: 0.06,
    supplementRate: 0.05,
  }),
  // Khác
  p('1.011607', 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm', 'khac', 7, 0, 1.5, {
    onlineLevel: 'mot_phan',
    online: 0.4,
    lateBase: 0.08,
    supplementRate: 0.06,
  }),
  p('1.001622', 'Hỗ trợ ăn trưa đối với trẻ em mẫu giáo', 'khac', 10, 0, 1.2, {
    onlineLevel: 'mot_phan',
    online: 0.6,
    lateBase: 0.07,
    supplementRate: 0.05,
  }),
  p('1.002211', 'Công nhận hòa giải viên', 'khac', 5, 0, 0.2, {
    onlineLevel: 'mot_phan',
    online: 0.3,
    lateBase: 0.05,
    supplementRate: 0.03,
  }),
]

/** Fee of one dossier: per-page certification is 2,000 VND for each of the first two pages and 1,000 after. */
export function feeOf(proc: Procedure, pages: number): number {
  if (!proc.feePerPage) return proc.feeVnd
  return Math.min(200_000, Math.min(pages, 2) * 2_000 + Math.max(0, pages - 2) * 1_000)
}
