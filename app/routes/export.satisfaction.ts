/** GET /export/satisfaction?table=communes|categories&format=xlsx|csv&<period> — ratings and complaints tables. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { loadSatisfaction } from '~/dashboard/satisfaction.server'
import { categoryRows, categoryTable, satisfactionTable } from '~/dashboard/satisfaction.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { exportFormatOf, exportResponse } from '~/lib/export.server'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'
import { langFromRequest } from '~/i18n/lang.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  const table = url.searchParams.get('table') ?? 'communes'
  if (!format || !['communes', 'categories'].includes(table))
    return new Response('format must be xlsx or csv; table communes|categories', { status: 400 })
  const stores = await getStores()
  const period = resolvePeriod(parseFilters(url.searchParams))
  const { lang } = langFromRequest(request)
  const [shell, data] = await Promise.all([loadShell(stores), loadSatisfaction(stores, period)])
  const notes = periodNotes(lang, period, shell.synthetic)
  if (table === 'categories') {
    if (!data.comp.ok) return new Response('store error', { status: 503 })
    return exportResponse(format, categoryTable(lang, categoryRows(data.comp.data), notes))
  }
  if (!data.rows.ok) return new Response('store error', { status: 503 })
  return exportResponse(format, satisfactionTable(lang, data.rows.data, notes))
}
