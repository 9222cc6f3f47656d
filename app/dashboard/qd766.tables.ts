/** The 766 scorecard per commune, for the page and /export/qd766 (a not-computed group is an empty cell). */
import { translate, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import type { ExportTable } from '../lib/table-spec.ts'
import type { GroupCode, ScoreRow } from './qd766.server.ts'

export function scorecardTable(
  lang: Lang,
  rows: readonly ScoreRow[],
  groups: { code: GroupCode; max: number }[],
  notes: string[],
): ExportTable<ScoreRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'chi-so-766-theo-xa',
    title: t('q766.scorecardTitle'),
    notes: [...notes, t('q766.rankNote'), t('q766.onlineNote')],
    rows,
    columns: [
      { key: 'rank', header: t('q766.rank'), kind: 'int' },
      { key: 'name', header: t('commune'), kind: 'text', width: 24 },
      ...groups.map((g) => ({
        key: g.code,
        header: `${t(`q766.group.${g.code}`)} (${g.max})`,
        kind: 'num2' as const,
        value: (r: ScoreRow) => r.groups[g.code],
      })),
      { key: 'total', header: t('kpi.qd766_total'), kind: 'num2' },
      { key: 'outOf', header: t('q766.outOf'), kind: 'num2' },
      { key: 'share', header: t('q766.share'), kind: 'pct' },
      { key: 'tdgqNumerator', header: t('q766.onTimeDossiers'), kind: 'int' },
      { key: 'tdgqDenominator', header: t('q766.toProcess'), kind: 'int' },
    ],
  }
}
