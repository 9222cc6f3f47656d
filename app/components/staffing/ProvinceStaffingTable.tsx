/**
 * The national staffing page's province ranking (ADR 033, ADR 041): each province's staff need summed from
 * its communes' rows, worst shortage first; a province's name drills to its own staffing page (`?province=`).
 */
import { Link, useLocation } from '@remix-run/react'
import { DataTable, type Column } from '~/components/table/DataTable'
import { withProvince } from '~/components/overview/NationBar'
import { formatter } from '~/components/format'
import { useLang, useT } from '~/root'
import type { ProvinceStaffing } from '~/dashboard/staffing.server'

export function ProvinceStaffingTable({ rows }: { rows: ProvinceStaffing[] }) {
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const int = formatter('int', lang)
  const num = formatter('num', lang)
  const columns: Column<ProvinceStaffing>[] = [
    {
      key: 'name',
      header: t('nation.province'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={withProvince(search, r.code)}>{r.name}</Link>,
    },
    { key: 'communes', header: t('nation.communes'), numeric: true, value: (r) => r.communes, render: (r) => int(r.communes) },
    {
      key: 'required',
      kpi: 'staff_required',
      header: t('staff.required'),
      numeric: true,
      value: (r) => r.required,
      render: (r) => int(r.required),
    },
    {
      key: 'assigned',
      kpi: 'staff_assigned',
      header: t('staff.assigned'),
      numeric: true,
      value: (r) => r.assigned,
      render: (r) => int(r.assigned),
    },
    {
      key: 'shortage',
      kpi: 'staff_shortage',
      header: t('nation.shortage'),
      numeric: true,
      value: (r) => r.shortage,
      render: (r) => int(r.shortage),
    },
    {
      key: 'predictedLate',
      kpi: 'predicted_late',
      header: t('staff.predictedLate'),
      numeric: true,
      value: (r) => r.predictedLate,
      render: (r) => num(r.predictedLate),
    },
    {
      key: 'overloadCommunes',
      header: t('nation.overloadCommunes'),
      numeric: true,
      value: (r) => r.overloadCommunes,
      render: (r) => int(r.overloadCommunes),
    },
    {
      key: 'watchCommunes',
      header: t('nation.watchCommunes'),
      numeric: true,
      value: (r) => r.watchCommunes,
      render: (r) => int(r.watchCommunes),
    },
  ]
  return (
    <DataTable
      id="province-staffing"
      caption={t('nation.staffTable')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.code}
      defaultSort={{ key: 'shortage', dir: 'desc' }}
      rowProps={(r) => ({ 'data-province': r.code })}
    />
  )
}
