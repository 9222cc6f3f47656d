/** GET /export/satisfaction?table=communes|categories&format=xlsx|csv&<period> — ratings and complaints tables. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadSatisfaction } from '~/dashboard/satisfaction.server'
import { categoryRows, categoryTable, satisfactionTable } from '~/dashboard/satisfaction.tables'
import { exportRoute, storeError } from '~/dashboard/export-route.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  exportRoute(request, ['communes', 'categories'], async ({ stores, period, lang, table, notes }) => {
    const [data, lines] = await Promise.all([loadSatisfaction(stores, period), notes()])
    if (table === 'categories') return data.comp.ok ? categoryTable(lang, categoryRows(data.comp.data), lines) : storeError()
    return data.rows.ok ? satisfactionTable(lang, data.rows.data, lines) : storeError()
  })
