/**
 * Tổng quan: the province tiles (each vs the comparison period and the target), one row per commune for
 * the map and the ranked table, and the current alerts. Everything comes from the KPI engine's functions
 * over rollups; each KPI family is read under `attempt`, so a failing store blanks (and flags) only the
 * figures it feeds — never a zero.
 */
import { reasonBoth } from '../i18n/messages.ts'
import type { Stores } from '../../db/stores.ts'
import { listCommunes, type CommuneRow } from '../models/communes.server.ts'
import { backlogByCommune, sumBacklogs, type Backlog } from '../kpi/backlog.server.ts'
import { satisfactionByCommune, satisfactionFor } from '../kpi/satisfaction.server.ts'
import { explain766, inputs766ByCommune, inputs766For, tile766 } from '../kpi/qd766.server.ts'
import { getOverloadAll, type CommuneOverload } from '../kpi/overload.server.ts'
import { equipmentLoadWindow, getEquipmentGap } from '../kpi/equipment.server.ts'
import { getLoad } from '../kpi/load.server.ts'
import { getReceivedByCommune } from '../kpi/trend.server.ts'
import { getTargets } from '../kpi/targets.server.ts'
import { listAlerts, type AlertRow } from '../kpi/alerts.server.ts'
import { attempt, type Result } from '../components/states/result.ts'
import type { TileData } from '../components/tiles/KpiTile.tsx'
import type { ResolvedPeriod } from '../lib/url-filters.ts'
import { backlogColumns, ratingColumns } from './row-figures.ts'
import { memoAnswer } from '../lib/answer-memo.server.ts'
import { rankProvinces, type ProvinceInfo, type ProvinceRow } from './provinces.server.ts'

export interface OverviewRow {
  code: string
  name: string
  /** The commune's province (a national overview shows it; optional for rows built elsewhere). */
  provinceCode?: string
  type: string
  formedByMerger: boolean
  received: number | null
  toProcess: number | null
  backlog: number | null
  overdue: number | null
  processed: number | null
  /** Processed early or on time (the on-time rate's numerator). */
  processedOnTime: number | null
  /** Processed late + in process overdue (the late rate's numerator). */
  lateCount: number | null
  onTimeRate: number | null
  lateRate: number | null
  satisfiedShare: number | null
  satisfied: number | null
  rated: number | null
  receivedPerDay: number | null
  perOfficerPerDay: number | null
  overload: 'normal' | 'watch' | 'overload' | null
  overloadNoData: boolean
  overloadReasons: { vi: string; en: string }[]
  /** Predicted capacity utilisation, the figure the overload level grades (the /staffing one, ADR 037). */
  utilisation: number | null
  qd766Total: number | null
  /** Computable points of the commune's 766 total ("X / Y điểm tính được"). */
  qd766OutOf: number | null
  /** qd766Total / qd766OutOf: what the 766 page ranks on. */
  qd766Share: number | null
  equipmentGapVnd: number | null
}

/** Which KPI families could not be read (their columns show an error instead of figures). */
export type Family = 'backlog' | 'satisfaction' | 'qd766' | 'overload' | 'equipment' | 'load'

export interface Overview {
  codes: string[]
  tiles: Record<'backlog' | 'overdue' | 'onTime' | 'satisfied' | 'overload' | 'equipmentGap' | 'qd766', Result<TileData>>
  overloadWatch: number | null
  rows: OverviewRow[]
  failed: Family[]
  errors: Partial<Record<Family, string>>
  alerts: Result<AlertRow[]>
  /** The province ranking of a national overview (ADR 033); null for a province. */
  provinces: ProvinceRow[] | null
}

/** The communes a viewer sees: their scope, then the type filter. */
export async function scopedCommunes(stores: Stores, scope: 'all' | string[], type: string): Promise<CommuneRow[]> {
  const province = stores.config.PROVINCE_CODE
  const all = await memoAnswer('communes', province, () => listCommunes(stores.pg.db, province))
  return all.filter((c) => (scope === 'all' || scope.includes(c.code)) && (type === 'all' || c.type === type))
}

/** `provinces` given (a national overview): the province ranking too, from the same per-commune figures. */
export async function loadOverview(
  stores: Stores,
  communes: CommuneRow[],
  p: ResolvedPeriod,
  provinces?: ProvinceInfo[],
): Promise<Overview> {
  // The same overview for everyone who sees these communes over this period, computed once per data
  // generation (ADR 039); an answer with a family that failed to read is not kept.
  const key = [stores.config.PROVINCE_CODE, communes, p.current, p.comparison, provinces ?? null]
  return memoAnswer(
    'overview',
    key,
    () => computeOverview(stores, communes, p, provinces),
    (o) => o.failed.length === 0 && o.alerts.ok && Object.values(o.tiles).every((t) => t.ok),
  )
}

async function computeOverview(stores: Stores, communes: CommuneRow[], p: ResolvedPeriod, provinces?: ProvinceInfo[]): Promise<Overview> {
  const codes = communes.map((c) => c.code)
  const { from, to } = p.current
  const prev = p.comparison
  const inSet = new Set(codes)
  const [backlog, backlogPrev, sat, satProv, satPrev, q766, q766Prov, q766Prev, overload, overloadPrev, equipment, load, targets, alerts] =
    await Promise.all([
      attempt('overview:backlog', () => backlogByCommune(stores, codes, from, to)),
      attempt('overview:backlogPrev', async () => sumBacklogs([...(await backlogByCommune(stores, codes, prev.from, prev.to)).values()])),
      attempt('overview:satisfaction', () => satisfactionByCommune(stores, codes, from, to)),
      attempt('overview:satisfactionProv', () => satisfactionFor(stores, codes, from, to)),
      attempt('overview:satisfactionPrev', () => satisfactionFor(stores, codes, prev.from, prev.to)),
      attempt('overview:qd766', () => inputs766ByCommune(stores, codes, from, to)),
      attempt('overview:qd766Prov', async () => explain766(await inputs766For(stores, codes, from, to))),
      attempt('overview:qd766Prev', async () => explain766(await inputs766For(stores, codes, prev.from, prev.to))),
      attempt('overview:overload', () => getOverloadAll(stores, { from, to })),
      attempt('overview:overloadPrev', () => getOverloadAll(stores, { from: prev.from, to: prev.to })),
      attempt('overview:equipment', () => getEquipmentGap(stores, equipmentLoadWindow())),
      attempt('overview:load', () => getLoad(stores, { from, to })),
      attempt('overview:targets', () => getTargets(stores)),
      attempt('overview:alerts', async () => (await listAlerts(stores, { open: true })).filter((a) => inSet.has(a.commune))),
    ])

  const failed: Family[] = []
  const errors: Partial<Record<Family, string>> = {}
  const note = (f: Family, r: Result<unknown>) => {
    if (!r.ok && !failed.includes(f)) {
      failed.push(f)
      errors[f] = r.error
    }
  }
  note('backlog', backlog)
  note('satisfaction', sat)
  note('qd766', q766)
  note('overload', overload)
  note('equipment', equipment)
  note('load', load)

  const ov = overload.ok ? new Map(overload.data.communes.map((c) => [c.commune, c])) : null
  const eq = equipment.ok ? new Map(equipment.data.perCommune.map((c) => [c.commune, c])) : null
  const ld = load.ok ? new Map(load.data.perCommune.map((c) => [c.commune, c])) : null
  const rows: OverviewRow[] = communes.map((c) => {
    const b: Backlog | undefined = backlog.ok ? backlog.data.get(c.code) : undefined
    const s = sat.ok ? sat.data.get(c.code) : undefined
    const o: CommuneOverload | undefined = ov?.get(c.code)
    const i766 = q766.ok ? q766.data.get(c.code) : undefined
    const r766 = i766 ? explain766(i766) : null
    return {
      code: c.code,
      name: c.name,
      provinceCode: c.provinceCode,
      type: c.type,
      formedByMerger: c.formedByMerger,
      ...backlogColumns(b),
      ...ratingColumns(s?.ratings),
      receivedPerDay: ld?.get(c.code)?.receivedPerWorkday ?? null,
      perOfficerPerDay: ld?.get(c.code)?.perOfficerPerWorkday ?? null,
      overload: o ? o.level : null,
      overloadNoData: o?.noData ?? false,
      overloadReasons: o ? o.reasons.map((r) => reasonBoth('overload.reason', r)) : [],
      utilisation: o?.inputs.utilisation ?? null,
      qd766Total: r766?.total ?? null,
      qd766OutOf: r766 && r766.total !== null ? r766.maxComputed : null,
      qd766Share: r766?.share ?? null,
      equipmentGapVnd: eq ? (eq.get(c.code)?.gapVnd ?? null) : null,
    }
  })

  const t = targets.ok ? targets.data : {}
  const target = (k: string) => t[k]?.target ?? null
  const sumBl = backlog.ok ? sumBacklogs([...backlog.data.values()]) : null
  const tile = (cur: Result<unknown>, value: () => number | null, previous: () => number | null, tgt: number | null): Result<TileData> =>
    cur.ok ? { ok: true, data: { value: value(), previous: previous(), target: tgt } } : { ok: false, error: cur.error }
  const prevBl = backlogPrev.ok ? backlogPrev.data : null
  const ovCount = (r: typeof overload) =>
    r.ok ? r.data.communes.filter((c) => inSet.has(c.commune) && c.level === 'overload').length : null
  const tiles: Overview['tiles'] = {
    backlog: tile(
      backlog,
      () => sumBl!.inProcess,
      () => prevBl?.inProcess ?? null,
      null,
    ),
    overdue: tile(
      backlog,
      () => sumBl!.inProcessOverdue,
      () => prevBl?.inProcessOverdue ?? null,
      null,
    ),
    onTime: tile(
      backlog,
      () => sumBl!.onTimeRate,
      () => prevBl?.onTimeRate ?? null,
      target('on_time_rate'),
    ),
    satisfied: tile(
      satProv,
      () => (satProv.ok ? satProv.data.ratings.satisfiedShare : null),
      () => (satPrev.ok ? satPrev.data.ratings.satisfiedShare : null),
      target('satisfied_share'),
    ),
    overload: tile(
      overload,
      () => ovCount(overload),
      () => ovCount(overloadPrev),
      null,
    ),
    // The inventory has no history in the gap function: no comparison rather than a made-up one.
    equipmentGap: tile(
      equipment,
      () => (equipment.ok ? equipment.data.perCommune.filter((c) => inSet.has(c.commune)).reduce((s, c) => s + c.gapVnd, 0) : null),
      () => null,
      null,
    ),
    // "X / Y điểm tính được", the target scaled to Y, a trend only against the same coverage (ADR 024).
    qd766: q766Prov.ok
      ? { ok: true, data: tile766(q766Prov.data, q766Prev.ok ? q766Prev.data : null, target('qd766_total')) }
      : { ok: false, error: q766Prov.error },
  }
  const overloadWatch = overload.ok ? overload.data.communes.filter((c) => inSet.has(c.commune) && c.level === 'watch').length : null
  const provinceRows = provinces
    ? rankProvinces(provinces, communes, rows, backlog.ok ? backlog.data : null, sat.ok ? sat.data : null)
    : null
  return { codes, tiles, overloadWatch, rows, failed, errors, alerts, provinces: provinceRows }
}

/**
 * Dossiers received per trend bucket for each commune (the table's sparklines), in one rollup query (it was
 * one getTrend per commune: 78 queries, which chDB runs one at a time, and which piled up on a busy server
 * when someone opened the overview several times). The page streams it after the first paint.
 */
export function loadSparks(stores: Stores, codes: string[], p: ResolvedPeriod): Promise<Result<Record<string, (number | null)[]>>> {
  return attempt('overview:trend', () =>
    getReceivedByCommune(stores, { communes: codes, from: p.current.from, to: p.current.to, grain: p.grain }),
  )
}
