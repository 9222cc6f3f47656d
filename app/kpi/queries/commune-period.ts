/**
 * One read of `commune_day` per (communes, period) for the backlog, the satisfaction counts and the 766
 * digitisation counts (ADR 025). The overview, the 766 page and the API asked the same rows three times per
 * period (backlog, satisfaction, digitisation: 10 reads for the overview, which chDB runs one at a time); the
 * KPI functions now all call this query with the same parameters, so the query layer runs it once and shares
 * the answer among them. Each column is the expression of its own query (backlog.ts, satisfaction.ts).
 */
import { CommunePeriod, defineQuery, IN_SCOPE, sql, ymd } from '../../../db/clickhouse/query.ts'
import { BACKLOG_COLUMNS, backlogRows } from './backlog.ts'
import { DIGITISATION_COLUMNS, DigitisationCounts, SATISFACTION_COLUMNS, satisfactionRows } from './satisfaction.ts'

export const communePeriodRows = defineQuery({
  name: 'backlog, satisfaction and digitisation from commune_day',
  params: CommunePeriod.extend({ scanFrom: ymd }),
  row: backlogRows.definition.row.merge(satisfactionRows.definition.row).merge(DigitisationCounts),
  // prefer_column_name_to_alias: `received` inside the satisfaction's to_process is the column, not the
  // backlog's alias of the same name.
  sql: sql`
SELECT commune_code,${BACKLOG_COLUMNS},${SATISFACTION_COLUMNS},${DIGITISATION_COLUMNS}
FROM commune_day FINAL
WHERE ${IN_SCOPE} AND day BETWEEN {scanFrom:Date} AND {to:Date}
GROUP BY commune_code
SETTINGS prefer_column_name_to_alias = 1`,
})
