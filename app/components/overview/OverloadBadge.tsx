/** The overload level as a badge (bình thường / cần theo dõi / quá tải), with its reasons as a tooltip. */
import { useLang, useT } from '~/root'

export function OverloadBadge({
  level,
  noData,
  reasons,
}: {
  level: 'normal' | 'watch' | 'overload' | null
  noData?: boolean
  reasons?: { vi: string; en: string }[]
}) {
  const t = useT()
  const lang = useLang()
  if (level === null) return <span className="muted">—</span>
  if (noData) return <span className="level muted">{t('overload.noData')}</span>
  const why = (reasons ?? []).map((r) => r[lang]).join('; ')
  return (
    <span className={`level level-${level}`} title={why || undefined} data-level={level}>
      {t(`overload.${level}`)}
      {why ? <span className="sr-only">: {why}</span> : null}
    </span>
  )
}
