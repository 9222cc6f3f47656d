/** The staffing page's commune table, for the page and /export/staffing. */
import { translate, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import { reasonsColumn, type ExportTable } from '../lib/table-spec.ts'
import type { StaffingRow } from './staffing.server.ts'

export function staffingTable(lang: Lang, rows: readonly StaffingRow[], notes: string[]): ExportTable<StaffingRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'nhan-su',
    title: t('staff.tableTitle'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'name', header: t('commune'), kind: 'text', width: 24 },
      {
        key: 'level',
        header: t('kpi.overload'),
        kind: 'text',
        value: (r) => (r.level === null ? null : r.noData ? t('overload.noData') : t(`overload.${r.level}`)),
      },
      { key: 'required', header: t('staff.required'), kind: 'int', total: 'sum' },
      { key: 'assigned', header: t('staff.assigned'), kind: 'int', total: 'sum' },
      { key: 'gap', header: t('staff.gap'), kind: 'int', total: 'sum' },
      { key: 'predictedLate', header: t('staff.predictedLate'), kind: 'num1', total: 'sum' },
      { key: 'predictedWaitMinutes', header: t('staff.predictedWait'), kind: 'num1' },
      { key: 'receivedPerDay', header: t('kpi.received_per_day'), kind: 'num1', total: 'sum' },
      { key: 'perOfficerPerDay', header: t('kpi.per_officer_per_day'), kind: 'num1' },
      { key: 'weightedPerOfficerPerDay', header: t('staff.weightedPerOfficer'), kind: 'num1' },
      { key: 'utilisation', header: t('kpi.utilisation'), kind: 'pct' },
      { key: 'probWait', header: t('staff.probWait'), kind: 'pct' },
      { key: 'overdue', header: t('kpi.overdue_open'), kind: 'int', total: 'sum' },
      { key: 'overdueShare', header: t('kpi.overdue_share'), kind: 'pct' },
      { key: 'nearlyDue', header: t('staff.nearlyDue'), kind: 'int', total: 'sum' },
      reasonsColumn(t('staff.reasons'), lang),
    ],
  }
}
