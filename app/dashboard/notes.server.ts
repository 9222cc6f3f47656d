/** The lines printed under an export's title: period, comparison, generation time and the synthetic-data label. */
import { fmtDate, fmtDateTime, type Lang } from '../i18n/format.ts'
import { translate, type MessageKey } from '../i18n/messages.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'

export function periodNotes(
  lang: Lang,
  p: Pick<ResolvedPeriod, 'current' | 'comparison'> | null,
  synthetic: boolean,
  extra: string[] = [],
): string[] {
  const t = (k: MessageKey) => translate(lang, k)
  const lines: string[] = []
  if (p) lines.push(`${t('dash.period')}: ${fmtDate(p.current.from, lang)} – ${fmtDate(p.current.to, lang)}`)
  lines.push(...extra)
  lines.push(`${t('export.generated')}: ${fmtDateTime(new Date(), lang)}`)
  if (synthetic) lines.push(t('syntheticData'))
  return lines
}
