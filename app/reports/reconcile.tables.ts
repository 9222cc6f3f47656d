/** The reconciliation rows as an exportable table (the page's rows; `only=diff` keeps the differences). */
import { translate, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import type { ExportTable } from '../lib/table-spec.ts'
import type { ReconRow } from './reconcile.server.ts'

export function reconcileTable(lang: Lang, rows: ReconRow[], notes: string[]): ExportTable<ReconRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'doi-chieu-766',
    title: t('rc.title'),
    notes,
    rows,
    columns: [
      { key: 'commune', header: t('rc.code'), kind: 'text' },
      { key: 'name', header: t('commune'), kind: 'text' },
      { key: 'metric', header: t('rc.metricCode'), kind: 'text' },
      { key: 'metricName', header: t('rc.metric'), kind: 'text', value: (r) => t(`q766.metric.${r.metric}`) },
      { key: 'portalNumerator', header: t('rc.portalNumerator'), kind: 'int', value: (r) => r.portal.numerator },
      { key: 'portalDenominator', header: t('rc.portalDenominator'), kind: 'int', value: (r) => r.portal.denominator },
      { key: 'portalPoints', header: t('rc.portalPoints'), kind: 'num2', value: (r) => r.portal.points },
      { key: 'oursNumerator', header: t('rc.oursNumerator'), kind: 'int', value: (r) => r.ours.numerator },
      { key: 'oursDenominator', header: t('rc.oursDenominator'), kind: 'int', value: (r) => r.ours.denominator },
      { key: 'oursPoints', header: t('rc.oursPoints'), kind: 'num2', value: (r) => r.ours.points },
      { key: 'diffPoints', header: t('rc.diff'), kind: 'num2', value: (r) => r.diffPoints },
      { key: 'status', header: t('rc.status'), kind: 'text', value: (r) => t(`rc.status.${r.status}`) },
      { key: 'differs', header: t('rc.differs'), kind: 'text', value: (r) => r.differs.map((d) => t(`rc.part.${d}`)).join(', ') },
    ],
  }
}
