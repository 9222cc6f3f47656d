/**
 * Chỉ số 766: the scorecard per commune (groups and total "X / Y điểm tính được"), the rank on the share of
 * computable points, and the province's breakdown line by line with its tile (target scaled to the
 * computable points, trend only against a period scored on the same metrics; ADR 024). Groups without a
 * published formula (ONLINE) or without any derivable metric are null — "not computed".
 */
import type { Stores } from '../../db/stores.ts'
import { explain766, getTargets, GROUPS_766, inputs766ByCommune, inputs766For, tile766, type Result766 } from '../kpi/index.server.ts'
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
  /** Computable points: the total is "total / outOf". */
  outOf: number
  /** total / outOf, what the rank is on. */
  share: number | null
  groups: Record<GroupCode, number | null>
  groupMax: Record<GroupCode, number | null>
  /** TDGQ ratio behind the group (dossiers on time / to process). */
  tdgqNumerator: number | null
  tdgqDenominator: number | null
}

/** Rank 1 = the highest share of computable points; a commune with no dossier to process is not ranked. */
export function rank766<T extends { share: number | null; groups: Record<GroupCode, number | null> }>(rows: readonly T[]) {
  return rankBy(rows, (r) => (r.groups.TDGQ === null ? null : r.share), true)
}

function scoreRow(c: { code: string; name: string }, r: Result766): ScoreRow {
  const tdgq = r.lines.find((l) => l.code === 'TDGQ')
  return {
    code: c.code,
    name: c.name,
    rank: null,
    total: r.total,
    outOf: r.maxComputed,
    share: r.share,
    groups: r.groups,
    groupMax: r.groupMax,
    tdgqNumerator: tdgq?.numerator ?? null,
    tdgqDenominator: tdgq?.denominator ?? null,
  }
}

export async function loadQd766(stores: Stores, p: ResolvedPeriod) {
  const communes = await listCommunes(stores.pg.db, stores.config.PROVINCE_CODE)
  const codes = communes.map((c) => c.code)
  const [rows, province, previous, targets] = await Promise.all([
    attempt('qd766:communes', async () => {
      const inputs = await inputs766ByCommune(stores, codes, p.current.from, p.current.to)
      const scored = communes.map((c) => scoreRow(c, explain766(inputs.get(c.code)!)))
      const ranks = rank766(scored)
      return scored.map((r) => ({ ...r, rank: ranks.get(r) ?? null })) satisfies ScoreRow[]
    }),
    attempt('qd766:province', async () => explain766(await inputs766For(stores, codes, p.current.from, p.current.to))),
    attempt('qd766:previous', async () => explain766(await inputs766For(stores, codes, p.comparison.from, p.comparison.to))),
    attempt('qd766:targets', () => getTargets(stores)),
  ])
  const target = targets.ok ? (targets.data.qd766_total?.target ?? null) : null
  return {
    rows,
    province,
    tile: province.ok ? tile766(province.data, previous.ok ? previous.data : null, target) : null,
    groups: GROUPS_766.map((g) => ({ code: g.code, max: g.max, computed: g.computed })),
  }
}
