/**
 * The national overview's province ranking (ADR 033): one row per province, its rates recomputed from the
 * summed counts of its communes (the note under the table says so); a province's name drills to it.
 */
import { Link, useLocation } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { Card } from '~/components/states/States'
import { DataTable, type Column } from '~/components/table/DataTable'
import { formatter } from '~/components/format'
import type { ProvinceRow } from '~/dashboard/provinces.server'
import { withProvince } from './NationBar'

export function ProvinceRanking({ rows }: { rows: ProvinceRow[] }) {
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const pct = formatter('pct', lang)
  const int = formatter('int', lang)
  const num = formatter('num', lang)
  const vnd = formatter('vndShort', lang)
  const columns: Column<ProvinceRow>[] = [
    {
      key: 'name',
      header: t('nation.choose'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => (
        <Link to={`/${withProvince(search, r.code)}`} data-province={r.code}>
          {r.name}
        </Link>
      ),
    },
    {
      key: 'communes',
      header: t('nation.communes'),
      numeric: true,
      value: (r) => r.communes,
      render: (r) => int(r.communes),
      className: 'hide-sm',
    },
    { key: 'received', header: t('kpi.received'), numeric: true, value: (r) => r.received, render: (r) => int(r.received) },
    {
      key: 'backlog',
      header: t('kpi.backlog'),
      numeric: true,
      value: (r) => r.backlog,
      render: (r) => int(r.backlog),
      className: 'hide-sm',
    },
    { key: 'overdue', header: t('kpi.overdue_open'), numeric: true, value: (r) => r.overdue, render: (r) => int(r.overdue) },
    {
      key: 'onTimeRate',
      header: t('kpi.on_time_rate'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.onTimeRate,
      render: (r) => pct(r.onTimeRate),
    },
    {
      key: 'satisfiedShare',
      header: t('kpi.satisfied_share'),
      numeric: true,
      firstDir: 'asc',
      value: (r) => r.satisfiedShare,
      render: (r) => pct(r.satisfiedShare),
      className: 'hide-sm',
    },
    {
      key: 'receivedPerDay',
      header: t('kpi.received_per_day'),
      numeric: true,
      value: (r) => r.receivedPerDay,
      render: (r) => num(r.receivedPerDay),
      className: 'hide-sm',
    },
    {
      key: 'overloadCommunes',
      header: t('nation.overloadCommunes'),
      numeric: true,
      value: (r) => r.overloadCommunes,
      render: (r) => int(r.overloadCommunes),
      className: 'hide-sm',
    },
    {
      key: 'equipmentGapVnd',
      header: t('kpi.equipment_gap_vnd'),
      numeric: true,
      value: (r) => r.equipmentGapVnd,
      render: (r) => vnd(r.equipmentGapVnd),
      className: 'hide-sm',
    },
  ]
  return (
    <Card title={t('nation.provinceTable')} id="provinces">
      <DataTable
        id="province-table"
        caption={`${t('nation.provinceTable')} (${rows.length})`}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.code}
        defaultSort={{ key: 'onTimeRate', dir: 'asc' }}
        searchLabel={t('nation.searchProvince')}
        rowProps={(r) => ({ 'data-province': r.code })}
      />
      <p className="muted small" data-testid="province-rate-rule">
        {t('nation.rateRule')}
      </p>
    </Card>
  )
}
