/**
 * The national overview's province ranking (ADR 033): each province's figures aggregated from the same
 * per-commune figures as the commune table, by the same definitions — the counts summed, then
 * `sumBacklogs` / `sumRatings` recompute the rates (a province's on-time rate is Σ on time / Σ processed,
 * never an average of its communes' rates).
 */
import { eq } from 'drizzle-orm'
import type { Stores } from '../../db/stores.ts'
import { provinces } from '../../db/pg/schema/index.ts'
import { inProvince, NATION } from '../../db/pg/reads/communes.ts'
import { deploymentProvince } from '../../db/province-view.ts'
import type { NationLevel } from '../components/overview/NationBar.tsx'
import { sumBacklogs, type Backlog } from '../kpi/backlog.server.ts'
import { sumRatings, type Satisfaction } from '../kpi/satisfaction.server.ts'
import type { CommuneRow } from '../models/communes.server.ts'
import type { OverviewRow } from './overview.server.ts'
import { backlogColumns, ratingColumns } from './row-figures.ts'

export interface ProvinceInfo {
  code: string
  name: string
  fullName: string
}

/** A province's row: the commune row's shape (so the map's indicators read it alike) plus its commune counts. */
export interface ProvinceRow extends OverviewRow {
  communes: number
  /** Communes at the overload level (the commune-level flag does not aggregate into a level). */
  overloadCommunes: number | null
}

/** The provinces of `provinceCode` (every one for `all`), by code. */
export async function listProvinces(stores: Stores, provinceCode: string): Promise<ProvinceInfo[]> {
  return stores.pg.db
    .select({ code: provinces.code, name: provinces.name, fullName: provinces.fullName })
    .from(provinces)
    .where(inProvince(provinceCode, provinces.code))
    .orderBy(provinces.code)
}

/**
 * Where a national deployment's page stands (ADR 033): the province picker's list (empty for a user scoped to
 * a province) and the province looked at (null: the nation). Null for a province deployment.
 */
export async function nationLevel(stores: Stores, user: { provinceCode?: string | null }): Promise<NationLevel | null> {
  if (deploymentProvince(stores) !== NATION) return null
  const all = await listProvinces(stores, NATION)
  const code = stores.config.PROVINCE_CODE
  const here = code === NATION ? null : (all.find((p) => p.code === code) ?? { code, name: code, fullName: code })
  return {
    provinces: user.provinceCode ? [] : all.map((p) => ({ code: p.code, name: p.name })),
    province: here && { code: here.code, name: here.name },
  }
}

/** One province's names (null when the code is unknown). */
export async function provinceInfo(stores: Stores, code: string): Promise<ProvinceInfo | null> {
  const [p] = await stores.pg.db
    .select({ code: provinces.code, name: provinces.name, fullName: provinces.fullName })
    .from(provinces)
    .where(eq(provinces.code, code))
  return p ?? null
}

/** Rows (one per commune) grouped by the commune's province; a commune of no known province is left out. */
export function byProvince<T extends { code: string }>(rows: readonly T[], provinceOf: ReadonlyMap<string, string>): Map<string, T[]> {
  const by = new Map<string, T[]>()
  for (const r of rows) {
    const p = provinceOf.get(r.code)
    if (p === undefined) continue
    const list = by.get(p)
    if (list) list.push(r)
    else by.set(p, [r])
  }
  return by
}

/** Σ over the communes that have the figure; null when none has it (no data, or the family failed). */
const sum = (xs: (number | null)[]): number | null => (xs.every((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0))

/**
 * Groups the communes by province. `backlog` / `satisfaction` are the per-commune figures the commune rows
 * came from (null: that family failed, and its province figures are null too — never a zero).
 */
export function rankProvinces(
  list: ProvinceInfo[],
  communes: CommuneRow[],
  rows: OverviewRow[],
  backlog: Map<string, Backlog> | null,
  satisfaction: Map<string, Satisfaction> | null,
): ProvinceRow[] {
  const rowOf = new Map(rows.map((r) => [r.code, r]))
  return list.flatMap((p) => {
    const mine = communes.filter((c) => c.provinceCode === p.code)
    if (mine.length === 0) return []
    const b = backlog ? sumBacklogs(mine.map((c) => backlog.get(c.code)).filter((x): x is Backlog => !!x)) : null
    const s = satisfaction ? sumRatings(mine.flatMap((c) => satisfaction.get(c.code)?.ratings ?? [])) : null
    const r = mine.map((c) => rowOf.get(c.code)!)
    const overloadKnown = r.every((x) => x.overload !== null || x.overloadNoData)
    return [
      {
        code: p.code,
        name: p.name,
        provinceCode: p.code,
        type: 'province',
        formedByMerger: false,
        communes: mine.length,
        ...backlogColumns(b),
        ...ratingColumns(s),
        receivedPerDay: sum(r.map((x) => x.receivedPerDay)),
        perOfficerPerDay: null,
        overload: null,
        overloadNoData: false,
        overloadReasons: [],
        utilisation: null,
        overloadCommunes: overloadKnown ? r.filter((x) => x.overload === 'overload').length : null,
        // Scored out of each commune's computable points: no province total is defined (ADR 024, ADR 033).
        qd766Total: null,
        qd766OutOf: null,
        qd766Share: null,
        equipmentGapVnd: sum(r.map((x) => x.equipmentGapVnd)),
      },
    ]
  })
}
