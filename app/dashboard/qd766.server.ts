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
import { pageIfLong } from '../lib/paging.ts'
import { byProvince } from './provinces.server.ts'

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

/**
 * A province's line of the national 766 page. No province total exists (ADR 024, ADR 033: each commune is
 * scored out of its own computable points); what sums is TDGQ's ratio (Σ on time / Σ to process), and the
 * province's communes are shown by how many were scored and its highest and lowest share.
 */
export interface Province766 {
  code: string
  name: string
  communes: number
  scored: number
  tdgqNumerator: number | null
  tdgqDenominator: number | null
  tdgqRate: number | null
  bestShare: number | null
  bestName: string | null
  worstShare: number | null
  worstName: string | null
}

export function rankProvince766(
  rows: readonly ScoreRow[],
  provinceOf: ReadonlyMap<string, string>,
  provinces: readonly { code: string; name: string }[],
): Province766[] {
  const by = byProvince(rows, provinceOf)
  return provinces
    .flatMap((p): Province766[] => {
      const mine = by.get(p.code)
      if (!mine) return []
      const withTdgq = mine.filter((r) => r.tdgqDenominator !== null)
      const num = withTdgq.length ? withTdgq.reduce((s, r) => s + (r.tdgqNumerator ?? 0), 0) : null
      const den = withTdgq.length ? withTdgq.reduce((s, r) => s + (r.tdgqDenominator ?? 0), 0) : null
      const ranked = mine
        .filter((r) => r.rank !== null && r.share !== null)
        .sort((a, b) => b.share! - a.share! || a.code.localeCompare(b.code))
      const best = ranked[0]
      const worst = ranked[ranked.length - 1]
      return [
        {
          code: p.code,
          name: p.name,
          communes: mine.length,
          scored: mine.filter((r) => r.total !== null).length,
          tdgqNumerator: num,
          tdgqDenominator: den,
          tdgqRate: num !== null && den ? num / den : null,
          bestShare: best?.share ?? null,
          bestName: best?.name ?? null,
          worstShare: worst?.share ?? null,
          worstName: worst?.name ?? null,
        },
      ]
    })
    .sort((a, b) => (b.tdgqRate ?? -1) - (a.tdgqRate ?? -1) || a.code.localeCompare(b.code))
}

/** One page of the scorecard when it is long (a nation's 3,321 communes), sorted and searched on the server. */
export function page766(rows: readonly ScoreRow[], search: URLSearchParams) {
  return pageIfLong(rows, search, {
    text: (r) => [r.name, r.code],
    value: (r, key) =>
      key in r.groups
        ? r.groups[key as GroupCode]
        : key === 'rank' || key === 'name' || key === 'total' || key === 'share'
          ? r[key]
          : undefined,
    sort: { key: 'rank', dir: 'asc' },
  })
}
