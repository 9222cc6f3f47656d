/** The satisfaction page's commune table: ratings, complaints by category and on-time handling, with the province's totals. */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { formatter } from '~/components/format'
import { Card, ResultView } from '~/components/states/States'
import type { Result } from '~/components/states/result'
import { DataTable, type Column } from '~/components/table/DataTable'
import { DrillLink } from '~/components/table/DrillLink'
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import type { SatisfactionRow } from '~/dashboard/satisfaction.server'
import type { ResolvedPeriod } from '~/lib/url-filters'

type Totals = Record<string, number | null>

/** The table's columns: a commune links to its page (period kept), complaints to their dossiers. */
function useColumns(period: ResolvedPeriod): Column<SatisfactionRow>[] {
  const t = useT()
  const lang = useLang()
  const { keep } = usePeriodSearch()
  const f = { int: formatter('int', lang), pct: formatter('pct', lang) }
  return [
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#satisfaction`}>{r.name}</Link>,
    },
    { key: 'rated', header: t('sat.rated'), numeric: true, value: (r) => r.rated, render: (r) => f.int(r.rated), className: 'hide-sm' },
    {
      key: 'satisfiedShare',
      header: t('kpi.satisfied_share'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.satisfiedShare,
      render: (r) => f.pct(r.satisfiedShare),
    },
    {
      key: 'landSatisfiedShare',
      header: t('sat.landShare'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.landSatisfiedShare,
      render: (r) => f.pct(r.landSatisfiedShare),
      className: 'hide-sm',
    },
    {
      key: 'complaints',
      header: t('sat.complaints'),
      numeric: true,
      value: (r) => r.complaints,
      render: (r) => (
        <DrillLink commune={r.code} range={period.current} cls="complained">
          {f.int(r.complaints)}
        </DrillLink>
      ),
    },
    { key: 'harassment', header: t('sat.cat.nhung_nhieu'), numeric: true, value: (r) => r.harassment, render: (r) => f.int(r.harassment) },
    {
      key: 'extraPapers',
      header: t('sat.cat.them_giay_to'),
      numeric: true,
      value: (r) => r.extraPapers,
      render: (r) => f.int(r.extraPapers),
      className: 'hide-sm',
    },
    {
      key: 'vneid',
      header: t('sat.cat.yeu_cau_vneid'),
      numeric: true,
      value: (r) => r.vneid,
      render: (r) => f.int(r.vneid),
      className: 'hide-sm',
    },
    {
      key: 'onTimeRate',
      header: t('sat.onTimeRate'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.onTimeRate,
      render: (r) => f.pct(r.onTimeRate),
    },
  ]
}

/** The province's row under the table: the totals the loader computed from the table's spec. */
function TotalsRow({ totals }: { totals: Totals }) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang), pct: formatter('pct', lang) }
  return (
    <tr data-testid="satisfaction-totals">
      <th scope="row">{t('dash.total')}</th>
      <td className="num hide-sm">{f.int(totals.rated ?? null)}</td>
      <td className="num" data-total="satisfiedShare">
        {f.pct(totals.satisfiedShare ?? null)}
      </td>
      <td className="hide-sm" />
      <td className="num" data-total="complaints">
        {f.int(totals.complaints ?? null)}
      </td>
      <td className="num" data-total="harassment">
        {f.int(totals.harassment ?? null)}
      </td>
      <td className="num hide-sm">{f.int(totals.extraPapers ?? null)}</td>
      <td className="num hide-sm">{f.int(totals.vneid ?? null)}</td>
      <td className="num">{f.pct(totals.onTimeRate ?? null)}</td>
    </tr>
  )
}

export function CommuneSatisfactionTable({
  rows,
  totals,
  period,
}: {
  rows: Result<SatisfactionRow[]>
  totals: Totals | null
  period: ResolvedPeriod
}) {
  const t = useT()
  const { search } = usePeriodSearch()
  const columns = useColumns(period)
  return (
    <Card title={t('sat.byCommune')} id="communes">
      <ResultView result={rows} what={t('sat.byCommune')}>
        {(rows) => (
          <DataTable
            id="satisfaction-table"
            caption={t('sat.byCommune')}
            columns={columns}
            rows={rows}
            rowKey={(r) => r.code}
            defaultSort={{ key: 'satisfiedShare', dir: 'asc' }}
            urlSync
            exportHref={`/export/satisfaction${search ? search + '&' : '?'}table=communes`}
            footer={totals ? <TotalsRow totals={totals} /> : undefined}
            rowProps={(r) => ({ 'data-commune': r.code })}
          />
        )}
      </ResultView>
    </Card>
  )
}
