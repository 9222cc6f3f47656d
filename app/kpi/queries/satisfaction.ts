/**
 * Satisfaction per commune for [from, to]: `scanFrom` (from − 31) is where the carried-over stock is found,
 * `endAt` the first instant after the period (`to` + 1 day, 00:00 Asia/Ho_Chi_Minh).
 */
import { z } from 'zod'
import { CommunePeriod, defineQuery, IN_SCOPE, num, sql, ymd } from '../../../db/clickhouse/query.ts'

const levels = [1, 2, 3, 4, 5]

/** The satisfaction columns over commune_day rows of [scanFrom, to] (also read by communePeriodRows, commune-period.ts). */
export const SATISFACTION_COLUMNS = sql`
    ${sql.raw(levels.map((l) => `sumIf(rating_${l}, day >= {from:Date}) AS r${l}`).join(', '))},
    ${sql.raw(levels.map((l) => `sumIf(land_rating_${l}, day >= {from:Date}) AS land_r${l}`).join(', '))},
    argMaxIf(open_not_due + open_nearly_due + open_overdue, day, day < {from:Date}) + sumIf(received, day >= {from:Date}) AS to_process,
    sumIf(finished_dissatisfied, day >= {from:Date}) + argMaxIf(open_dissatisfied, day, day >= {from:Date}) AS dissatisfied`

/** Counter ratings by level (all / land) and the 766 "satisfaction in TTHC" counts, from commune_day. */
export const satisfactionRows = defineQuery({
  name: 'satisfaction from commune_day',
  params: CommunePeriod.extend({ scanFrom: ymd }),
  row: z.object({
    commune_code: z.string(),
    r1: num,
    r2: num,
    r3: num,
    r4: num,
    r5: num,
    land_r1: num,
    land_r2: num,
    land_r3: num,
    land_r4: num,
    land_r5: num,
    to_process: num,
    dissatisfied: num,
  }),
  sql: sql`
SELECT commune_code,${SATISFACTION_COLUMNS}
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {scanFrom:Date} AND {to:Date}
GROUP BY commune_code`,
})

/**
 * Complaints (PAKN) received in the period, by class, category and whether they name a land dossier —
 * read from the complaints table itself (hundreds a year per province; sorted by commune), not a rollup.
 * Evaluated as at the end of the period, like dossiers: handled = handled before the period ended; on time
 * = handled by its deadline (HanXuLy, the 15-working-day limit), or still pending at the period end with
 * its deadline after it; overdue = pending at the period end past its deadline. The answer to "satisfied
 * with the handling" is taken as known now.
 */
export const complaintsByCategoryRows = defineQuery({
  name: 'complaints by category',
  params: CommunePeriod.extend({ endAt: z.string().regex(/^\d{4}-\d{2}-\d{2} 00:00:00\.000$/) }),
  row: z.object({
    commune_code: z.string(),
    class: z.string(),
    category: z.string(),
    is_land: z.union([z.boolean(), z.coerce.number().transform((n) => n !== 0)]),
    n_total: num,
    n_handled: num,
    n_on_time: num,
    n_overdue: num,
    n_answered: num,
    n_satisfied: num,
  }),
  sql: sql`
SELECT commune_code, class, category, is_land,
    count() AS n_total,
    countIf(handled_in) AS n_handled,
    countIf((handled_in AND assumeNotNull(handled_at) <= due_at) OR (NOT handled_in AND due_at >= {endAt:DateTime64(3, 'Asia/Ho_Chi_Minh')})) AS n_on_time,
    countIf(NOT handled_in AND due_at < {endAt:DateTime64(3, 'Asia/Ho_Chi_Minh')}) AS n_overdue,
    countIf(satisfied IS NOT NULL) AS n_answered,
    countIf(ifNull(satisfied, false)) AS n_satisfied
FROM (
    SELECT commune_code, class, category, handled_at, due_at, satisfied,
        ifNull(handled_at < {endAt:DateTime64(3, 'Asia/Ho_Chi_Minh')}, false) AS handled_in,
        ifNull(dossier_id IN (SELECT dossier_id FROM dossiers FINAL
            WHERE ${IN_SCOPE} AND field_code = 'dat_dai'
              AND dossier_id IN (SELECT assumeNotNull(dossier_id) FROM complaints WHERE dossier_id IS NOT NULL
                                 AND ${IN_SCOPE})), false) AS is_land
    FROM complaints FINAL
    WHERE ${IN_SCOPE} AND toDate(received_at) BETWEEN {from:Date} AND {to:Date}
)
GROUP BY commune_code, class, category, is_land`,
})

/** Digitisation and online-payment counts for the 766 index, from commune_day. */
export const DigitisationCounts = z.object({
  received: num,
  resolved: num,
  e_result: num,
  digitised: num,
  data_reused: num,
  population_data: num,
  with_fee: num,
  paid_online: num,
  synthetic_events: num,
})
export type DigitisationCounts = z.infer<typeof DigitisationCounts>

/**
 * The digitisation columns but `received` (the backlog's) over commune_day rows from {from} (its own query
 * reads only [from, to]; the combined read of commune-period.ts starts at scanFrom, so each counts from {from}).
 */
export const DIGITISATION_COLUMNS = sql`
    sumIf(finished_resolved, day >= {from:Date}) AS resolved,
    sumIf(e_result, day >= {from:Date}) AS e_result,
    sumIf(digitised, day >= {from:Date}) AS digitised,
    sumIf(data_reused, day >= {from:Date}) AS data_reused,
    sumIf(population_data, day >= {from:Date}) AS population_data,
    sumIf(with_fee, day >= {from:Date}) AS with_fee,
    sumIf(paid_online, day >= {from:Date}) AS paid_online,
    sumIf(synthetic_events, day >= {from:Date}) AS synthetic_events`

export const digitisationRows = defineQuery({
  name: 'digitisation from commune_day',
  params: CommunePeriod,
  row: DigitisationCounts.extend({ commune_code: z.string() }),
  sql: sql`
SELECT commune_code, sum(received) AS received,${DIGITISATION_COLUMNS}
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {from:Date} AND {to:Date}
GROUP BY commune_code`,
})
