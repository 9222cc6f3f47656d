/**
 * What every dashboard export route does before building its table: the `kpi.read` check, the format (and
 * table) parameters with a 400 in the user's language when they are wrong, the stores, the period from the
 * page's filters, the shell (for the synthetic-data label) and the notes printed under the export's title.
 * A route then only says which table it builds: `exportRoute(request, ['communes', 'lines'], async (x) => …)`.
 */
import { requirePermission } from '../auth/guard.server.ts'
import type { AuthUser } from '../auth/identity.server.ts'
import { getStores, type Stores } from '../../db/stores.ts'
import { loadShell } from './shell.server.ts'
import { periodNotes } from './notes.server.ts'
import { badExportRequest, exportFormatOf, exportResponse, type ExportFormat, type ExportTable } from '../lib/export.server.ts'
import { parseFilters, resolvePeriod, type Filters, type ResolvedPeriod } from '../lib/url-filters.ts'
import { langFromRequest } from '../i18n/lang.server.ts'
import type { Lang } from '../i18n/format.ts'

export interface ExportContext {
  user: AuthUser
  format: ExportFormat
  /** The `table` parameter (the first allowed name when absent). */
  table: string
  stores: Stores
  filters: Filters
  period: ResolvedPeriod
  lang: Lang
  /** Period, generation time and the synthetic-data label, for the export's title block (the shell loads once, beside the route's queries). */
  notes: (extra?: string[]) => Promise<string[]>
}

/** A table to export, or a response (e.g. 503 when a store failed: an export must never read like zeros). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's rows have their own type
export type ExportResult = ExportTable<any> | Response

export async function exportRoute(
  request: Request,
  tables: readonly string[] | null,
  build: (x: ExportContext) => Promise<ExportResult>,
  opts: { period?: () => ResolvedPeriod } = {},
): Promise<Response> {
  const user = await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const { lang } = langFromRequest(request)
  const format = exportFormatOf(url.searchParams)
  const table = url.searchParams.get('table') ?? tables?.[0] ?? ''
  if (!format || (tables && !tables.includes(table))) return badExportRequest(lang, tables ?? undefined)
  const stores = await getStores()
  const filters = parseFilters(url.searchParams)
  const period = opts.period?.() ?? resolvePeriod(filters) // a snapshot page (equipment) exports its own window
  const shell = loadShell(stores)
  const notes = async (extra: string[] = []) => periodNotes(lang, period, (await shell).synthetic, extra)
  const out = await build({ user, format, table, stores, filters, period, lang, notes })
  if (out instanceof Response) return out
  return exportResponse(format, out, { lang })
}

export const storeError = (detail?: string) => new Response(detail ? `store error: ${detail}` : 'store error', { status: 503 })
