/**
 * Hài lòng & phản ánh: counter ratings and the share satisfied (land procedures apart), complaints by
 * class and category — harassment (nhũng nhiễu), extra papers demanded, VNeID demanded for in-person
 * filing — with on-time handling, and the same per commune.
 */
import { usePeriodSearch } from '~/components/filters/usePeriodSearch'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { SatisfactionTiles } from '~/components/satisfaction/SatisfactionTiles'
import { CategoriesCard, RatingsCard } from '~/components/satisfaction/SatisfactionCards'
import { CommuneSatisfactionTable } from '~/components/satisfaction/CommuneSatisfactionTable'
import { loadSatisfaction } from '~/dashboard/satisfaction.server'
import { categoryRows, categoryTable, satisfactionTable } from '~/dashboard/satisfaction.tables'
import { computeTotals } from '~/lib/table-spec'
import { periodOfUrl } from '~/lib/url-filters'

import { langFromRequest } from '~/i18n/lang.server'
import { useLang, useT } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Hài lòng & phản ánh — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const period = periodOfUrl(request.url)
  const { lang } = langFromRequest(request)
  const [shell, data] = await Promise.all([loadShell(stores), loadSatisfaction(stores, period)])
  const totals = data.rows.ok ? computeTotals(satisfactionTable(lang, data.rows.data, [])) : null
  return { shell, period, data, totals }
}

export default function SatisfactionPage() {
  const { shell, period, data, totals } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { search } = usePeriodSearch()
  return (
    <Layout shell={shell} title={t('nav.satisfaction')} subtitle={t('sat.subtitle')}>
      <FilterBar resolved={period} />
      <SatisfactionTiles data={data} period={period} />
      <div>
        <RatingsCard sat={data.sat} period={period} />
        <CategoriesCard comp={data.comp} search={search} tableOf={(c) => categoryTable(lang, categoryRows(c), [])} />
      </div>
      <CommuneSatisfactionTable rows={data.rows} totals={totals} period={period} />
    </Layout>
  )
}
