/**
 * All communes of the province ranked on one KPI over a period — for the dashboard table and the map.
 * Each KPI is read for every commune at once (one query per underlying rollup, whatever the number of
 * communes). Best first according to the KPI's direction; communes without a value (null: nothing to
 * measure) come last with rank null.
 */
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { backlogByCommune, processingTimeByCommune } from './backlog.server.ts'
import { explain766, inputs766ByCommune } from './qd766.server.ts'
import { complaintsByCommune, satisfactionByCommune } from './satisfaction.server.ts'
import { KpiPeriod, resolveScope } from './scope.server.ts'

export const RANKING_KPIS = {
  received: 'higher_better',
  to_process: 'higher_better',
  in_process_overdue: 'lower_better',
  late_rate: 'lower_better',
  on_time_rate: 'higher_better',
  avg_processing_days: 'lower_better',
  satisfied_share: 'higher_better',
  complaints: 'lower_better',
  qd766_total: 'higher_better',
} as const
export type RankingKpi = keyof typeof RANKING_KPIS

export interface RankedCommune {
  code: string
  name: string
  value: number | null
  rank: number | null
  /** qd766_total only: the computable points the total is out of; the rank is on value / outOf (ADR 024). */
  outOf?: number | null
}

const Query = KpiPeriod.omit({ commune: true })
  .extend({ kpi: z.enum(Object.keys(RANKING_KPIS) as [RankingKpi, ...RankingKpi[]]) })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })

async function valuesFor(stores: Stores, kpi: RankingKpi, codes: string[], from: string, to: string): Promise<Map<string, number | null>> {
  const map = <T>(m: Map<string, T>, f: (x: T) => number | null) => new Map([...m].map(([c, x]) => [c, f(x)]))
  switch (kpi) {
    case 'received':
    case 'to_process':
    case 'in_process_overdue':
    case 'late_rate':
    case 'on_time_rate': {
      const field = (
        {
          received: 'received',
          to_process: 'toProcess',
          in_process_overdue: 'inProcessOverdue',
          late_rate: 'lateRate',
          on_time_rate: 'onTimeRate',
        } as const
      )[kpi]
      return map(await backlogByCommune(stores, codes, from, to), (b) => b[field])
    }
    case 'avg_processing_days':
      return map(await processingTimeByCommune(stores, codes, from, to), (p) => p.avgDays)
    case 'satisfied_share':
      return map(await satisfactionByCommune(stores, codes, from, to), (s) => s.ratings.satisfiedShare)
    case 'complaints':
      return map(await complaintsByCommune(stores, codes, from, to), (c) => c.total)
    case 'qd766_total':
      // Ranked on the share of computable points; a commune with nothing to process is not ranked (ADR 024).
      return map(await inputs766ByCommune(stores, codes, from, to), (i) => {
        const r = explain766(i)
        return r.groups.TDGQ === null ? null : r.share
      })
  }
}

async function qd766Totals(stores: Stores, codes: string[], from: string, to: string) {
  const inputs = await inputs766ByCommune(stores, codes, from, to)
  return new Map([...inputs].map(([c, i]) => [c, explain766(i)]))
}

export async function getCommuneRanking(stores: Stores, query: { from: string; to: string; kpi: RankingKpi }): Promise<RankedCommune[]> {
  const { from, to, kpi } = Query.parse(query)
  const { all } = await resolveScope(stores)
  const values = await valuesFor(
    stores,
    kpi,
    all.map((c) => c.code),
    from,
    to,
  )
  const sign = RANKING_KPIS[kpi] === 'higher_better' ? -1 : 1
  const rows = all.map((c) => ({ code: c.code, name: c.name, value: values.get(c.code) ?? null, rank: null as number | null }))
  rows.sort((a, b) =>
    a.value === null
      ? b.value === null
        ? a.code.localeCompare(b.code)
        : 1
      : b.value === null
        ? -1
        : sign * (a.value - b.value) || a.code.localeCompare(b.code),
  )
  let rank = 0
  rows.forEach((r, i) => {
    if (r.value === null) return
    rank = i > 0 && rows[i - 1]!.value === r.value ? rank : i + 1
    r.rank = rank
  })
  if (kpi !== 'qd766_total') return rows
  // value = the total itself ("X / outOf"), in the order of the shares.
  const totals = await qd766Totals(
    stores,
    rows.map((r) => r.code),
    from,
    to,
  )
  return rows.map((r) => {
    const t = totals.get(r.code)
    return { ...r, value: t?.total ?? null, outOf: t && t.total !== null ? t.maxComputed : null }
  })
}
