/**
 * A dossier in the source contract's wire shape (DESIGN.md §6), as the adapters of other systems build it
 * before handing it to the one validation path (validate/dossier.ts). Times are ISO 8601 strings with an offset,
 * or whatever the source sent when it could not be read (validation then rejects it `bad_date`, naming the field).
 */
export interface ContractDossier {
  MaHoSo: unknown
  MaDonVi: unknown
  MaTTHC: unknown
  TenTTHC: unknown
  MaLinhVuc: unknown
  TenLinhVuc: unknown
  KenhThucHien: unknown
  MucDo: 'toan_trinh' | 'mot_phan' | null
  TrangThaiHoSo: unknown
  NgayNopHoSo: unknown
  NgayTiepNhan: unknown
  NgayHenTra: unknown
  NgayKetThucXuLy: unknown
  NgayTra: unknown
  SoLanBoSung: unknown
  SoGioChoBoSung: unknown
  PhiLePhi: unknown
  DuocThanhToanTrucTuyen: unknown
  CoKetQuaDienTu: unknown
  DaSoHoa: unknown
  TaiSuDungDuLieu: unknown
  DungDuLieuDanCu: unknown
  XacThucVNeID: unknown
  CanBoXuLy: unknown
  CapNhatLuc: unknown
}

/** The text of a name that may come as a string, `{ name }`, or a list of translations `[{ languageId, name }]`. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = textOf(x)
      if (t) return t
    }
    return null
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return textOf(o.name ?? o.translate ?? null)
  }
  return null
}
