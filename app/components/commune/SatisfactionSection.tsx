/** The commune page's satisfaction card: rating levels (land apart) and complaints by category. */
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { BarsChart } from '~/components/charts/Charts'
import { formatter } from '~/components/format'
import type { Complaints, Satisfaction } from '~/kpi/index.server'
import { DrillLink } from '~/components/table/DrillLink'

export function SatisfactionSection({
  satisfaction,
  complaints,
  drill,
}: {
  satisfaction: Satisfaction
  complaints: Complaints
  /** Where the counts link to their dossiers (issue 14 item 4). */
  drill?: { commune: string | null; range: { from: string; to: string } }
}) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang), pct: formatter('pct', lang) }
  const d = { satisfaction, complaintsDetail: complaints }
  return (
    <div className="grid grid-2">
      <div>
        <h3>{t('sat.ratings')}</h3>
        <BarsChart
          data={d.satisfaction.ratings.levels.map((n, i) => ({ level: t.code(`sat.level${i + 1}`), n }))}
          xKey="level"
          series={[{ key: 'n', label: t('sat.count') }]}
          label={t('sat.ratings')}
          height={200}
          formatY={(v) => fmtInt(v, lang)}
        />
        <p>
          {t('kpi.satisfied_share')}: <strong>{f.pct(d.satisfaction.ratings.satisfiedShare)}</strong> (
          {fmtInt(d.satisfaction.ratings.satisfied, lang)}/{fmtInt(d.satisfaction.ratings.rated, lang)}) · {t('sat.land')}:{' '}
          <strong>{f.pct(d.satisfaction.landRatings.satisfiedShare)}</strong>
        </p>
        {drill ? (
          <p data-testid="rated-unsatisfied">
            {t('drill.class.rated_unsatisfied')}:{' '}
            <DrillLink commune={drill.commune} range={drill.range} cls="rated_unsatisfied">
              {fmtInt(d.satisfaction.ratings.levels[0] + d.satisfaction.ratings.levels[1], lang)}
            </DrillLink>
          </p>
        ) : null}
      </div>
      <div>
        <h3>{t('sat.complaints')}</h3>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('sat.category')}</th>
              <th scope="col" className="num">
                {t('sat.count')}
              </th>
              <th scope="col" className="num">
                {t('sat.onTime')}
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(d.complaintsDetail.byCategory).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{t.code(`sat.cat.${k}`)}</th>
                <td className="num">{f.int(v.total)}</td>
                <td className="num">{f.int(v.onTime)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dash.total')}</th>
              <td className="num">
                {drill ? (
                  <DrillLink commune={drill.commune} range={drill.range} cls="complained">
                    {f.int(d.complaintsDetail.total)}
                  </DrillLink>
                ) : (
                  f.int(d.complaintsDetail.total)
                )}
              </td>
              <td className="num">{f.int(d.complaintsDetail.onTime)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  )
}
