/** UI strings of the data page's operations (IT): old units mapped and rejects run again (ADR 035), live progress of a run, freshness per commune. */
export const dataOps = {
  vi: {
    'units.title': 'Đơn vị cũ chưa nhận diện',
    'units.intro':
      'Các bản ghi gửi từ đơn vị không phải xã của tỉnh (thường là đơn vị cấp huyện hoặc xã cũ trước sáp nhập) bị từ chối và được giữ lại. Chọn xã mới cho từng đơn vị rồi chạy lại: bản ghi đã ánh xạ được nạp, bản ghi còn lại vẫn bị từ chối với lý do.',
    'units.none': 'Không có bản ghi nào bị từ chối vì đơn vị không phải xã của tỉnh.',
    'units.unit': 'Đơn vị gửi (MaDonVi)',
    'units.records': 'Bản ghi',
    'units.dossiers': 'Hồ sơ',
    'units.target': 'Xã mới',
    'units.choose': '— chưa ánh xạ —',
    'units.suggested': 'Gợi ý',
    'units.why.lineage': 'theo danh mục sáp nhập (NQ 1680)',
    'units.why.name': 'xã mới mang tên đơn vị cũ',
    'units.mapped': 'đã ánh xạ',
    'units.save': 'Lưu ánh xạ',
    'units.rerun': 'Chạy lại các bản ghi bị từ chối',
    'units.saved': 'Đã lưu ánh xạ {n} đơn vị.',
    'units.rerunDone':
      'Đã chạy lại {read} bản ghi bị từ chối: nạp {loadedDossiers} hồ sơ ({loaded} bản ghi); {still} bản ghi vẫn bị từ chối.',
    'units.rerunNothing': 'Không có bản ghi nào để chạy lại.',
    'units.busy': 'Tác vụ nhận hồ sơ đang chạy, thử lại sau ít phút.',
    'units.badTarget': 'Xã không thuộc tỉnh',
  },
  en: {
    'units.title': 'Unrecognised old units',
    'units.intro':
      'Records sent by a unit that is not a commune of the province (usually a district or a pre-merger commune) are rejected and kept. Choose the new commune for each unit, then run them again: mapped records load, the others stay rejected with their reason.',
    'units.none': 'No record was rejected for a unit that is not a commune of the province.',
    'units.unit': 'Sending unit (MaDonVi)',
    'units.records': 'Records',
    'units.dossiers': 'Dossiers',
    'units.target': 'New commune',
    'units.choose': '— not mapped —',
    'units.suggested': 'Suggested',
    'units.why.lineage': 'from the merger lineage (Resolution 1680)',
    'units.why.name': 'the new commune named after the old unit',
    'units.mapped': 'mapped',
    'units.save': 'Save mapping',
    'units.rerun': 'Run the rejected records again',
    'units.saved': 'Mapping saved for {n} units.',
    'units.rerunDone':
      'Ran {read} rejected records again: {loadedDossiers} dossiers loaded ({loaded} records); {still} records still rejected.',
    'units.rerunNothing': 'There is no record to run again.',
    'units.busy': 'The dossiers job is running, try again shortly.',
    'units.badTarget': 'Not a commune of the province',
  },
} as const
