/** A national deployment (issue 15, ADR 033): the nation → province → commune drill-down. Vietnamese first; the same keys in English. */
const vi = {
  'nation.name': 'Toàn quốc',
  'nation.subtitle': 'Tình hình tiếp nhận, giải quyết hồ sơ của các tỉnh, thành phố và các xã, phường, đặc khu trên cả nước',
  'nation.breadcrumb': 'Cấp xem',
  'nation.choose': 'Tỉnh, thành phố',
  'nation.all': 'Toàn quốc (tất cả tỉnh, thành phố)',
  'nation.provinceTable': 'Xếp hạng tỉnh, thành phố',
  'nation.communeTable': 'Xếp hạng xã, phường toàn quốc',
  'nation.mapTitle': 'Bản đồ tỉnh, thành phố',
  'nation.communes': 'Số xã',
  'nation.overloadCommunes': 'Xã quá tải',
  'nation.rateRule':
    'Tỷ lệ của một tỉnh tính trên tổng các xã của tỉnh (tổng tử số / tổng mẫu số), không lấy trung bình tỷ lệ của các xã. Chỉ số 766 chấm theo điểm tính được của từng xã nên không cộng lên cấp tỉnh.',
  'nation.openProvince': 'Xem tỉnh',
  'nation.searchProvince': 'Tìm tỉnh, thành phố',
  'nation.mapDarkerWorseLow': 'Màu càng đậm, giá trị càng thấp (càng kém). Bấm vào một tỉnh để xem các xã của tỉnh.',
  'nation.mapDarkerWorseHigh': 'Màu càng đậm, giá trị càng cao (càng kém). Bấm vào một tỉnh để xem các xã của tỉnh.',
} as const

const en: Record<keyof typeof vi, string> = {
  'nation.name': 'Whole country',
  'nation.subtitle': 'Intake and processing across the provinces and the communes, wards and special zones of the country',
  'nation.breadcrumb': 'Level',
  'nation.choose': 'Province',
  'nation.all': 'Whole country (every province)',
  'nation.provinceTable': 'Province ranking',
  'nation.communeTable': 'National commune ranking',
  'nation.mapTitle': 'Map of provinces',
  'nation.communes': 'Communes',
  'nation.overloadCommunes': 'Overloaded communes',
  'nation.rateRule':
    "A province's rate is taken over all its communes together (sum of numerators / sum of denominators), never an average of the communes' rates. The 766 score is out of each commune's computable points, so it is not summed to a province.",
  'nation.openProvince': 'Open province',
  'nation.searchProvince': 'Search a province',
  'nation.mapDarkerWorseLow': 'Darker means lower (worse). Click a province for its communes.',
  'nation.mapDarkerWorseHigh': 'Darker means higher (worse). Click a province for its communes.',
}

export const national = { vi, en }
