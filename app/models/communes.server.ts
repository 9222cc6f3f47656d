/** Communes of the configured province, with their pre-merger lineage and current staff counts. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { assignments, communes, lineage } from '../../db/pg/schema/index.ts'
import type { Db } from '../../db/pg/client.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export interface CommuneRow {
  code: string
  name: string
  fullName: string
  type: string
  provinceCode: string
  areaKm2: number | null
  population: number | null
  formedByMerger: boolean
  preMergerUnits: number
  officers: number
}

export async function listCommunes(db: Db, provinceCode: string): Promise<CommuneRow[]> {
  const lineageCount = db
    .select({ code: lineage.newCommuneCode, n: sql<number>`count(*)::int`.as('lineage_n') })
    .from(lineage)
    .groupBy(lineage.newCommuneCode)
    .as('lc')
  const staff = db
    .select({ code: assignments.communeCode, n: sql<number>`count(distinct ${assignments.officerId})::int`.as('officer_n') })
    .from(assignments)
    .where(isNull(assignments.validTo))
    .groupBy(assignments.communeCode)
    .as('st')
  const rows = await db
    .select({
      code: communes.code,
      name: communes.name,
      fullName: communes.fullName,
      type: communes.type,
      provinceCode: communes.provinceCode,
      areaKm2: communes.areaKm2,
      population: communes.population,
      formedByMerger: communes.formedByMerger,
      preMergerUnits: sql<number>`coalesce(${lineageCount.n}, 0)`,
      officers: sql<number>`coalesce(${staff.n}, 0)`,
    })
    .from(communes)
    .leftJoin(lineageCount, eq(lineageCount.code, communes.code))
    .leftJoin(staff, eq(staff.code, communes.code))
    .where(and(inProvince(provinceCode)))
    .orderBy(asc(communes.name))
  return rows.map((r) => ({ ...r, preMergerUnits: Number(r.preMergerUnits), officers: Number(r.officers) }))
}
