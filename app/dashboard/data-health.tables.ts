/** The Data page's tables as exportable tables (same rows as the page). */
import { translate, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import type { ExportTable } from '../lib/export.server.ts'
import type { JobRow, RejectRow } from './data-health.server.ts'

export function jobsExport(lang: Lang, rows: JobRow[]): ExportTable<JobRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'du-lieu-tac-vu',
    title: t('data.jobsTitle'),
    rows,
    columns: [
      { key: 'job', header: t('data.job'), kind: 'text' },
      { key: 'schedule', header: t('data.schedule'), kind: 'text' },
      { key: 'lastStatus', header: t('data.lastStatus'), kind: 'text' },
      { key: 'lastRunAt', header: t('data.lastRunAt'), kind: 'datetime' },
      { key: 'lastSuccessAt', header: t('data.lastSuccessAt'), kind: 'datetime' },
      { key: 'late', header: t('data.late'), kind: 'text', value: (r) => (r.late ? t('data.yes') : t('data.no')) },
      { key: 'read', header: t('data.read'), kind: 'int', value: (r) => r.lastRun?.read ?? null },
      { key: 'loaded', header: t('data.loaded'), kind: 'int', value: (r) => r.lastRun?.loaded ?? null },
      { key: 'rejected', header: t('data.rejected'), kind: 'int', value: (r) => r.lastRun?.rejected ?? null },
      { key: 'failed24h', header: t('data.failed24h'), kind: 'int', total: 'sum' },
      { key: 'error', header: t('data.error'), kind: 'text', value: (r) => r.lastRun?.error ?? null },
    ],
  }
}

export function rejectsExport(lang: Lang, rows: RejectRow[], notes: string[]): ExportTable<RejectRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'du-lieu-ban-ghi-loai',
    title: t('data.rejectsTitle'),
    notes,
    rows,
    columns: [
      { key: 'at', header: t('data.at'), kind: 'datetime' },
      { key: 'job', header: t('data.job'), kind: 'text' },
      { key: 'reason', header: t('data.reason'), kind: 'text' },
      { key: 'recordId', header: t('data.recordId'), kind: 'text' },
      { key: 'detail', header: t('data.detail'), kind: 'text' },
      { key: 'runId', header: t('data.runId'), kind: 'int' },
      { key: 'raw', header: t('data.raw'), kind: 'text' },
    ],
  }
}
