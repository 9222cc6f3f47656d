/** GET /export/dossiers?commune=&period=custom&from=&to=&class=&sort=&dir=&format=xlsx|csv — the whole dossier list of /dossiers (ADR 022 CSV dialect). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { EXPORT_LIMIT, loadDossierList, parseDossierRequest } from '~/dashboard/dossiers.server'
import { dossierTable } from '~/dashboard/dossiers.tables'
import { periodNotes } from '~/dashboard/notes.server'
import { DOSSIER_CLASSES } from '~/kpi/dossier-classes'
import { badExportRequest, exportFormatOf, exportResponse } from '~/lib/export.server'
import { langFromRequest } from '~/i18n/lang.server'
import { translate } from '~/i18n/messages'
import { fmtDate } from '~/i18n/format'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const { lang } = langFromRequest(request)
  const format = exportFormatOf(url.searchParams)
  const r = parseDossierRequest(url)
  if (!format || !r) return badExportRequest(lang, r ? undefined : DOSSIER_CLASSES)
  const stores = await getStores()
  const [shell, { list, names }] = await Promise.all([loadShell(stores), loadDossierList(stores, user, { ...r, page: 1 }, EXPORT_LIMIT)])
  const where = r.commune ? (names[r.commune] ?? r.commune) : translate(lang, 'drill.allCommunes')
  const extra = [where, `${translate(lang, 'drill.total')}: ${list.total}`]
  if (r.cls.startsWith('in_process')) extra.push(`${translate(lang, 'drill.asOf')} ${fmtDate(list.asOf, lang)}`)
  const table = dossierTable(lang, r.cls, list.items, periodNotes(lang, r.period, shell.synthetic, extra), names, r.commune)
  return exportResponse(format, table, { lang })
}
