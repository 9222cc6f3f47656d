/** Synthetic Vietnamese personal names for officers (weighted by how common each family name is). */
import { cumulative, type Rng } from './prng.ts'

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Phan',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Trương',
  'Đinh',
  'Mai',
  'Lương',
]
const FAMILY_CUM = cumulative([38, 11, 9.5, 7, 5.1, 4.5, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 1.2, 1, 0.8, 0.6])
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh', 'Xuân', 'Công', 'Đình', 'Ngọc']
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Hồng', 'Phương', 'Diệu']
const GIVEN_M = [
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hiếu',
  'Hoàng',
  'Hùng',
  'Huy',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Thắng',
  'Thành',
  'Tiến',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
]
const GIVEN_F = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phương',
  'Thảo',
  'Trang',
  'Vân',
  'Yến',
]

export function personName(rng: Rng): string {
  const female = rng.chance(0.55)
  const family = FAMILY[rng.pickCumulative(FAMILY_CUM)]!
  const middle = rng.pick(female ? MIDDLE_F : MIDDLE_M)
  const given = rng.pick(female ? GIVEN_F : GIVEN_M)
  return `${family} ${middle} ${given}`
}
