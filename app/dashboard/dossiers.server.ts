/**
 * The dossier list's request (issue 14 item 4): `/dossiers?commune=&period=custom&from=&to=&class=&sort=&dir=&page=`
 * and the same for `/export/dossiers` (+ `format`). The commune is checked by the route-policy gate (a commune
 * user naming another commune gets 403); without one, the list covers what the user may see (scopeCommunes).
 */
import { z } from 'zod'
import type { AuthUser } from '../auth/guard.server.ts'
import { scopeCommunes } from '../auth/guard.server.ts'
import type { Stores } from '../../db/stores.ts'
import { provinceCommunes } from '../../db/pg/reads/communes.ts'
import { DOSSIER_CLASSES, DOSSIER_SORTS, listDossiers, type DossierClass, type DossierSort } from '../kpi/dossiers.server.ts'
import { parseFilters, resolvePeriod, type ResolvedPeriod } from '../lib/url-filters.ts'
import { SORT_OF_COLUMN } from './dossiers.tables.ts'

export const PAGE_SIZE = 50
/** An export writes the whole list (up to this many rows). */
export const EXPORT_LIMIT = 100_000

export interface DossierRequest {
  commune: string | null
  cls: DossierClass
  sort: DossierSort
  sortColumn: string
  desc: boolean
  page: number
  period: ResolvedPeriod
}

/** The list asked for, or null when `class` is not one of the classes (the caller answers 400). */
export function parseDossierRequest(url: URL): DossierRequest | null {
  const sp = url.searchParams
  const cls = z.enum(DOSSIER_CLASSES).safeParse(sp.get('class') ?? 'received')
  if (!cls.success) return null
  const commune = z
    .string()
    .regex(/^\d{5}$/)
    .safeParse(sp.get('commune'))
  const filters = parseFilters(sp)
  const column = filters.sort && SORT_OF_COLUMN[filters.sort] ? filters.sort : 'received'
  const sort = z.enum(DOSSIER_SORTS).parse(SORT_OF_COLUMN[column])
  return {
    commune: commune.success ? commune.data : null,
    cls: cls.data,
    sort,
    sortColumn: column,
    // Default: the oldest received first.
    desc: filters.dir === 'desc',
    page: filters.page,
    period: resolvePeriod(filters),
  }
}

export async function loadDossierList(stores: Stores, user: AuthUser, r: DossierRequest, pageSize = PAGE_SIZE) {
  const [list, communes] = await Promise.all([
    listDossiers(stores, {
      commune: r.commune ?? undefined,
      from: r.period.current.from,
      to: r.period.current.to,
      cls: r.cls,
      sort: r.sort,
      desc: r.desc,
      page: r.page,
      pageSize,
      allowed: scopeCommunes(user),
    }),
    provinceCommunes(stores.pg.db, stores.config.PROVINCE_CODE),
  ])
  const names = Object.fromEntries(communes.map((c) => [c.code, c.name]))
  return { list, names }
}
