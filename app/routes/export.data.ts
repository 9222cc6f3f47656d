/** GET /export/data?table=jobs|rejects&format=xlsx|csv&<reject filters> — ETL jobs, or the rejected records (up to 10 000). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { jobTable, listRejects, parseRejectFilter } from '~/dashboard/data-health.server'
import { jobsExport, rejectsExport } from '~/dashboard/data-health.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { exportFormatOf, exportResponse } from '~/lib/export.server'
import { langFromRequest } from '~/i18n/lang.server'

const MAX_EXPORT_REJECTS = 10_000

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'data.read')
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  const table = url.searchParams.get('table') ?? 'jobs'
  if (!format || !['jobs', 'rejects'].includes(table))
    return new Response('format must be xlsx or csv; table jobs|rejects', { status: 400 })
  const stores = await getStores()
  const { lang } = langFromRequest(request)
  const shell = await loadShell(stores)
  if (table === 'jobs')
    return exportResponse(format, { ...jobsExport(lang, await jobTable(stores)), notes: periodNotes(lang, null, shell.synthetic) })
  const filter = { ...parseRejectFilter(url.searchParams), rpage: 1 }
  const r = await listRejects(stores, filter, MAX_EXPORT_REJECTS)
  const notes = periodNotes(
    lang,
    null,
    shell.synthetic,
    [
      filter.job ? `job=${filter.job}` : '',
      filter.reason ? `reason=${filter.reason}` : '',
      r.total > MAX_EXPORT_REJECTS ? `${MAX_EXPORT_REJECTS}/${r.total}` : '',
    ].filter(Boolean),
  )
  return exportResponse(format, rejectsExport(lang, r.rows, notes))
}
