/** GET /export/staffing?format=xlsx|csv&<period> — staffing need, load and overload per commune. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { loadStaffing } from '~/dashboard/staffing.server'
import { staffingTable } from '~/dashboard/staffing.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { exportFormatOf, exportResponse } from '~/lib/export.server'
import { sortRows } from '~/lib/charts/table'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'
import { langFromRequest } from '~/i18n/lang.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  if (!format) return new Response('format must be xlsx or csv', { status: 400 })
  const stores = await getStores()
  const period = resolvePeriod(parseFilters(url.searchParams))
  const { lang } = langFromRequest(request)
  const [shell, data] = await Promise.all([loadShell(stores), loadStaffing(stores, period)])
  if (!data.rows || !data.need.ok || !data.overload.ok || !data.load.ok) return new Response('store error', { status: 503 })
  return exportResponse(
    format,
    staffingTable(
      lang,
      sortRows(data.rows, (r) => r.name, 'asc'),
      periodNotes(lang, period, shell.synthetic),
    ),
  )
}
