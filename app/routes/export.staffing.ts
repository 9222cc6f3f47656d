/** GET /export/staffing?format=xlsx|csv&<period> — staffing need, load and overload per commune. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadStaffing } from '~/dashboard/staffing.server'
import { staffingTable } from '~/dashboard/staffing.tables'
import { exportRoute, storeError } from '~/dashboard/export-route.server'
import { sortRows } from '~/lib/charts/table'

export const loader = ({ request }: LoaderFunctionArgs) =>
  exportRoute(request, null, async ({ stores, period, lang, notes }) => {
    const [data, lines] = await Promise.all([loadStaffing(stores, period), notes()])
    if (!data.rows || !data.need.ok || !data.overload.ok || !data.load.ok) return storeError()
    return staffingTable(
      lang,
      sortRows(data.rows, (r) => r.name, 'asc'),
      lines,
    )
  })
