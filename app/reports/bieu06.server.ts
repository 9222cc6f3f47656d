/**
 * Biểu 06 / 06a for a period: one row per commune of the province (or the one commune of a 06a) and the
 * total, every figure taken from the KPI engine's backlog arithmetic (`backlogByCommune`, `sumBacklogs` —
 * the same functions behind GET /api/v1/kpi, so each cell equals the API's figure for that commune).
 */
import { eq, inArray } from 'drizzle-orm'
import type { Stores } from '../../db/stores.ts'
import { communes, provinces } from '../../db/pg/schema/index.ts'
import { backlogByCommune, sumBacklogs } from '../kpi/backlog.server.ts'
import { KpiQuery, resolveScope } from '../kpi/scope.server.ts'
import { bieu06Figures, type Bieu06, type Bieu06Row } from './bieu06.ts'

export async function getBieu06(stores: Stores, q: KpiQuery): Promise<Bieu06> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  const [backlogs, names, [prov]] = await Promise.all([
    backlogByCommune(stores, scope.codes, from, to),
    stores.pg.db
      .select({ code: communes.code, name: communes.name, fullName: communes.fullName })
      .from(communes)
      .where(inArray(communes.code, scope.codes)),
    stores.pg.db
      .select({ name: provinces.name, fullName: provinces.fullName })
      .from(provinces)
      .where(eq(provinces.code, stores.config.PROVINCE_CODE)),
  ])
  const nameOf = new Map(names.map((n) => [n.code, n.fullName]))
  const shortOf = new Map(names.map((n) => [n.code, n.name]))
  const rows: Bieu06Row[] = scope.codes.map((code) => ({
    commune: code,
    name: nameOf.get(code) ?? code,
    ...bieu06Figures(backlogs.get(code)!),
  }))
  const provinceName = prov?.fullName ?? stores.config.PROVINCE_CODE
  return {
    from,
    to,
    variant: commune ? '06a' : '06',
    unit: commune ? (nameOf.get(commune) ?? commune) : provinceName,
    place: commune ? (shortOf.get(commune) ?? commune) : (prov?.name ?? provinceName),
    province: { code: stores.config.PROVINCE_CODE, name: provinceName },
    rows,
    total: bieu06Figures(sumBacklogs([...backlogs.values()])),
  }
}
