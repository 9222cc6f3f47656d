/** The satisfaction page's province cards: rating levels (land procedures apart) and complaints by category. */
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { BarsChart } from '~/components/charts/Charts'
import { formatter } from '~/components/format'
import { Card, ResultView } from '~/components/states/States'
import type { Result } from '~/components/states/result'
import { TableView } from '~/components/table/TableView'
import { DrillLink } from '~/components/table/DrillLink'
import { KpiFigure } from '~/components/tiles/KpiFigure'
import type { Complaints, Satisfaction } from '~/kpi/index.server'
import type { ExportTable } from '~/lib/table-spec'
import type { ResolvedPeriod } from '~/lib/url-filters'

/** Ratings by level as bars (all procedures, land), the shares satisfied, the unsatisfied ratings' dossiers, QĐ 766's score. */
export function RatingsCard({ sat, period }: { sat: Result<Satisfaction>; period: ResolvedPeriod }) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang) }
  return (
    <Card title={t('sat.ratings')} id="ratings">
      <ResultView result={sat} what={t('sat.ratings')} isEmpty={(s) => s.ratings.rated === 0}>
        {(s) => (
          <>
            <BarsChart
              data={s.ratings.levels.map((n, i) => ({ level: t.code(`sat.level${i + 1}`), all: n, land: s.landRatings.levels[i] }))}
              xKey="level"
              series={[
                { key: 'all', label: t('sat.allProcedures') },
                { key: 'land', label: t('sat.landProcedures') },
              ]}
              label={t('sat.ratings')}
              formatY={(v) => fmtInt(v, lang)}
            />
            <div className="small">
              {t('sat.rated')}: {f.int(s.ratings.rated)} · <KpiFigure kpi="satisfied_share" value={s.ratings.satisfiedShare} /> ·{' '}
              <KpiFigure kpi="land_satisfied_share" value={s.landRatings.satisfiedShare} /> ({f.int(s.landRatings.rated)}) ·{' '}
              {t('drill.class.rated_unsatisfied')}:{' '}
              <DrillLink range={period.current} cls="rated_unsatisfied">
                {f.int(s.ratings.levels[0] + s.ratings.levels[1])}
              </DrillLink>
            </div>
            <div className="small muted">
              <KpiFigure kpi="qd766_satisfaction" value={s.dossierSatisfaction.rate} /> ({fmtInt(s.dossierSatisfaction.numerator, lang)}/
              {fmtInt(s.dossierSatisfaction.denominator, lang)}) →{' '}
              {s.dossierSatisfaction.points === null
                ? t('q766.notComputed')
                : `${formatter('score', lang)(s.dossierSatisfaction.points)}/6`}
            </div>
          </>
        )}
      </ResultView>
    </Card>
  )
}

/** Complaints by category (handled, answered, satisfied) with the totals by class and for land. */
export function CategoriesCard<R>({
  comp,
  search,
  tableOf,
}: {
  comp: Result<Complaints>
  search: string
  /** The categories' table (the loader's table spec, app/dashboard/satisfaction.tables.ts, which a component does not import). */
  tableOf: (c: Complaints) => ExportTable<R>
}) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang) }
  return (
    <Card title={t('sat.byCategory')} id="categories">
      <ResultView result={comp} what={t('sat.byCategory')}>
        {(c) => (
          <>
            <TableView
              id="categories"
              table={tableOf(c)}
              exportHref={`/export/satisfaction${search ? search + '&' : '?'}table=categories`}
              hideSmall={['handled', 'answered', 'satisfied']}
            />
            <p className="small">
              {t('sat.cls.hanh_vi')}: {f.int(c.byClass.hanh_vi.total)} · {t('sat.cls.quy_dinh')}: {f.int(c.byClass.quy_dinh.total)} ·{' '}
              {t('sat.landComplaints')}: {f.int(c.land.total)}
            </p>
          </>
        )}
      </ResultView>
    </Card>
  )
}
