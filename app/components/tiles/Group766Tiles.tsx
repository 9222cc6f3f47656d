/**
 * The Decision 766 groups as tiles: "x / computable points" each, with the catalogue's label and ⓘ
 * (`qd766_group_<code>`, ADR 037) and the points marked `data-kpi` / `data-value` like every other figure.
 */
import { dataValue, formatMetric, metricLabel, type MetricId } from '~/kpi/catalogue'
import { useLang, useT } from '~/root'
import { KpiInfo } from './KpiInfo'

export interface GroupTile {
  code: string
  max: number
  points: number | null
  computable: number | null
}

export function Group766Tiles({ groups }: { groups: readonly GroupTile[] }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      {groups.map((g) => {
        const kpi = `qd766_group_${g.code}` as MetricId
        const label = metricLabel(lang, kpi)
        return (
          <div key={g.code} className="tile-box">
            <div className="tile" role="group" aria-label={label} data-group={g.code}>
              <div className="tile-label">{label}</div>
              <div className="tile-value" data-kpi={kpi} data-value={dataValue(g.points)}>
                {g.points === null ? (
                  <span className="not-computed">{t('q766.notComputed')}</span>
                ) : (
                  `${formatMetric(kpi, g.points, lang)} / ${formatMetric(kpi, g.computable, lang)}`
                )}
              </div>
              <div className="tile-meta small muted">
                {g.points === null
                  ? `/ ${g.max}`
                  : g.computable === g.max
                    ? t('q766.computable')
                    : `${t('q766.computable')} (${t('q766.max')} ${g.max})`}
              </div>
            </div>
            <KpiInfo kpi={kpi} className="tile-info" />
          </div>
        )
      })}
    </>
  )
}
