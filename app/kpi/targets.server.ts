/**
 * KPI targets from Postgres `kpi_targets`: the province default (commune_code null) unless the commune has
 * its own row, which overrides it. Seeded by db/seed/defaults.ts (on_time_rate 0.95, satisfied_share 0.9,
 * late_rate 0.05, qd766_total 70, avg_processing_days 5) and edited by admins.
 */
import { inArray, isNull, or } from 'drizzle-orm'
import { z } from 'zod'
import { kpiTargets } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'

export interface Target {
  kpi: string
  target: number
  direction: 'higher_better' | 'lower_better'
  /** Where it came from: the commune's own row or the province default. */
  source: 'commune' | 'province'
}

const Direction = z.enum(['higher_better', 'lower_better'])

/** Targets for the province (`commune` omitted) or for one commune (its rows override the default). */
export async function getTargets(stores: Stores, commune?: string): Promise<Record<string, Target>> {
  const rows = await stores.pg.db
    .select()
    .from(kpiTargets)
    .where(commune ? or(isNull(kpiTargets.communeCode), inArray(kpiTargets.communeCode, [commune])) : isNull(kpiTargets.communeCode))
  const out: Record<string, Target> = {}
  for (const r of [...rows].sort((a, b) => Number(a.communeCode !== null) - Number(b.communeCode !== null))) {
    out[r.kpi] = { kpi: r.kpi, target: r.target, direction: Direction.parse(r.direction), source: r.communeCode ? 'commune' : 'province' }
  }
  return out
}

/** Whether `value` meets `t` (null when there is no value or no target). */
export function meetsTarget(value: number | null, t: Target | undefined): boolean | null {
  if (value === null || !t) return null
  return t.direction === 'higher_better' ? value >= t.target : value <= t.target
}
