/** GET /export/equipment?table=communes|types|lines&format=xlsx|csv — the equipment gap tables (a snapshot: no period). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { getEquipmentGap } from '~/kpi/index.server'
import { byType, communeGapTable, communeRows, typeTable } from '~/dashboard/equipment.tables'
import { equipmentTable } from '~/dashboard/commune.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { badExportRequest, exportFormatOf, exportResponse } from '~/lib/export.server'
import { sortRows } from '~/lib/charts/table'
import { equipmentPeriod } from '~/dashboard/equipment-edit.server'
import { langFromRequest } from '~/i18n/lang.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  const table = url.searchParams.get('table') ?? 'communes'
  if (!format || !['communes', 'types', 'lines'].includes(table))
    return badExportRequest(langFromRequest(request).lang, ['communes', 'types', 'lines'])
  const stores = await getStores()
  const period = equipmentPeriod() // the page's own window: equipment is a snapshot (equipment._index.tsx)
  const { lang } = langFromRequest(request)
  const [shell, gap] = await Promise.all([loadShell(stores), getEquipmentGap(stores, { from: period.current.from, to: period.current.to })])
  const notes = periodNotes(lang, period, shell.synthetic)
  if (table === 'types') return exportResponse(format, typeTable(lang, byType(gap.lines), notes), { lang })
  if (table === 'lines') {
    const names = Object.fromEntries(gap.perCommune.map((c) => [c.commune, c.name]))
    return exportResponse(format, { ...equipmentTable(lang, gap.lines, notes, names), name: 'thiet-bi-chi-tiet' }, { lang })
  }
  return exportResponse(
    format,
    communeGapTable(
      lang,
      sortRows(communeRows(gap), (r) => r.priority, 'asc'),
      notes,
    ),
    { lang },
  )
}
