/**
 * Chỉ số 766: the scorecard per commune (groups and total), the rank, and the province's breakdown line by
 * line. Groups without a published formula (ONLINE) or without derivable inputs are null — "not computed".
 */
import type { Stores } from '../../db/stores.ts'
import { explain766, GROUPS_766, inputs766ByCommune, inputs766For, type Result766 } from '../kpi/index.server.ts'
import { listCommunes } from '../models/communes.server.ts'
import { rankBy } from '../lib/charts/table.ts'
import { attempt } from '../components/states/result.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'

export type GroupCode = (typeof GROUPS_766)[number]['code']

export interface ScoreRow {
  code: string
  name: string
  rank: number | null
  total: number | null
  groups: Record<GroupCode, number | null>
  /** TDGQ ratio behind the group (dossiers on time / to process). */
  tdgqNumerator: number | null
  tdgqDenominator: number | null
}

export async function loadQd766(stores: Stores, p: ResolvedPeriod) {
  const communes = await listCommunes(stores.pg.db, stores.config.PROVINCE_CODE)
  const codes = communes.map((c) => c.code)
  const [rows, province, previous] = await Promise.all([
    attempt('qd766:communes', async () => {
      const inputs = await inputs766ByCommune(stores, codes, p.current.from, p.current.to)
      const scored = communes.map((c) => {
        const r: Result766 = explain766(inputs.get(c.code)!)
        const tdgq = r.lines.find((l) => l.code === 'TDGQ')
        return {
          code: c.code,
          name: c.name,
          rank: null as number | null,
          total: r.total,
          groups: r.groups,
          tdgqNumerator: tdgq?.numerator ?? null,
          tdgqDenominator: tdgq?.denominator ?? null,
        }
      })
      const ranks = rankBy(scored, (r) => r.total, true)
      return scored.map((r) => ({ ...r, rank: ranks.get(r) ?? null })) satisfies ScoreRow[]
    }),
    attempt('qd766:province', async () => explain766(await inputs766For(stores, codes, p.current.from, p.current.to))),
    attempt('qd766:previous', async () => explain766(await inputs766For(stores, codes, p.comparison.from, p.comparison.to)).total),
  ])
  return {
    rows,
    province,
    previous,
    groups: GROUPS_766.map((g) => ({ code: g.code, vi: g.vi, en: g.en, max: g.max, computed: g.computed })),
  }
}
