/**
 * The commune chair's home (issue 18 "Commune chair", issue 14 item 4): their worklist (overdue and
 * nearly-due dossiers by officer, app/kpi/dossiers.server.ts), their figures beside the province's average
 * and their rank among the province's communes (getCommuneRanking: the same figures as the overview).
 */
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
