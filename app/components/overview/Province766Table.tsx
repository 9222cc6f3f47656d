/**
 * The national 766 page's province table (ADR 041): per province its communes scored, TDGQ as Σ on time ÷ Σ to
 * process over its communes, and its highest and lowest commune share. No province total: a commune is scored
 * out of its own computable points, and no published rule sums those (ADR 024, ADR 033).
 */
import { Link, useLocation } from '@remix-run/react'
import { DataTable, type Column } from '~/components/table/DataTable'
import { withProvince } from '~/components/overview/NationBar'
import { formatter } from '~/components/format'
import { useLang, useT } from '~/root'
import type { Province766 } from '~/dashboard/qd766.server'

export function Province766Table({ rows }: { rows: Province766[] }) {
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const int = formatter('int', lang)
  const pct = formatter('pct', lang)
  const named = (share: number | null, name: string | null) => (share === null ? '—' : `${pct(share)} (${name ?? ''})`)
  const columns: Column<Province766>[] = [
    {
      key: 'name',
      header: t('nation.province'),
      value: (r) => r.name,
      searchable: true,
      render: (r) => <Link to={`/qd766${withProvince(search, r.code)}`}>{r.name}</Link>,
    },
    { key: 'communes', header: t('nation.communes'), numeric: true, value: (r) => r.communes, render: (r) => int(r.communes) },
    { key: 'scored', header: t('nation.q766Scored'), numeric: true, value: (r) => r.scored, render: (r) => int(r.scored) },
    { key: 'tdgqRate', header: 'TDGQ', numeric: true, value: (r) => r.tdgqRate, render: (r) => pct(r.tdgqRate) },
    {
      key: 'bestShare',
      header: t('nation.q766Best'),
      numeric: true,
      value: (r) => r.bestShare,
      render: (r) => named(r.bestShare, r.bestName),
    },
    {
      key: 'worstShare',
      header: t('nation.q766Worst'),
      numeric: true,
      value: (r) => r.worstShare,
      render: (r) => named(r.worstShare, r.worstName),
    },
  ]
  return (
    <DataTable
      id="provinces-766"
      caption={t('nation.q766Table')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.code}
      defaultSort={{ key: 'tdgqRate', dir: 'desc' }}
      rowProps={(r) => ({ 'data-province': r.code })}
    />
  )
}
