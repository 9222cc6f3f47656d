/**
 * The same backlog, ageing, processing-time and dissatisfaction figures computed straight from
 * `dossiers FINAL` for [from, to] — the reference the rollup is tested against, the bench's baseline, and
 * the path for a commune detail that needs a non-default "nearly due" horizon. Reads every dossier of the
 * communes in scope received by `to`: use it for one commune or for tests, not for overviews.
 */
import { z } from 'zod'
import { CALENDAR, dossierFacts, nearlyDueAt, openAt, overdueAt, seqOf } from '../../../db/clickhouse/dossier-facts.ts'
import { communeCodes, defineQuery, num, sql, ymd } from '../../../db/clickhouse/query.ts'
import { AgeCounts, BacklogCounts, ProcessingHistogram } from './backlog.ts'

const START = sql`({from:Date} - 1)`
const OPEN_END = openAt(sql`{to:Date}`)
const OD = overdueAt(sql`{to:Date}`)
const ND = nearlyDueAt(sql`{to:Date}`, sql`to_seq`)
const DONE = sql`(is_finished AND eday BETWEEN {from:Date} AND {to:Date})`
const AGE = sql`(to_seq - r_seq)`

export const backlogFromDossiersRows = defineQuery({
  name: 'backlog from dossiers',
  params: z.object({ communes: communeCodes, from: ymd, to: ymd, nearlyDueDays: z.number().int().min(0).max(30) }),
  row: BacklogCounts.merge(AgeCounts).merge(ProcessingHistogram).extend({ commune_code: z.string(), dissatisfied: num }),
  sql: sql`
WITH ${CALENDAR}, ${seqOf(sql`{to:Date}`)} AS to_seq
SELECT commune_code,
    countIf(${openAt(START)}) AS carried_over,
    countIf(rday >= {from:Date}) AS received,
    countIf(${DONE} AND fin_early) AS processed_early,
    countIf(${DONE} AND fin_on_time) AS processed_on_time,
    countIf(${DONE} AND fin_late) AS processed_late,
    countIf(${DONE} AND is_cancelled) AS processed_cancelled,
    countIf(${OPEN_END} AND NOT ${OD} AND NOT ${ND}) AS in_process_not_due,
    countIf(${OPEN_END} AND ${ND}) AS in_process_nearly_due,
    countIf(${OPEN_END} AND ${OD}) AS in_process_overdue,
    countIf(${OPEN_END} AND ${AGE} <= 5) AS age_0_5,
    countIf(${OPEN_END} AND ${AGE} BETWEEN 6 AND 10) AS age_6_10,
    countIf(${OPEN_END} AND ${AGE} BETWEEN 11 AND 20) AS age_11_20,
    countIf(${OPEN_END} AND ${AGE} > 20) AS age_over_20,
    countIf(${DONE}) AS finished,
    sumIf(proc_days, ${DONE}) AS days_sum,
    mapKeys(sumMapIf(map(toUInt16(proc_days), toUInt32(1)), ${DONE})) AS hist_days,
    mapValues(sumMapIf(map(toUInt16(proc_days), toUInt32(1)), ${DONE})) AS hist_counts,
    countIf(${DONE} AND (fin_late OR rated_unsatisfied OR complained))
      + countIf(${OPEN_END} AND (${OD} OR rated_unsatisfied OR complained)) AS dissatisfied
FROM (${dossierFacts(sql`rday <= {to:Date} AND (NOT is_finished OR eday >= {from:Date})`)})
GROUP BY commune_code`,
})
