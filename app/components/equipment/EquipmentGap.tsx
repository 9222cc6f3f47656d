/** The equipment page's gap: tiles (cost, communes short, units), the gap by type (chart and table), and by commune in priority order. */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtInt, inLang } from '~/i18n/format'
import { formatter } from '~/components/format'
import { BarsChart } from '~/components/charts/Charts'
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import { Card, ResultView } from '~/components/states/States'
import type { Result } from '~/components/states/result'
import { DataTable, type Column } from '~/components/table/DataTable'
import { reasonsColumn } from '~/components/table/reasons-column'
import { TableView } from '~/components/table/TableView'
import { KpiTile } from '~/components/tiles/KpiTile'
import type { CommuneGapRow, TypeRow } from '~/dashboard/equipment.tables'
import type { ExportTable } from '~/lib/table-spec'

type Totals = Record<string, number | null>
type Gap = Result<{ gapVnd: number }>

function useFormats() {
  const lang = useLang()
  return {
    int: formatter('int', lang),
    vnd: formatter('vnd', lang),
    vndShort: formatter('vndShort', lang),
    score: formatter('score', lang),
  }
}

export function EquipmentTiles({ gap, rows, totals }: { gap: Gap; rows: CommuneGapRow[] | null; totals: Totals | null }) {
  const t = useT()
  const f = useFormats()
  return (
    <section className="tiles" aria-label={t('overview.tiles')}>
      <KpiTile
        id="gapVnd"
        kpi="equipment_gap_vnd"
        result={gap.ok ? { ok: true, data: { value: gap.data.gapVnd } } : gap}
        direction="lower_better"
        format={f.vndShort}
        href="#by-commune"
      />
      <KpiTile
        id="communesShort"
        kpi="equipment_gap_communes"
        result={rows ? { ok: true, data: { value: rows.filter((r) => r.gapVnd > 0).length } } : { ok: false, error: '' }}
        direction="lower_better"
        format={f.int}
        href="#by-commune"
      />
      <KpiTile
        id="units"
        kpi="equipment_gap_units"
        result={totals ? { ok: true, data: { value: totals.gapUnits ?? null } } : { ok: false, error: '' }}
        direction="lower_better"
        format={f.int}
        href="#by-type"
      />
    </section>
  )
}

/** The cost of the gap per equipment type, as bars and as a table; `table` is the loader's table spec for the rows. */
export function EquipmentByTypeCard({
  gap,
  types,
  table,
}: {
  gap: Gap
  types: TypeRow[] | null
  table: (rows: TypeRow[]) => ExportTable<TypeRow>
}) {
  const t = useT()
  const lang = useLang()
  const { search } = usePeriodSearch()
  return (
    <Card title={t('equip.byTypeTitle')} id="by-type">
      <ResultView result={gap} what={t('equip.byTypeTitle')}>
        {() =>
          types ? (
            <>
              <BarsChart
                data={types.map((r) => ({ name: inLang(lang, r.nameVi, r.nameEn), cost: r.costVnd }))}
                xKey="name"
                horizontal
                height={Math.max(200, types.length * 30)}
                series={[{ key: 'cost', label: t('equip.cost') }]}
                label={t('equip.byTypeTitle')}
                formatY={(v) => fmtInt(v / 1e6, lang) + ' tr'}
              />
              <TableView
                id="by-type"
                table={table(types)}
                exportHref={`/export/equipment${search ? search + '&' : '?'}table=types`}
                hideSmall={['basis', 'broken', 'communesShort']}
              />
            </>
          ) : null
        }
      </ResultView>
    </Card>
  )
}

/** The commune table's columns: priority, the commune (its page, period kept), weight, counters, the gap, its reasons. */
function useColumns(): Column<CommuneGapRow>[] {
  const t = useT()
  const lang = useLang()
  const { keep } = usePeriodSearch()
  const f = useFormats()
  return [
    {
      key: 'priority',
      header: t('equip.priority'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.priority,
      render: (r) => f.int(r.priority),
    },
    {
      key: 'name',
      header: t('commune'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/communes/${r.code}${keep}#equipment`}>{r.name}</Link>,
    },
    {
      key: 'weight',
      header: t('equip.weight'),
      numeric: true,
      value: (r) => r.weight,
      render: (r) => f.score(r.weight),
      className: 'hide-sm',
    },
    {
      key: 'counters',
      header: t('equip.counters'),
      numeric: true,
      value: (r) => r.counters,
      render: (r) => f.int(r.counters),
      className: 'hide-sm',
    },
    { key: 'gapUnits', header: t('equip.gapUnits'), numeric: true, value: (r) => r.gapUnits, render: (r) => f.int(r.gapUnits) },
    { key: 'gapVnd', header: t('equip.cost'), numeric: true, value: (r) => r.gapVnd, render: (r) => f.vnd(r.gapVnd) },
    reasonsColumn(t('equip.reasons'), lang),
  ]
}

/** The province's row under the commune table: the totals the loader computed from the table's spec. */
function TotalsRow({ totals }: { totals: Totals }) {
  const t = useT()
  const f = useFormats()
  return (
    <tr data-testid="equipment-totals">
      <th scope="row">{t('dash.total')}</th>
      <td />
      <td className="hide-sm" />
      <td className="num hide-sm">{f.int(totals.counters ?? null)}</td>
      <td className="num" data-total="gapUnits">
        {f.int(totals.gapUnits ?? null)}
      </td>
      <td className="num" data-total="gapVnd">
        {f.vnd(totals.gapVnd ?? null)}
      </td>
      <td className="hide-sm" />
    </tr>
  )
}

/** Every commune's gap in priority order (merged and disadvantaged first), exportable, sortable in the URL. */
export function EquipmentByCommuneCard({ gap, rows, totals }: { gap: Gap; rows: CommuneGapRow[] | null; totals: Totals | null }) {
  const t = useT()
  const { search } = usePeriodSearch()
  const columns = useColumns()
  return (
    <Card title={t('equip.byCommuneTitle')} id="by-commune">
      <ResultView result={gap} what={t('equip.byCommuneTitle')}>
        {() =>
          rows ? (
            <DataTable
              id="equipment-table"
              caption={t('equip.byCommuneTitle')}
              columns={columns}
              rows={rows}
              rowKey={(r) => r.code}
              defaultSort={{ key: 'priority', dir: 'asc' }}
              urlSync
              exportHref={`/export/equipment${search ? search + '&' : '?'}table=communes`}
              footer={totals ? <TotalsRow totals={totals} /> : undefined}
              rowProps={(r) => ({ 'data-commune': r.code })}
            />
          ) : null
        }
      </ResultView>
    </Card>
  )
}
