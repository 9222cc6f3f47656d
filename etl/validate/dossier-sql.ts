/**
 * The dossier checks of dossier.ts restated in ClickHouse SQL, for the ETL's fast lane (ADR 011, load/fast-lane.ts).
 *
 * ClickHouse parses a page's items itself (JSONEachRow, every field typed strictly) and this SELECT decides,
 * per record, `ok`: the record is in the contract's canonical form AND zod would accept it AND the row below
 * is exactly the row zod + dossierKind.validate would produce. Every record that is not `ok` — a reject, or
 * anything merely unusual (a time with another offset, text that is not NFC or has outer spaces, a pre-merger
 * unit spelling not seen before) — is handed back to the JS path, which stays the authority: it decides the
 * reject reason and detail, or accepts the record after all. So the fast lane may be conservative, never lax.
 *
 * Exactness, field by field (tests/etl-fast-lane.test.ts checks fast lane + JS = JS alone on every case):
 * - Reading: numbers, booleans, objects or arrays where text belongs, text where a number belongs that
 *   ClickHouse cannot read, and broken JSON make the whole batch fail to parse; the caller then runs the
 *   batch through the JS path. Quoted numbers ClickHouse does read ("3", "+3", "1e0") are numbers to zod
 *   too (fields.ts toNumber accepts the same syntax).
 * - Text: NULL → ''; otherwise no outer whitespace (String.prototype.trim's set) and NFC (ASCII is NFC).
 *   Invalid UTF-8, U+FFFD and escaped lone surrogates send the whole page to the JS path (checked on the
 *   bytes before this runs), because zod rejects those in any field, including fields not listed here.
 * - Times: only `YYYY-MM-DDTHH:MM:SS[.sss]+07:00`, years 2000–2100 (etl/contract TIME_RANGE), not after {not_after_ms}
 *   unless a deadline, that is a real calendar time
 *   (parseDateTime refuses 30 February, 24:00, :60); its wall-clock part is the time in Asia/Ho_Chi_Minh, as chTime writes it. '' → NULL like zod.
 * - Integers: in range; amounts: finite and ≥ 0 (−0 stored as 0); Float32 through its decimal text, as the
 *   TabSeparated path does. Booleans: true/false/1/0 (ClickHouse reads nothing else into Bool); NULL → false.
 * - Unit: a commune code of the province, or — received before the merger — a spelling in `aliases`, which the
 *   caller fills from UnitResolver for units that map to exactly one commune.
 * The one known divergence: a record repeating a key — ClickHouse keeps the first value, JSON.parse the last.
 */

/** How ClickHouse reads the items: strict types, unknown keys skipped (zod strips them too). */
export const FAST_LANE_SETTINGS = {
  input_format_json_read_numbers_as_strings: 0,
  input_format_json_read_bools_as_strings: 0,
  input_format_json_read_bools_as_numbers: 0,
  input_format_json_read_objects_as_strings: 0,
  input_format_json_read_arrays_as_strings: 0,
  input_format_skip_unknown_fields: 1,
  input_format_allow_errors_num: 0,
  input_format_allow_errors_ratio: 0,
} as const

import { VN_TIME_ZONE } from '../../db/lib/vn-time.ts'
import { DOSSIER } from '../contract/index.ts'
import { contractSql } from './contract-sql.ts'
import { MERGER_MS } from './units.ts'

const SQL = contractSql(DOSSIER)
const TZ = `'${VN_TIME_ZONE}'`

/** The JSONEachRow structure ClickHouse reads the items with. */
export const FAST_LANE_STRUCTURE = SQL.structure

/**
 * SELECT over `source` (a file() call reading JSONEachRow with FAST_LANE_STRUCTURE) giving, per record: the
 * `dossiers` columns in dossierKind order, then `ok` (every check, the unit's included: a commune code of the
 * province, or — on a record dated before the merger by NgayTiepNhan ?? NgayNopHoSo ?? CapNhatLuc — a spelling
 * in the alias list), `in_window` (false only when CapNhatLuc is canonical and ≥ until), `rn` (the record's
 * index in its page), `page` (the file), `upd_ms` and `id` (for the watermark).
 * Parameters: {codes:Array(String)}, {alias_keys:Array(String)}, {alias_values:Array(String)} (non-empty),
 * {until_ms:Nullable(Int64)} (epoch ms), {not_after_ms:Int64} (epoch ms: the run's clock + ETL_FUTURE_TOLERANCE), {synthetic:Bool}.
 */
export function dossierFastLaneSelect(source: string): string {
  const basis = `coalesce(t_NgayTiepNhan, t_NgayNopHoSo, t_CapNhatLuc)`
  const checks = [...SQL.checks, `NOT (t_NgayHenTra IS NOT NULL AND t_NgayTiepNhan IS NOT NULL AND t_NgayHenTra < t_NgayTiepNhan)`]
  return `
SELECT
  ifNull(MaHoSo, '') AS dossier_id,
  if(as_code != '', as_code, as_alias) AS commune_code,
  ifNull(MaDonVi, '') AS source_unit,
  ifNull(MaTTHC, '') AS procedure_code,
  ifNull(TenTTHC, '') AS procedure_name,
  ifNull(MaLinhVuc, '') AS field_code,
  ifNull(TenLinhVuc, '') AS field_name,
  toUInt8(ifNull(KenhThucHien, 0)) AS channel,
  ifNull(MucDo, '') AS online_level,
  toUInt8(ifNull(TrangThaiHoSo, 0)) AS status,
  t_NgayNopHoSo AS submitted_at,
  t_NgayTiepNhan AS received_at,
  t_NgayHenTra AS due_at,
  t_NgayKetThucXuLy AS finished_at,
  t_NgayTra AS returned_at,
  toUInt8(ifNull(SoLanBoSung, 0)) AS supplement_count,
  toFloat32(toString(ifNull(SoGioChoBoSung, 0) + 0)) AS supplement_hours,
  ifNull(PhiLePhi, 0) + 0 AS fee_vnd,
  toUInt8(ifNull(DuocThanhToanTrucTuyen, 0)) AS paid_online,
  ifNull(CoKetQuaDienTu, false) AS e_result,
  ifNull(DaSoHoa, false) AS digitised,
  ifNull(TaiSuDungDuLieu, false) AS data_reused,
  ifNull(DungDuLieuDanCu, false) AS population_data,
  ifNull(XacThucVNeID, false) AS vneid,
  ifNull(CanBoXuLy, '') AS officer_id,
  ifNull(t_CapNhatLuc, toDateTime64(0, 3, ${TZ})) AS updated_at,
  {synthetic:Bool} OR ifNull(synthetic, false) AS synthetic,
  (${checks.join('\n    AND ')}
    AND (as_code != '' OR (ifNull(toUnixTimestamp64Milli(${basis}), 0) < ${MERGER_MS} AND as_alias != ''))) AS ok,
  NOT (t_CapNhatLuc IS NOT NULL AND {until_ms:Nullable(Int64)} IS NOT NULL AND toUnixTimestamp64Milli(t_CapNhatLuc) >= {until_ms:Nullable(Int64)}) AS in_window,
  rn, page, toUnixTimestamp64Milli(updated_at) AS upd_ms, dossier_id AS id
FROM (
  SELECT *, _row_number AS rn, _file AS page,
    transform(ifNull(MaDonVi, ''), {codes:Array(String)}, {codes:Array(String)}, '') AS as_code,
    transform(ifNull(MaDonVi, ''), {alias_keys:Array(String)}, {alias_values:Array(String)}, '') AS as_alias,
    ${SQL.timeColumns}
  FROM ${source}
)`
}
