/**
 * The dossiers behind a count (issue 14 item 4, ADR 026): one row per dossier of a class, for communes ×
 * [from, to], with the SAME predicates as the counts — the per-dossier facts of db/clickhouse/dossier-facts.ts
 * and the class conditions of the rollup (etl/jobs/rollups/sql/commune-day.ts) and of the direct computation
 * (backlog-from-dossiers.ts):
 *  - received              = received in [from, to] (the rollup's kind 1 events);
 *  - processed_*           = finished in [from, to], classified early / on time / late (kind 2);
 *  - in_process_*          = open at the end of {asOf} (the stock day: `to`, or today for a period running
 *                            into the future), by due bucket (kind 3 on that day);
 *  - supplement_requested  = received in [from, to] with at least one supplement request (as `supplement_requested`).
 * Ratings and complaints are events, not dossier states: their lists have one row per rating of level 1–2
 * rated in [from, to] (the satisfaction page's levels 1 + 2) and one row per complaint received in [from, to]
 * (the complaints total), each with the dossier it names when there is one.
 * Paged and sorted in ClickHouse: the sort column and direction are code constants (one definition per
 * class × sort, built on first use); LIMIT / OFFSET are parameters. No personal data is stored or read.
 */
import { z } from 'zod'
import { CALENDAR, dossierFacts, nearlyDueAt, openAt, overdueAt, seqOf } from '../../../db/clickhouse/dossier-facts.ts'
import { communeCodes, defineQuery, IN_SCOPE, num, numOrNull, type Query, sql, type Sql, ymd } from '../../../db/clickhouse/query.ts'

import { DOSSIER_CLASSES, DOSSIER_SORTS, type DossierClass, type DossierSort } from '../dossier-classes.ts'

export { DOSSIER_CLASSES, DOSSIER_SORTS, type DossierClass, type DossierSort }

const IN_PERIOD = sql`(rday BETWEEN {from:Date} AND {to:Date})`
const DONE = sql`(is_finished AND eday BETWEEN {from:Date} AND {to:Date})`
const OPEN = openAt(sql`{asOf:Date}`)
const OD = overdueAt(sql`{asOf:Date}`)
const ND = nearlyDueAt(sql`{asOf:Date}`, sql`as_of_seq`)

/** The condition of each dossier class (over dossierFacts' aliases). */
const DOSSIER_WHERE: Record<Exclude<DossierClass, 'rated_unsatisfied' | 'complained'>, Sql> = {
  received: IN_PERIOD,
  processed_early: sql`(${DONE} AND fin_early)`,
  processed_on_time: sql`(${DONE} AND fin_on_time)`,
  processed_late: sql`(${DONE} AND fin_late)`,
  in_process_not_due: sql`(${OPEN} AND NOT ${OD} AND NOT ${ND})`,
  in_process_nearly_due: sql`(${OPEN} AND ${ND})`,
  in_process_overdue: sql`(${OPEN} AND ${OD})`,
  processed: DONE,
  in_process: OPEN,
  supplement_requested: sql`(${IN_PERIOD} AND supplement_count >= 1)`,
}

/** Working days past the effective due day: at the end of processing (finished) or at {asOf} (open). */
const OVERDUE_DAYS = sql`if(NOT has_due, 0, greatest(0, if(is_finished AND eday <= {asOf:Date}, e_seq, as_of_seq) - due_seq))`

/** Per-dossier columns of a list row (commune_code and dossier_id apart). */
const FACTS = sql`
    procedure_code, procedure_name, channel, status, officer_id, supplement_count,
    toString(rday) AS received_day,
    if(has_due, toString(due_day), '') AS due_day_s,
    if(is_finished AND eday <= {asOf:Date}, toString(eday), '') AS ended_day,
    ${OVERDUE_DAYS} AS overdue_days`
const OUT = sql`commune_code, dossier_id, procedure_code, procedure_name, channel, status, officer_id, supplement_count,
    received_day, due_day_s AS due_day, ended_day, overdue_days, event_day, note`
/** The facts of every dossier of the communes, to join events (ratings, complaints) to. */
const JOINED = sql`(SELECT dossier_id AS fid, ${FACTS} FROM (${dossierFacts()})) AS f`

/** Ratings of level 1–2 in the period, with the dossier they name. */
const RATED = sql`
    SELECT ${OUT} FROM (
        SELECT commune_code, dossier_id, toString(toDate(rated_at)) AS event_day, toString(level) AS note
        FROM ratings FINAL
        WHERE ${IN_SCOPE} AND level <= 2 AND toDate(rated_at) BETWEEN {from:Date} AND {to:Date}
    ) AS r LEFT JOIN ${JOINED} ON f.fid = r.dossier_id`

/** Complaints received in the period, with the dossier they name (if any). */
const COMPLAINED = sql`
    SELECT ${OUT} FROM (
        SELECT commune_code, ifNull(dossier_id, '') AS dossier_id, toString(toDate(received_at)) AS event_day, category AS note
        FROM complaints FINAL
        WHERE ${IN_SCOPE} AND toDate(received_at) BETWEEN {from:Date} AND {to:Date}
    ) AS c LEFT JOIN ${JOINED} ON f.fid = c.dossier_id`

/** The rows of a class, before ordering and paging. */
function classRows(cls: DossierClass): Sql {
  if (cls === 'rated_unsatisfied') return RATED
  if (cls === 'complained') return COMPLAINED
  return sql`SELECT ${OUT} FROM (SELECT commune_code, dossier_id, ${FACTS}, '' AS event_day, '' AS note FROM (${dossierFacts(DOSSIER_WHERE[cls])}))`
}

const ORDER: Record<DossierSort, string> = {
  received: 'received_day',
  due: 'due_day',
  ended: 'ended_day',
  overdue_days: 'overdue_days',
  procedure: 'procedure_name',
  channel: 'channel',
  officer: 'officer_id',
  status: 'status',
  commune: 'commune_code',
}

export const DossierListParams = z.object({
  communes: communeCodes,
  from: ymd,
  to: ymd,
  asOf: ymd,
  nearlyDueDays: z.number().int().min(0).max(30),
})
const PagedParams = DossierListParams.extend({ limit: z.number().int().min(1).max(100_000), offset: z.number().int().min(0) })

export const DossierListRow = z.object({
  commune_code: z.string(),
  dossier_id: z.string(),
  procedure_code: z.string(),
  procedure_name: z.string(),
  channel: num,
  status: num,
  officer_id: z.string(),
  supplement_count: num,
  received_day: z.string(),
  due_day: z.string(),
  ended_day: z.string(),
  overdue_days: numOrNull,
  event_day: z.string(),
  note: z.string(),
})
export type DossierListRow = z.infer<typeof DossierListRow>

type ListQuery = Query<typeof PagedParams, typeof DossierListRow>
const lists = new Map<string, ListQuery>()

/** The page of a class sorted by `sort` (then by dossier id, so pages never overlap). */
export function dossierListQuery(cls: DossierClass, sort: DossierSort, desc: boolean): ListQuery {
  const key = `${cls}:${sort}:${desc}`
  let q = lists.get(key)
  if (!q) {
    const dir = sql.raw(desc ? 'DESC' : 'ASC')
    q = defineQuery({
      name: `dossier list ${cls} by ${sort} ${desc ? 'desc' : 'asc'}`,
      params: PagedParams,
      row: DossierListRow,
      sql: sql`
WITH ${CALENDAR}, ${seqOf(sql`{asOf:Date}`)} AS as_of_seq
SELECT * FROM (${classRows(cls)})
ORDER BY ${sql.raw(ORDER[sort])} ${dir}, commune_code ${dir}, dossier_id ${dir}, event_day ${dir}
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    })
    lists.set(key, q)
  }
  return q
}

type CountQuery = Query<typeof DossierListParams, z.ZodObject<{ n: typeof num }>>
const counts = new Map<DossierClass, CountQuery>()

/** How many rows the class has (the list's length; the count the pages show). */
export function dossierCountQuery(cls: DossierClass): CountQuery {
  let q = counts.get(cls)
  if (!q) {
    q = defineQuery({
      name: `dossier count ${cls}`,
      params: DossierListParams,
      row: z.object({ n: num }),
      sql: sql`
WITH ${CALENDAR}, ${seqOf(sql`{asOf:Date}`)} AS as_of_seq
SELECT count() AS n FROM (${classRows(cls)})`,
    })
    counts.set(cls, q)
  }
  return q
}
