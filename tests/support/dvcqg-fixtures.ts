/**
 * What a provincial one-stop system pushes to the national portal (docs/design.md §6.3), for the receiver's tests:
 * dossier items of DongBoHoSoMC with every field the public clients send — citizens' personal data included,
 * which the receiver must drop — and processing steps of CapNhatTienDoHoSoMC. Dates are `yyyyMMddHHmmss`, Vietnam time.
 */
export const CITIZEN = {
  ChuHoSo: 'Phạm Thị Công Dân',
  SoGiayToChuHoSo: '044195009876',
  Email: 'congdan@example.vn',
  SoDienThoai: '0987654321',
  Fax: '0233111222',
  MaDoiTuong: 'CD-0001',
  ThongTinKhac: 'Nhà số 5, thôn Bình Minh',
  TrichYeuHoSo: 'Phạm Thị Công Dân xin đăng ký khai sinh cho con',
  GhiChu: 'gọi 0987654321 khi có kết quả',
  ThongTinTra: 'Trả tại nhà số 5, thôn Bình Minh',
  NoiNopHoSo: 'Thôn Bình Minh',
}
export const DINH_DANH = [{ LoaiDinhDanh: 1, SoDinhDanh: '044195009876' }]

export function portalDossier(over: Record<string, unknown>): Record<string, unknown> {
  return {
    MaHoSo: 'G22.99-260302-0001',
    MaTTHC: '1.001193.000.00.00.H56',
    TenTTHC: 'Đăng ký khai sinh',
    MaLinhVuc: 'ho_tich',
    TenLinhVuc: 'Hộ tịch',
    KenhThucHien: 1,
    ...CITIZEN,
    LoaiDoiTuong: 1,
    NgayNopHoSo: '20260302080000',
    NgayTiepNhan: '20260302080500',
    NgayHenTra: '20260305170000',
    TrangThaiHoSo: 2,
    NgayTra: '',
    HinhThuc: 0,
    NgayKetThucXuLy: '',
    DonViXuLy: '18904',
    TaiLieuNop: [{ TepDinhKemId: 't-1', TenTepDinhKem: 'CCCD_PhamThiCongDan.pdf', DuongDanTaiTepTin: 'https://x/CCCD_PhamThiCongDan.pdf' }],
    DanhSachLePhi: [],
    DanhSachTepDinhKemKhac: [{ TenGiayTo: 'Giấy chứng sinh', SoLuong: 1 }],
    DanhSachHoSoBoSung: [],
    DanhSachGiayToKetQua: [],
    HoSoCoThanhPhanSoHoa: 0,
    TaiKhoanDuocXacThucVoiVNeID: 0,
    DuocThanhToanTrucTuyen: 0,
    NgayTuChoi: '',
    DinhDanhCHS: DINH_DANH,
    DSKetNoiCSDL: [],
    ...over,
  }
}

export function portalStep(over: Record<string, unknown>): Record<string, unknown> {
  return {
    MaHoSo: 'G22.99-260302-0001',
    NguoiXuLy: 'canbo.a',
    ChucDanh: 'Công chức một cửa',
    ThoiDiemXuLy: '20260302090000',
    PhongBanXuLy: 'Bộ phận một cửa',
    NoiDungXuLy: 'Đã gọi cho Phạm Thị Công Dân',
    TrangThai: 4,
    NgayBatDau: '20260302080500',
    NgayKetThucTheoQuyDinh: '20260305170000',
    ...over,
  }
}
