/** GET /export/equipment?table=communes|types|lines&format=xlsx|csv — the equipment gap tables (a snapshot: no period). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getEquipmentGap } from '~/kpi/index.server'
import { byType, communeGapTable, communeRows, typeTable } from '~/dashboard/equipment.tables'
import { equipmentTable } from '~/dashboard/commune.tables'
import { exportRoute } from '~/dashboard/export-route.server'
import { equipmentPeriod } from '~/dashboard/equipment-edit.server'
import { sortRows } from '~/lib/charts/table'

export const loader = ({ request }: LoaderFunctionArgs) =>
  exportRoute(
    request,
    ['communes', 'types', 'lines'],
    async ({ stores, period, lang, table, notes }) => {
      const [gap, lines] = await Promise.all([getEquipmentGap(stores, { from: period.current.from, to: period.current.to }), notes()])
      if (table === 'types') return typeTable(lang, byType(gap.lines), lines)
      if (table === 'lines') {
        const names = Object.fromEntries(gap.perCommune.map((c) => [c.commune, c.name]))
        return { ...equipmentTable(lang, gap.lines, lines, names), name: 'thiet-bi-chi-tiet' }
      }
      return communeGapTable(
        lang,
        sortRows(communeRows(gap), (r) => r.priority, 'asc'),
        lines,
      )
    },
    { period: equipmentPeriod }, // the page's own window: equipment is a snapshot (equipment._index.tsx)
  )
