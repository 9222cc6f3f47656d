/** GET /export/qd766?table=communes|lines&format=xlsx|csv&<period> — the 766 scorecard per commune, or the province's lines. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { loadQd766 } from '~/dashboard/qd766.server'
import { scorecardTable } from '~/dashboard/qd766.tables'
import { qd766Table } from '~/dashboard/commune.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { exportFormatOf, exportResponse } from '~/lib/export.server'
import { sortRows } from '~/lib/charts/table'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'
import { langFromRequest } from '~/i18n/lang.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  const table = url.searchParams.get('table') ?? 'communes'
  if (!format || !['communes', 'lines'].includes(table))
    return new Response('format must be xlsx or csv; table communes|lines', { status: 400 })
  const stores = await getStores()
  const period = resolvePeriod(parseFilters(url.searchParams))
  const { lang } = langFromRequest(request)
  const [shell, data] = await Promise.all([loadShell(stores), loadQd766(stores, period)])
  const notes = periodNotes(lang, period, shell.synthetic)
  if (table === 'lines') {
    if (!data.province.ok) return new Response('store error', { status: 503 })
    return exportResponse(format, {
      ...qd766Table(lang, data.province.data.lines, notes, data.province.data.groups),
      name: 'chi-so-766-tinh',
    })
  }
  if (!data.rows.ok) return new Response('store error', { status: 503 })
  return exportResponse(
    format,
    scorecardTable(
      lang,
      sortRows(data.rows.data, (r) => r.rank, 'asc'),
      data.groups,
      notes,
    ),
  )
}
