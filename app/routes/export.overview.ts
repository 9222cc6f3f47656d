/** GET /export/overview?format=xlsx|csv&<the overview's filters> — the overview's commune table with its totals. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { scopeCommunes } from '~/auth/guard.server'
import { loadOverview, scopedCommunes } from '~/dashboard/overview.server'
import { overviewExport } from '~/dashboard/overview.tables'
import { exportRoute, storeError } from '~/dashboard/export-route.server'
import { sortRows } from '~/lib/charts/table'

export const loader = ({ request }: LoaderFunctionArgs) =>
  exportRoute(request, null, async ({ user, stores, filters, period, lang, notes }) => {
    const communes = await scopedCommunes(stores, scopeCommunes(user), filters.type)
    const [ov, lines] = await Promise.all([loadOverview(stores, communes, period), notes()])
    // A store that failed must not export as empty cells that read like zeros.
    if (ov.failed.length) return storeError(ov.failed.join(', '))
    return overviewExport(
      lang,
      sortRows(ov.rows, (r) => r.name, 'asc'),
      lines,
    )
  })
