/**
 * Data for the KPI bench (tests/bench/kpi.bench.ts): N synthetic dossiers generated inside ClickHouse with
 * INSERT … SELECT FROM numbers(N) (deterministic hashes, no JS loop), ratings for 30 % of the finished ones,
 * and a few hundred complaints; and the same dossiers copied into a Postgres server table via a TSV file and
 * COPY, with the working-day calendar, so both engines answer from identical rows.
 *
 * Shape: 78 Quảng Trị communes with a ~5× spread, receptions spread over DATA_FROM … DATA_TO, statutory time
 * 1–10 working days, processing time uniform up to 1.25 × statutory (≈ 80 % on time), 3 % withdrawn, 6 % one
 * supplement request and 1 % two, 1 % never finished; anything finishing after DATA_TO is still open.
 * `offset` numbers the dossiers from there (a second batch adds to the first: tests/bench/loaders.bench.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ChStore } from '../../db/clickhouse/client.ts'

export const DATA_FROM = '2025-01-02'
export const DATA_TO = '2026-10-31'

const r = (k: number) => `(cityHash64(number, ${k}) % 1000000) / 1000000`

export const GENERATE_DOSSIERS = `
INSERT INTO dossiers (dossier_id, commune_code, source_unit, procedure_code, procedure_name, field_code, field_name, channel,
    online_level, status, submitted_at, received_at, due_at, finished_at, returned_at, supplement_count, supplement_hours,
    fee_vnd, paid_online, e_result, digitised, data_reused, population_data, vneid, officer_id, updated_at, synthetic)
SELECT
    concat('B', toString(number)) AS dossier_id,
    {codes:Array(String)}[1 + toUInt32(floor(pow(${r(1)}, 1.6) * length({codes:Array(String)})))] AS commune_code,
    commune_code AS source_unit,
    concat(field_code, '-', toString(cityHash64(number, 11) % 5)) AS procedure_code,
    procedure_code AS procedure_name,
    ['dat_dai', 'ho_tich', 'chung_thuc', 'kinh_doanh', 'xay_dung', 'bao_tro_xa_hoi', 'khac'][1 + cityHash64(number, 10) % 7] AS field_code,
    field_code AS field_name,
    toUInt8(1 + cityHash64(number, 12) % 3) AS channel,
    '' AS online_level,
    toUInt8(multiIf(fin_raw > cutoff OR ${r(6)} < 0.01, 4, ${r(7)} < 0.03, 7, ${r(7)} < 0.73, 10, 9)) AS status,
    received AS submitted_at,
    received AS received_at,
    toStartOfDay(received) + toIntervalDay(toUInt32(ceil(statutory * 1.4))) + toIntervalHour(17) AS due_at,
    if(status IN (9, 10), fin_raw, NULL) AS finished_at,
    if(status = 10 AND fin_raw + toIntervalDay(1) <= cutoff, fin_raw + toIntervalDay(1), NULL) AS returned_at,
    toUInt8(multiIf(${r(8)} < 0.01, 2, ${r(8)} < 0.07, 1, 0)) AS supplement_count,
    toFloat32(if(supplement_count > 0, 8 * (cityHash64(number, 9) % 4), 0)) AS supplement_hours,
    if(${r(13)} < 0.3, 50000, 0) AS fee_vnd,
    toUInt8(fee_vnd > 0 AND ${r(14)} < 0.9) AS paid_online,
    ${r(15)} < 0.82 AS e_result, ${r(16)} < 0.28 AS digitised, ${r(17)} < 0.2 AS data_reused,
    ${r(18)} < 0.54 AS population_data, ${r(19)} < 0.5 AS vneid,
    '' AS officer_id,
    if(status = 4, received, least(fin_raw + toIntervalDay(1), cutoff)) AS updated_at,
    true AS synthetic
FROM (
    SELECT number,
        toDateTime64({dataTo:String} || ' 23:59:59', 3, 'Asia/Ho_Chi_Minh') AS cutoff,
        toDateTime64({dataFrom:String} || ' 07:30:00', 3, 'Asia/Ho_Chi_Minh')
            + toIntervalDay(toUInt32(${r(2)} * {days:UInt32})) + toIntervalMinute(toUInt32(${r(3)} * 540)) AS received,
        1 + cityHash64(number, 4) % 10 AS statutory,
        received + toIntervalMinute(toUInt32(${r(5)} * statutory * 1.25 * 1440)) AS fin_raw
    FROM (SELECT number + {offset:UInt64} AS number FROM numbers_mt({n:UInt64}))
)
SETTINGS max_threads = 2, max_insert_threads = 2, optimize_on_insert = 0`

export const GENERATE_RATINGS = `
INSERT INTO ratings (rating_id, dossier_id, commune_code, level, rated_at, channel, updated_at, synthetic)
SELECT concat('R', dossier_id), dossier_id, commune_code,
    toUInt8(multiIf(h < 3, 1, h < 7, 2, h < 15, 3, h < 40, 4, 5)) AS level,
    assumeNotNull(finished_at) AS rated_at, 'tai_quay', rated_at, true
FROM (SELECT dossier_id, commune_code, finished_at, cityHash64(dossier_id, 2) % 100 AS h FROM dossiers
      WHERE finished_at IS NOT NULL AND cityHash64(dossier_id) % 10 < 3)`

export const GENERATE_COMPLAINTS = `
INSERT INTO complaints (complaint_id, commune_code, dossier_id, class, category, received_at, due_at, handled_at, satisfied, updated_at, synthetic)
SELECT concat('K', toString(number)),
    {codes:Array(String)}[1 + cityHash64(number, 1) % length({codes:Array(String)})],
    NULL,
    if(cityHash64(number, 2) % 100 < 79, 'quy_dinh', 'hanh_vi'),
    ['nhung_nhieu', 'them_giay_to', 'yeu_cau_vneid', 'cham_tre', 'thai_do', 'khac'][1 + cityHash64(number, 3) % 6],
    toDateTime64({dataFrom:String} || ' 09:00:00', 3, 'Asia/Ho_Chi_Minh') + toIntervalDay(cityHash64(number, 4) % {days:UInt32}) AS received,
    received + toIntervalDay(21),
    if(cityHash64(number, 5) % 100 < 90, received + toIntervalDay(cityHash64(number, 6) % 40), NULL) AS handled,
    if(handled IS NULL, NULL, cityHash64(number, 7) % 100 < 70),
    received, true
FROM numbers({k:UInt64})`

/** Writes the dossier columns the backlog needs to a TSV file (times with their +07 offset) for COPY. */
export async function exportForPostgres(ch: ChStore): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mck-bench-')), 'dossiers.tsv')
  const t = (c: string) => `formatDateTime(${c}, '%Y-%m-%d %H:%i:%S+07', 'Asia/Ho_Chi_Minh')`
  await ch.client.command({
    query: `INSERT INTO FUNCTION file('${file}', 'TabSeparated')
            SELECT commune_code, status, ${t('received_at')}, ${t('due_at')}, ${t('finished_at')}, ${t('returned_at')},
                   ${t('updated_at')}, supplement_count, supplement_hours
            FROM dossiers FINAL SETTINGS engine_file_truncate_on_insert = 1`,
    clickhouse_settings: { log_comment: 'bench:kpi export' },
  })
  return file
}

export const PG_SCHEMA = [
  `CREATE TABLE bench_dossiers (commune_code text NOT NULL, status int NOT NULL, received_at timestamptz, due_at timestamptz,
     finished_at timestamptz, returned_at timestamptz, updated_at timestamptz NOT NULL, supplement_count int NOT NULL,
     supplement_hours real NOT NULL)`,
  `CREATE TABLE bench_workdays (day date PRIMARY KEY, is_working boolean NOT NULL, seq int NOT NULL)`,
]
