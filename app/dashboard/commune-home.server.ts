/**
 * The commune chair's home (issue 18 "Commune chair", issue 14 item 4): their worklist (overdue and
 * nearly-due dossiers by officer, app/kpi/dossiers.server.ts), their figures beside the province's average
 * and their rank among the province's communes (getCommuneRanking: the same figures as the overview), and
 * the staff moves into and out of their commune (accepted staffing plans).
 */
import { and, eq, inArray, or } from 'drizzle-orm'
import { officers, staffingPlanMoves, staffingPlans } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { getCommuneRanking, RANKING_KPIS, type RankingKpi } from '../kpi/index.server.ts'
import { getWorklist, type Worklist } from '../kpi/dossiers.server.ts'
import { attempt, type Result } from '../components/states/result.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'

/** The figures a chair compares (the overview's), each with the dossier class its count opens, if any. */
export const HOME_KPIS = [
  'received',
  'in_process_overdue',
  'late_rate',
  'on_time_rate',
  'satisfied_share',
  'complaints',
  'qd766_total',
] as const
export type HomeKpi = (typeof HOME_KPIS)[number]

export interface HomeFigure {
  kpi: HomeKpi
  direction: (typeof RANKING_KPIS)[RankingKpi]
  value: number | null
  /** Mean over the province's communes that have a value. */
  provinceAvg: number | null
  rank: number | null
  /** Communes ranked (with a value). */
  ranked: number
}

export interface StaffMove {
  officerId: string
  officerName: string | null
  fromCommune: string | null
  toCommune: string
  kind: string
  validFrom: string
  validTo: string | null
  planId: number
  planTitle: string
}

export async function compareWithProvince(stores: Stores, code: string, from: string, to: string): Promise<HomeFigure[]> {
  return Promise.all(
    HOME_KPIS.map(async (kpi) => {
      const rows = await getCommuneRanking(stores, { from, to, kpi })
      const vals = rows.map((r) => r.value).filter((v): v is number => v !== null)
      const own = rows.find((r) => r.code === code)
      return {
        kpi,
        direction: RANKING_KPIS[kpi],
        value: own?.value ?? null,
        provinceAvg: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null,
        rank: own?.rank ?? null,
        ranked: vals.length,
      }
    }),
  )
}

/** Moves of accepted staffing plans into or out of `code`, newest first. */
export async function staffMoves(stores: Stores, code: string): Promise<{ incoming: StaffMove[]; outgoing: StaffMove[] }> {
  const db = stores.pg.db
  const rows = await db
    .select({
      officerId: staffingPlanMoves.officerId,
      fromCommune: staffingPlanMoves.fromCommune,
      toCommune: staffingPlanMoves.toCommune,
      kind: staffingPlanMoves.kind,
      validFrom: staffingPlanMoves.validFrom,
      validTo: staffingPlanMoves.validTo,
      planId: staffingPlans.id,
      planTitle: staffingPlans.title,
    })
    .from(staffingPlanMoves)
    .innerJoin(staffingPlans, eq(staffingPlans.id, staffingPlanMoves.planId))
    .where(and(eq(staffingPlans.status, 'accepted'), or(eq(staffingPlanMoves.toCommune, code), eq(staffingPlanMoves.fromCommune, code))))
  const ids = [...new Set(rows.map((r) => r.officerId))]
  const names = ids.length
    ? new Map(
        (await db.select({ id: officers.id, name: officers.fullName }).from(officers).where(inArray(officers.id, ids))).map((o) => [
          o.id,
          o.name,
        ]),
      )
    : new Map<string, string>()
  const moves = rows
    .map((r) => ({ ...r, officerName: names.get(r.officerId) ?? null }))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || a.officerId.localeCompare(b.officerId))
  return {
    incoming: moves.filter((m) => m.toCommune === code),
    outgoing: moves.filter((m) => m.fromCommune === code && m.toCommune !== code),
  }
}

export interface CommuneHome {
  code: string
  name: string
  worklist: Result<Worklist>
  compare: Result<HomeFigure[]>
}

export async function loadCommuneHome(stores: Stores, code: string, name: string, p: ResolvedPeriod): Promise<CommuneHome> {
  const [worklist, compare] = await Promise.all([
    attempt('home:worklist', () => getWorklist(stores, code)),
    attempt('home:compare', () => compareWithProvince(stores, code, p.current.from, p.current.to)),
  ])
  return { code, name, worklist, compare }
}
