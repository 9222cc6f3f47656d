/** The commune's time charts: the selected period, and monthly since January 2025 with the merger marked. */
import { useLang, useT } from '~/root'
import { fmtDate, fmtInt } from '~/i18n/format'
import { TrendChart } from '~/components/charts/Charts'
import type { TrendPoint } from '~/kpi/index.server'

export function flowRows(points: TrendPoint[]) {
  return points.map((p) => ({
    x: p.start,
    received: p.backlog?.received ?? null,
    processed: p.backlog?.processed ?? null,
    inProcess: p.backlog?.inProcess ?? null,
    overdue: p.backlog?.inProcessOverdue ?? null,
  }))
}

/** Names each partial bucket under a chart: which days it holds, so a short last month is not read as a drop. */
export function PartialNote({ points }: { points: Pick<TrendPoint, 'start' | 'from' | 'to'>[] }) {
  const t = useT()
  const lang = useLang()
  if (points.length === 0) return null
  return (
    <p className="muted small partial-note" data-testid="partial-note">
      * {t('chart.partialNote')}: {points.map((p) => `${fmtDate(p.from, lang)} – ${fmtDate(p.to, lang)}`).join('; ')}
    </p>
  )
}

export function FlowChart({ points, monthly, mergerDay }: { points: TrendPoint[]; monthly?: boolean; mergerDay?: string }) {
  const t = useT()
  const lang = useLang()
  const data = flowRows(points)
  const fx = (v: string) => (monthly ? fmtDate(v, lang).slice(3) : fmtDate(v, lang).slice(0, 5))
  const partial = points.filter((p) => p.partial && p.computed)
  return (
    <>
      <TrendChart
        data={data}
        xKey="x"
        label={t('commune.flowChartLabel')}
        formatX={fx}
        formatY={(v) => fmtInt(v, lang)}
        series={[
          { key: 'received', label: t('kpi.received') },
          { key: 'processed', label: t('kpi.processed') },
          { key: 'inProcess', label: t('kpi.backlog') },
          { key: 'overdue', label: t('kpi.overdue_open'), colour: '#D55E00', dashed: true },
        ]}
        markX={mergerDay && data.some((d) => d.x === mergerDay) ? { x: mergerDay, label: t('commune.merger') } : undefined}
        partialX={partial.map((p) => p.start)}
        partialLabel={t('chart.partial')}
      />
      <PartialNote points={partial} />
    </>
  )
}
