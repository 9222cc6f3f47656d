/** Alert thresholds per commune and KPI (Postgres `alert_thresholds`). */
import { isNull, or } from 'drizzle-orm'
import { inCodes } from './communes.ts'
import type { Db } from '../client.ts'
import { alertThresholds } from '../schema/index.ts'

export interface Threshold {
  kpi: string
  /** 'above': breach when value > threshold; 'below': when value < threshold. */
  op: 'above' | 'below'
  watch: number | null
  critical: number
  source: 'commune' | 'province'
}

/** Alert thresholds per commune and KPI: the commune's row overrides the province default (commune null). */
export async function alertThresholdsFor(db: Db, codes: string[]): Promise<Map<string, Map<string, Threshold>>> {
  const rows = await db
    .select()
    .from(alertThresholds)
    .where(or(isNull(alertThresholds.communeCode), inCodes(alertThresholds.communeCode, codes)))
  const parse = (r: (typeof rows)[number], source: Threshold['source']): Threshold => {
    if (r.op !== 'above' && r.op !== 'below') throw new Error(`alert_thresholds ${r.kpi}: op must be above or below, got ${r.op}`)
    return { kpi: r.kpi, op: r.op, watch: r.watch, critical: r.critical, source }
  }
  const defaults = rows.filter((r) => r.communeCode === null).map((r) => parse(r, 'province'))
  const out = new Map<string, Map<string, Threshold>>()
  for (const code of codes) out.set(code, new Map(defaults.map((t) => [t.kpi, t])))
  for (const r of rows) if (r.communeCode !== null) out.get(r.communeCode)?.set(r.kpi, parse(r, 'commune'))
  return out
}
