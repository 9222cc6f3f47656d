/** GET /export/reconcile766?upload=ID[&only=diff]&format=xlsx|csv — the 766 reconciliation rows (a commune user: their own). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission, scopeCommunes } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { langFromRequest } from '~/i18n/lang.server'
import { fmtDate } from '~/i18n/format'
import { translate } from '~/i18n/messages'
import { badExportRequest, exportFormatOf, exportResponse } from '~/lib/export.server'
import { compareUpload, listUploads } from '~/reports/reconcile.server'
import { reconcileTable } from '~/reports/reconcile.tables'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'reports.read')
  const url = new URL(request.url)
  const { lang } = langFromRequest(request)
  const format = exportFormatOf(url.searchParams)
  if (!format) return badExportRequest(lang)
  const stores = await getStores()
  const id = Number(url.searchParams.get('upload')) || (await listUploads(stores))[0]?.id
  const c = id ? await compareUpload(stores, id, scopeCommunes(user, 'reports.read')) : null
  if (!c) throw new Response(translate(lang, 'rc.noUploads'), { status: 404 })
  const onlyDiff = url.searchParams.get('only') === 'diff'
  const rows = onlyDiff ? c.rows.filter((r) => r.status === 'different') : c.rows
  const notes = [
    `${translate(lang, 'b06.period')}: ${fmtDate(c.upload.periodFrom, lang)} – ${fmtDate(c.upload.periodTo, lang)} · #${c.upload.id} ${c.upload.fileName}`,
    translate(lang, 'rc.rule'),
    ...(onlyDiff ? [translate(lang, 'rc.onlyDiff')] : []),
  ]
  return exportResponse(format, { ...reconcileTable(lang, rows, notes), name: `doi-chieu-766-${c.upload.id}` }, { lang })
}
