/**
 * Overload risk per commune — bình thường / cần theo dõi / quá tải — with the reasons that drove it
 * (`assessOverload`, app/kpi/overload.ts), from these signals over the period [from, to]:
 *  - UTILISATION: the one staffing prediction's utilisation (ADR 031, ADR 037): staff time demanded ÷ available
 *    over the next 20 working days, predicted from the 56 days ending the period's end with the staff on site
 *    (`getStaffingPrediction`, the numbers /staffing and /staffing/plan show; `predictedUtilisation`, capacity.ts).
 *    Its watch/overload band is the `utilisation` row of alert_thresholds (commune row overrides the province
 *    default). It is the only signal that makes "quá tải" (`capacityBands`): a commune is over capacity iff its
 *    predicted utilisation on /staffing reaches the threshold;
 *  - WAIT_OVER_TARGET (watch at most): Erlang C P(wait > target wait) on the counters the prediction opens;
 *  - BACKLOG_GROWTH (watch at most): open dossiers at the end of the period vs at the end of the previous period
 *    of the same length (the commune_day open_* stock);
 *  - NEARLY_DUE_OVER_CAPACITY (watch at most): open dossiers nearly due vs what the staff finish per working day
 *    = FTE × work hours ÷ hours per dossier (back-office hours + in-person share × handling time);
 *  - FORECAST_GROWTH (watch at most): next 28 days' intake per working day vs the last 28 days';
 *  - performance, apart from the level: the overdue share, overdue ÷ open at the end of the period.
 * A commune without intake, staff or stock data has the corresponding signals listed in `skipped`.
 * `getOverloadAll` assesses every commune of the province with one query per kind of fact.
 */
import { queueMetrics } from './erlang.ts'
import { assessOverload, type OverloadAssessment, type OverloadLevel } from './overload.ts'
import { capacityBands, predictedUtilisation } from './capacity.ts'
import { getStaffingPrediction, type CommuneModelResult } from './staffing-model.server.ts'
import type { Stores } from '../../db/stores.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { forecastsFor, type IntakeForecast } from './forecast.server.ts'
import { communeStaffing, loadStaffingContext, modelDates, type StaffingContext } from './staffing.server.ts'
import { alertThresholdsFor, type Threshold } from '../../db/pg/reads/thresholds.ts'
import { round } from './numbers.ts'
import { PROVINCE } from './queries/queue.ts'
import { stockFacts, type StockFacts } from './queries/stock.ts'
import { KpiQuery, resolveScope, type CommuneInfo } from './scope.server.ts'

export interface OverloadInputs {
  arrivalsPerHour: number | null
  handlingMinutes: number | null
  servers: number | null
  offeredLoad: number | null
  utilisation: number | null
  probWaitOverTarget: number | null
  avgWaitMinutes: number | null
  open: number | null
  overdue: number | null
  nearlyDue: number | null
  previousOpen: number | null
  backlogTrendPct: number | null
  capacityPerDay: number | null
  forecastNext28: number | null
  forecastGrowthPct: number | null
}

export interface CommuneOverload extends OverloadAssessment {
  commune: string
  name: string
  /** True when no signal could be evaluated (no intake, staff, stock or history): "normal" means unknown. */
  noData: boolean
  inputs: OverloadInputs
}

export interface ProvinceOverload extends OverloadAssessment {
  commune: null
  from: string
  to: string
  inputs: OverloadInputs
  counts: OverloadCounts
}

const ALL_SIGNALS = 5
const r = (x: number | null, digits = 2) => (x === null || !Number.isFinite(x) ? x : round(x, digits))
const pctChange = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : ((now - before) / before) * 100

/** The counter and capacity figures of the one staffing prediction for a commune (null without intake or staff). */
export function predictedCapacity(m: CommuneModelResult | undefined, noIntake: boolean) {
  if (!m || noIntake) return null
  const d = m.demand
  const p = m.prediction
  const q =
    p.counters >= 1 && d.counterArrivalsPerHour > 0
      ? queueMetrics({
          arrivalsPerHour: d.counterArrivalsPerHour,
          handlingMinutes: d.handlingMinutes,
          servers: p.counters,
          targetWaitMinutes: d.targetWaitMinutes,
        })
      : null
  return {
    arrivalsPerHour: r(d.counterArrivalsPerHour),
    handlingMinutes: r(d.handlingMinutes),
    servers: p.counters >= 1 ? p.counters : null,
    offeredLoad: r((d.counterArrivalsPerHour * d.handlingMinutes) / 60, 4),
    utilisation: predictedUtilisation(p),
    probWaitOverTarget: q ? r(q.probWaitOverTarget, 4) : null,
    avgWaitMinutes: p.counters >= 1 ? round(p.meanWaitMinutes, 1) : null,
  }
}

function communeInputs(
  ctx: StaffingContext,
  c: CommuneInfo,
  stock: StockFacts | undefined,
  fc: IntakeForecast | undefined,
  cap: ReturnType<typeof predictedCapacity>,
): OverloadInputs {
  const st = communeStaffing(ctx, c)
  const m = st.hasIntake ? st.model : null
  const params = ctx.params.get(c.code)!
  const hoursPerDay = m ? m.backOfficeHoursPerDay + (m.inPersonPerWorkday * m.handlingMinutes) / 60 : 0
  const capacityPerDay =
    m && st.fte !== null && hoursPerDay > 0 && m.receivedPerWorkday > 0
      ? (st.fte * params.workHoursPerDay) / (hoursPerDay / m.receivedPerWorkday)
      : null
  return {
    arrivalsPerHour: cap?.arrivalsPerHour ?? null,
    handlingMinutes: cap?.handlingMinutes ?? null,
    servers: cap?.servers ?? null,
    offeredLoad: cap?.offeredLoad ?? null,
    utilisation: cap?.utilisation ?? null,
    probWaitOverTarget: cap?.probWaitOverTarget ?? null,
    avgWaitMinutes: cap?.avgWaitMinutes ?? null,
    open: stock?.open ?? null,
    overdue: stock?.overdue ?? null,
    nearlyDue: stock?.nearlyDue ?? null,
    previousOpen: stock?.prevOpen ?? null,
    backlogTrendPct: r(pctChange(stock?.open ?? null, stock?.prevOpen ?? null)),
    capacityPerDay: r(capacityPerDay),
    forecastNext28: fc ? fc.totalExpected : null,
    forecastGrowthPct: fc?.growthPct ?? null,
  }
}

function assess(inputs: OverloadInputs, utilisation?: Threshold): OverloadAssessment {
  return assessOverload(inputs, capacityBands(utilisation ? { watch: utilisation.watch, overload: utilisation.critical } : undefined))
}

/** Everything needed to assess a set of communes over a period, loaded once. */
async function assessAll(stores: Stores, from: string, to: string, selected: CommuneInfo[], all: CommuneInfo[], log: string) {
  const codes = selected.map((c) => c.code)
  const prev = addDays(from, -1)
  const { asOf, staffDay } = modelDates(to)
  const [ctx, stocks, forecasts, thresholds, pred] = await Promise.all([
    loadStaffingContext(stores, codes, from, to, log),
    stockFacts(stores.ch, codes, to, prev, log),
    forecastsFor(stores, codes, to, log),
    alertThresholdsFor(stores.pg.db, codes),
    // The whole province, as /staffing predicts it (field parameters and lateness shares are province-wide).
    getStaffingPrediction(stores, all, asOf, staffDay, log),
  ])
  const noIntake = new Set(pred.inputs.noIntake)
  const communes: CommuneOverload[] = selected.map((c) => {
    const cap = predictedCapacity(pred.perCommune.get(c.code), noIntake.has(c.code))
    const inputs = communeInputs(ctx, c, stocks.get(c.code), forecasts.get(c.code), cap)
    const a = assess(inputs, thresholds.get(c.code)?.get('utilisation'))
    return { commune: c.code, name: c.name, ...a, noData: a.skipped.length === ALL_SIGNALS, inputs }
  })
  return { communes, stocks, forecasts }
}

/** Every commune of the province, worst first (overload, watch, normal; then by number of reasons). */
export interface OverloadAll {
  from: string
  to: string
  communes: CommuneOverload[]
  counts: OverloadCounts
}
/** Communes per level; `noData` of the `normal` ones had no signal at all. */
export type OverloadCounts = Record<OverloadLevel, number> & { noData: number }

/** Every commune of the province, worst first (overload, watch, normal, no data; then by number of reasons). */
export async function getOverloadAll(stores: Stores, query: Omit<KpiQuery, 'commune'>): Promise<OverloadAll> {
  const q = KpiQuery.parse(query)
  const { all } = await resolveScope(stores)
  const { communes } = await assessAll(stores, q.from, q.to, all, all, 'kpi:getOverloadAll')
  const rank = (c: CommuneOverload) => (c.level === 'overload' ? 3 : c.level === 'watch' ? 2 : c.noData ? 0 : 1)
  communes.sort((a, b) => rank(b) - rank(a) || b.reasons.length - a.reasons.length || a.commune.localeCompare(b.commune))
  return { from: q.from, to: q.to, communes, counts: countLevels(communes) }
}

function countLevels(list: CommuneOverload[]): OverloadCounts {
  const counts = { normal: 0, watch: 0, overload: 0, noData: 0 }
  for (const c of list) {
    counts[c.level]++
    if (c.noData) counts.noData++
  }
  return counts
}

/**
 * One commune, or the province: for the province the stock, capacity and forecast signals are summed over
 * the communes that have them (utilisation and waiting are per centre and are left to `counts`).
 */
export async function getOverload(stores: Stores, query: KpiQuery): Promise<CommuneOverload | ProvinceOverload> {
  const q = KpiQuery.parse(query)
  const { selected, all } = await resolveScope(stores, q.commune)
  const { communes, forecasts } = await assessAll(stores, q.from, q.to, selected, all, 'kpi:getOverload')
  if (q.commune) return communes[0]!
  const sum = (f: (i: OverloadInputs) => number | null) => {
    const xs = communes.map((c) => f(c.inputs)).filter((x): x is number => x !== null)
    return xs.length ? xs.reduce((a, b) => a + b, 0) : null
  }
  const withPrev = communes.filter((c) => c.inputs.previousOpen !== null)
  const openNow = withPrev.length ? withPrev.reduce((s, c) => s + (c.inputs.open ?? 0), 0) : null
  const province = forecasts.get(PROVINCE)
  const inputs: OverloadInputs = {
    arrivalsPerHour: null,
    handlingMinutes: null,
    servers: null,
    offeredLoad: null,
    utilisation: null,
    probWaitOverTarget: null,
    avgWaitMinutes: null,
    open: sum((i) => i.open),
    overdue: sum((i) => i.overdue),
    nearlyDue: sum((i) => i.nearlyDue),
    previousOpen: sum((i) => i.previousOpen),
    backlogTrendPct: r(
      pctChange(
        openNow,
        sum((i) => i.previousOpen),
      ),
    ),
    capacityPerDay: r(sum((i) => i.capacityPerDay)),
    forecastNext28: province?.totalExpected ?? null,
    forecastGrowthPct: province?.growthPct ?? null,
  }
  const a = assessOverload(inputs, capacityBands())
  return { commune: null, from: q.from, to: q.to, ...a, inputs, counts: countLevels(communes) }
}
