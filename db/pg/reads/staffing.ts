/**
 * Staffing inputs from Postgres, for many communes at once (one query each): the queueing parameters (a
 * commune row overrides the province default), current staff, active counters, back-office effort per
 * procedure/field. Read by the KPI engine's staffing, overload and equipment models.
 */
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import { inCodes } from './communes.ts'
import { z } from 'zod'
import type { Db } from '../client.ts'
import { assignments, counters, officers, procedureEffort, servicePoints, staffingParams } from '../schema/index.ts'

export const StaffingParams = z.object({
  counterHoursPerDay: z.number().positive(),
  handlingMinutes: z.number().positive(),
  targetWaitMinutes: z.number().min(0),
  targetServiceLevel: z.number().min(0).lt(1),
  workHoursPerDay: z.number().positive(),
  minStaff: z.number().int().min(0),
  peakHourFactor: z.number().min(1),
})
export type StaffingParams = z.infer<typeof StaffingParams>
/** Used only if the table has no province row at all (the seed always writes one). */
const BUILTIN: StaffingParams = {
  counterHoursPerDay: 7,
  handlingMinutes: 12,
  targetWaitMinutes: 15,
  targetServiceLevel: 0.8,
  workHoursPerDay: 8,
  minStaff: 3,
  peakHourFactor: 1.5,
}

/** Parameters per commune: its own row if it has one, else the province default row (communeCode null). */
export async function staffingParamsFor(
  db: Db,
  codes: string[],
): Promise<Map<string, StaffingParams & { source: 'commune' | 'province' }>> {
  const rows = await db
    .select()
    .from(staffingParams)
    .where(or(isNull(staffingParams.communeCode), inCodes(staffingParams.communeCode, codes)))
    .orderBy(staffingParams.id)
  const pick = (r: (typeof rows)[number]) => StaffingParams.parse(r)
  const def = rows.find((r) => r.communeCode === null)
  const province = def ? pick(def) : BUILTIN
  const own = new Map(rows.filter((r) => r.communeCode !== null).map((r) => [r.communeCode as string, pick(r)]))
  return new Map(
    codes.map((c) => [c, own.has(c) ? { ...own.get(c)!, source: 'commune' as const } : { ...province, source: 'province' as const }]),
  )
}

export interface AssignedStaff {
  headcount: number
  fte: number
}

/** Active officers assigned to each commune on `asOf` (valid_from ≤ asOf ≤ valid_to or open). */
export async function assignedStaff(db: Db, codes: string[], asOf: string): Promise<Map<string, AssignedStaff>> {
  const rows = await db
    .select({
      code: assignments.communeCode,
      headcount: sql<number>`count(distinct ${officers.id})::int`,
      fte: sql<number>`coalesce(sum(${officers.fte}), 0)::float8`,
    })
    .from(assignments)
    .innerJoin(officers, eq(officers.id, assignments.officerId))
    .where(
      and(
        inCodes(assignments.communeCode, codes),
        eq(officers.active, true),
        lte(assignments.validFrom, asOf),
        or(isNull(assignments.validTo), gte(assignments.validTo, asOf)),
      ),
    )
    .groupBy(assignments.communeCode)
  return new Map(rows.map((r) => [r.code, { headcount: Number(r.headcount), fte: Number(r.fte) }]))
}

/** Active counters per commune (all its service points); a commune without any counter row is absent. */
export async function activeCounters(db: Db, codes: string[]): Promise<Map<string, { active: number; centres: number }>> {
  const rows = await db
    .select({
      code: servicePoints.communeCode,
      active: sql<number>`count(${counters.id}) filter (where ${counters.active})::int`,
      all: sql<number>`count(${counters.id})::int`,
      centres: sql<number>`count(distinct ${servicePoints.id}) filter (where ${servicePoints.isMain})::int`,
    })
    .from(servicePoints)
    .leftJoin(counters, eq(counters.servicePointId, servicePoints.id))
    .where(inCodes(servicePoints.communeCode, codes))
    .groupBy(servicePoints.communeCode)
  return new Map(rows.filter((r) => Number(r.all) > 0).map((r) => [r.code, { active: Number(r.active), centres: Number(r.centres) }]))
}

export interface Effort {
  backOfficeHours: number
  counterMinutes: number | null
}
export interface EffortTable {
  /** A procedure row wins over its field's row; an unknown field falls back to 'khac'. */
  lookup(procedureCode: string, fieldCode: string): Effort | null
}

export async function effortTable(db: Db): Promise<EffortTable> {
  const rows = await db.select().from(procedureEffort)
  const byProc = new Map<string, Effort>()
  const byField = new Map<string, Effort>()
  for (const r of rows) {
    const e = { backOfficeHours: r.backOfficeHours, counterMinutes: r.counterMinutes }
    if (r.procedureCode) byProc.set(r.procedureCode, e)
    else byField.set(r.fieldCode, e)
  }
  return { lookup: (p, f) => byProc.get(p) ?? byField.get(f) ?? byField.get('khac') ?? null }
}
