/** The satisfaction page's tiles: shares satisfied (all, land), complaints in all and by category, handled on time. */
import { useLang, useT } from '~/root'
import { KpiTile, type TileData } from '~/components/tiles/KpiTile'
import { formatter } from '~/components/format'
import type { Result } from '~/components/states/result'
import { drillHref } from '~/lib/drill'
import type { ResolvedPeriod } from '~/lib/url-filters'
import type { loadSatisfaction } from '~/dashboard/satisfaction.server'

type Loaded = Awaited<ReturnType<typeof loadSatisfaction>>

/** A tile's figure from this period's result and the comparison period's (its error when this one failed). */
const tile = <A,>(cur: Result<A>, prev: Result<A>, value: (a: A) => number | null, target?: number | null): Result<TileData> =>
  cur.ok ? { ok: true, data: { value: value(cur.data), previous: prev.ok ? value(prev.data) : null, target: target ?? null } } : cur

export function SatisfactionTiles({ data, period }: { data: Omit<Loaded, 'rows'>; period: ResolvedPeriod }) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang), pct: formatter('pct', lang), pp: formatter('pp', lang) }
  const { sat, satPrev, comp, compPrev, targets } = data
  const tgt = targets.ok ? (targets.data.satisfied_share?.target ?? null) : null
  return (
    <section className="tiles" aria-label={t('overview.tiles')}>
      <KpiTile
        id="satisfied"
        kpi="satisfied_share"
        result={tile(sat, satPrev, (s) => s.ratings.satisfiedShare, tgt)}
        direction="higher_better"
        format={f.pct}
        formatDelta={f.pp}
        href="#ratings"
      />
      <KpiTile
        id="landSatisfied"
        kpi="land_satisfied_share"
        result={tile(sat, satPrev, (s) => s.landRatings.satisfiedShare, tgt)}
        direction="higher_better"
        format={f.pct}
        formatDelta={f.pp}
        href="#ratings"
      />
      <KpiTile
        id="complaints"
        kpi="complaints"
        result={tile(comp, compPrev, (c) => c.total)}
        direction="lower_better"
        format={f.int}
        href={drillHref(null, period.current, 'complained')}
      />
      <KpiTile
        id="harassment"
        kpi="harassment_complaints"
        result={tile(comp, compPrev, (c) => c.byCategory.nhung_nhieu.total)}
        direction="lower_better"
        format={f.int}
        href="#categories"
      />
      <KpiTile
        id="extraPapers"
        kpi="complaints_extra_papers"
        result={tile(comp, compPrev, (c) => c.byCategory.them_giay_to.total)}
        direction="lower_better"
        format={f.int}
        href="#categories"
      />
      <KpiTile
        id="vneid"
        kpi="complaints_vneid"
        result={tile(comp, compPrev, (c) => c.byCategory.yeu_cau_vneid.total)}
        direction="lower_better"
        format={f.int}
        href="#categories"
      />
      <KpiTile
        id="onTimeHandling"
        kpi="complaints_on_time"
        result={tile(comp, compPrev, (c) => (c.total ? c.onTime / c.total : null))}
        direction="higher_better"
        format={f.pct}
        formatDelta={f.pp}
        href="#categories"
      />
    </section>
  )
}
