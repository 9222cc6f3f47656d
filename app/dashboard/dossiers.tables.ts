/** The dossier list (issue 14 item 4): one table definition for the page and for /export/dossiers (CSV dialect of ADR 022, XLSX). */
import { translate, translateCode, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import type { ExportColumn, ExportTable } from '../lib/table-spec.ts'
import type { DossierClass, DossierItem } from '../kpi/dossiers.server.ts'

const EVENT_CLASSES: readonly DossierClass[] = ['rated_unsatisfied', 'complained']

/** The column keys a list can be sorted by (the server-side sort of queries/dossier-list.ts). */
export const SORT_OF_COLUMN: Record<string, string> = {
  commune: 'commune',
  procedure: 'procedure',
  channel: 'channel',
  received: 'received',
  due: 'due',
  ended: 'ended',
  overdueDays: 'overdue_days',
  officer: 'officer',
  status: 'status',
}

export const channelLabel = (lang: Lang, c: number) => (c ? translateCode(lang, `drill.channel.${c}`) : '')
export const statusLabel = (lang: Lang, s: number) => (s ? translateCode(lang, `drill.status.${s}`) : '')

/** The rating level ("1") or the complaint category, in words. */
function noteLabel(lang: Lang, cls: DossierClass, note: string): string {
  if (cls === 'complained') return translateCode(lang, `sat.cat.${note}`)
  return note
}

export function dossierColumns(
  lang: Lang,
  cls: DossierClass,
  names: Record<string, string>,
  withCommune: boolean,
): ExportColumn<DossierItem>[] {
  const t = (k: MessageKey) => translate(lang, k)
  const events = EVENT_CLASSES.includes(cls)
  return [
    { key: 'dossierId', header: t('drill.id'), kind: 'text', value: (d) => d.dossierId || t('drill.noDossier'), width: 22 },
    ...(withCommune
      ? [{ key: 'commune', header: t('drill.commune'), kind: 'text' as const, value: (d: DossierItem) => names[d.commune] ?? d.commune }]
      : []),
    ...(events
      ? [
          { key: 'eventDay', header: t('drill.eventDay'), kind: 'date' as const, value: (d: DossierItem) => d.eventDay || null },
          { key: 'note', header: t('drill.note'), kind: 'text' as const, value: (d: DossierItem) => noteLabel(lang, cls, d.note) },
        ]
      : []),
    { key: 'procedure', header: t('drill.procedure'), kind: 'text', value: (d) => d.procedureName || d.procedureCode, width: 40 },
    { key: 'channel', header: t('drill.channel'), kind: 'text', value: (d) => channelLabel(lang, d.channel) },
    { key: 'received', header: t('drill.received'), kind: 'date', value: (d) => d.receivedDay || null },
    { key: 'due', header: t('drill.due'), kind: 'date', value: (d) => d.dueDay || null },
    { key: 'ended', header: t('drill.ended'), kind: 'date', value: (d) => d.endedDay || null },
    { key: 'overdueDays', header: t('drill.overdueDays'), kind: 'int', value: (d) => (d.dossierId ? d.overdueDays : null) },
    {
      key: 'officer',
      header: t('drill.officer'),
      kind: 'text',
      value: (d) => (d.dossierId ? (d.officerName ?? (d.officerId || t('drill.noOfficer'))) : ''),
      width: 24,
    },
    { key: 'status', header: t('drill.status'), kind: 'text', value: (d) => statusLabel(lang, d.status) },
  ]
}

export function dossierTable(
  lang: Lang,
  cls: DossierClass,
  items: readonly DossierItem[],
  notes: string[],
  names: Record<string, string>,
  commune: string | null,
): ExportTable<DossierItem> {
  return {
    name: `ho-so-${cls.replace(/_/g, '-')}${commune ? `-${commune}` : ''}`,
    title: `${translate(lang, 'drill.title')}: ${translate(lang, `drill.class.${cls}`)}`,
    notes,
    columns: dossierColumns(lang, cls, names, commune === null),
    rows: items,
  }
}
