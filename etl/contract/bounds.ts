/**
 * The bounds every source field is held to (ADR 017): far above anything a real record holds, far below what
 * hurts the stores. Text in characters (code points), after NFC and trimming; a value past its bound is rejected
 * `too_long` / `out_of_range` (numbers) and kept in etl_rejects with the reason.
 */
export const LIMITS = {
  /** Record ids (MaHoSo, MaDanhGia, MaPAKN, MaVe): real ones are 15–40 characters. */
  id: 100,
  /** Codes (MaTTHC like 1.003560.000.00.00.H56, MaLinhVuc): ≤ 30 seen. */
  code: 100,
  /** MaDonVi: a commune code, or before the merger a unit name with its district ("Xã Trọng Hóa (huyện Minh Hóa)"). */
  unit: 200,
  /** Procedure names: the longest in the national catalogue are about 400 characters. */
  name: 1000,
  /** Field (lĩnh vực) names. */
  fieldName: 500,
  /** An officer's id (CanBoXuLy), a counter's name (Quay). */
  person: 100,
  counter: 50,
  /** PhiLePhi in VND: 100 billion (the largest registration fees are in the hundreds of millions). */
  feeVnd: 1e11,
  /** SoGioChoBoSung: working hours a dossier waited for the citizen — 10,000 h is five working years. */
  hours: 10_000,
} as const

/**
 * Every time field: from 2000-01-01 up to the end of 2100 (Vietnam time). Before, the ETL stored `0001-01-01` as
 * 2001-01-01 and accepted 9999-12-31.
 */
export const TIME_RANGE = { from: '2000-01-01', toExclusive: '2101-01-01' } as const
