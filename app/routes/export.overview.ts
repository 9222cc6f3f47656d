/** GET /export/overview?format=xlsx|csv&<the overview's filters> — the overview's commune table with its totals. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission, scopeCommunes } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { loadOverview, scopedCommunes } from '~/dashboard/overview.server'
import { overviewExport } from '~/dashboard/overview.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { exportFormatOf, exportResponse } from '~/lib/export.server'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'
import { langFromRequest } from '~/i18n/lang.server'
import { sortRows } from '~/lib/charts/table'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  if (!format) return new Response('format must be xlsx or csv', { status: 400 })
  const stores = await getStores()
  const filters = parseFilters(url.searchParams)
  const period = resolvePeriod(filters)
  const { lang } = langFromRequest(request)
  const communes = await scopedCommunes(stores, scopeCommunes(user), filters.type)
  const [shell, ov] = await Promise.all([loadShell(stores), loadOverview(stores, communes, period)])
  // A store that failed must not export as empty cells that read like zeros.
  if (ov.failed.length) return new Response(`store error: ${ov.failed.join(', ')}`, { status: 503 })
  const rows = sortRows(ov.rows, (r) => r.name, 'asc')
  return exportResponse(format, overviewExport(lang, rows, periodNotes(lang, period, shell.synthetic)))
}
