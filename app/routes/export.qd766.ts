/** GET /export/qd766?table=communes|lines&format=xlsx|csv&<period> — the 766 scorecard per commune, or the province's lines. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadQd766 } from '~/dashboard/qd766.server'
import { scorecardTable } from '~/dashboard/qd766.tables'
import { qd766Table } from '~/dashboard/commune.tables'
import { exportRoute, storeError } from '~/dashboard/export-route.server'
import { sortRows } from '~/lib/charts/table'

export const loader = ({ request }: LoaderFunctionArgs) =>
  exportRoute(request, ['communes', 'lines'], async ({ stores, period, lang, table, notes }) => {
    const [data, lines] = await Promise.all([loadQd766(stores, period), notes()])
    if (table === 'lines') {
      if (!data.province.ok) return storeError()
      return { ...qd766Table(lang, data.province.data.lines, lines, data.province.data.groups), name: 'chi-so-766-tinh' }
    }
    if (!data.rows.ok) return storeError()
    return scorecardTable(
      lang,
      sortRows(data.rows.data, (r) => r.rank, 'asc'),
      data.groups,
      lines,
    )
  })
