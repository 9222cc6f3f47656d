/** GET /export/communes/:code?table=qd766|equipment|procedures|training|history&format=xlsx|csv&<period> — one commune's tables. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireCommuneAccess } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { communeInfo, HISTORY_FROM } from '~/dashboard/commune.server'
import {
  COMMUNE_TABLES,
  equipmentTable,
  historyRows,
  historyTable,
  proceduresTable,
  qd766Table,
  trainingTable,
} from '~/dashboard/commune.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { badExportRequest, exportFormatOf, exportResponse } from '~/lib/export.server'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'
import { toLocalYmd } from '../../db/lib/workdays'
import { langFromRequest } from '~/i18n/lang.server'
import { equipmentLoadWindow, get766, getEquipmentGap, getTrainingNeeds, getTrend } from '~/kpi/index.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  await requireCommuneAccess(request, code)
  const url = new URL(request.url)
  const format = exportFormatOf(url.searchParams)
  const table = z.enum(COMMUNE_TABLES).safeParse(url.searchParams.get('table'))
  if (!format || !table.success) return badExportRequest(langFromRequest(request).lang, COMMUNE_TABLES)
  const stores = await getStores()
  const commune = await communeInfo(stores, code)
  if (!commune) throw new Response('unknown commune', { status: 404 })
  const period = resolvePeriod(parseFilters(url.searchParams))
  const { lang } = langFromRequest(request)
  const shell = await loadShell(stores)
  const q = { commune: code, from: period.current.from, to: period.current.to }
  const notes = (p: typeof period | null) => periodNotes(lang, p, shell.synthetic, [commune.fullName])
  switch (table.data) {
    case 'qd766': {
      const r = await get766(stores, q)
      return exportResponse(format, { ...qd766Table(lang, r.lines, notes(period), r.groups), name: `chi-so-766-${code}` }, { lang })
    }
    case 'equipment':
      return exportResponse(
        format,
        {
          ...equipmentTable(lang, (await getEquipmentGap(stores, { commune: code, ...equipmentLoadWindow() })).lines, notes(period)),
          name: `thiet-bi-${code}`,
        },
        { lang },
      )
    case 'procedures':
      return exportResponse(
        format,
        {
          ...proceduresTable(
            lang,
            (await getTrainingNeeds(stores, q, { minReceived: 1, supplementRate: 0, lateRate: 0, limit: 1000 })).items,
            notes(period),
          ),
          name: `thu-tuc-${code}`,
        },
        { lang },
      )
    case 'training':
      return exportResponse(
        format,
        {
          ...trainingTable(lang, (await getTrainingNeeds(stores, q)).items, notes(period)),
          name: `tap-huan-${code}`,
        },
        { lang },
      )
    case 'history': {
      const to = toLocalYmd(new Date())
      const points = await getTrend(stores, { commune: code, from: HISTORY_FROM, to, grain: 'month' })
      return exportResponse(
        format,
        {
          ...historyTable(lang, historyRows(points), notes({ ...period, current: { from: HISTORY_FROM, to, days: 0 } })),
          name: `dien-bien-${code}`,
        },
        { lang },
      )
    }
  }
}
