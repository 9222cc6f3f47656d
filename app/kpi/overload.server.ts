/**
 * Overload risk per commune — bình thường / cần theo dõi / quá tải — with the reasons that drove it
 * (`assessOverload`, app/kpi/overload.ts), from these signals over the period [from, to]:
 *  - UTILISATION ρ = A / N at the peak hour: A = peak-hour counter arrivals × handling minutes ÷ 60 (the
 *    staffing model, staffing.server.ts), N = counters serving = min(active counters, officers assigned)
 *    (whichever is known); its watch/overload band is the `utilisation` row of alert_thresholds (commune
 *    row overrides the province default);
 *  - WAIT_OVER_TARGET: Erlang C P(wait > target wait of staffing_params) with N counters (`queueMetrics`);
 *  - BACKLOG_GROWTH: open dossiers at the end of the period vs at the end of the previous period of the same
 *    length (the commune_day open_* stock);
 *  - NEARLY_DUE_OVER_CAPACITY: open dossiers nearly due vs what the staff finish per working day =
 *    FTE × work hours ÷ hours per dossier (back-office hours + in-person share × handling time);
 *  - FORECAST_GROWTH: next 28 days' intake per working day (holiday calendar) vs the last 28 days';
 *  - performance, apart from the level: the overdue share, overdue ÷ open at the end of the period.
 * A commune without intake, staff or stock data has the corresponding signals listed in `skipped`.
 * `getOverloadAll` assesses every commune of the province with one query per kind of fact.
 */
import { queueMetrics } from './erlang.ts'
import { DEFAULT_OVERLOAD_THRESHOLDS, assessOverload, type OverloadAssessment, type OverloadLevel } from './overload.ts'
import type { Stores } from '../../db/stores.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { forecastsFor, type IntakeForecast } from './forecast.server.ts'
import { communeStaffing, loadStaffingContext, type StaffingContext } from './staffing.server.ts'
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

/**
 * Peak-hour counter queue of one commune: N = min(active counters, officers assigned) (whichever is
 * known); null metrics without intake or without either number.
 */
export function counterQueue(ctx: StaffingContext, c: CommuneInfo) {
  const st = communeStaffing(ctx, c)
  const m = st.hasIntake ? st.model : null
  const params = ctx.params.get(c.code)!
  const active = ctx.counters.get(c.code)?.active ?? null
  const staffN = st.assigned
  const servers = active !== null && staffN !== null ? Math.min(active, staffN) : (active ?? staffN)
  const q =
    m && servers !== null && servers >= 1
      ? queueMetrics({
          arrivalsPerHour: m.arrivalsPerHour,
          handlingMinutes: m.handlingMinutes,
          servers,
          targetWaitMinutes: params.targetWaitMinutes,
        })
      : null
  return { st, m, params, servers, q }
}

function communeInputs(
  ctx: StaffingContext,
  c: CommuneInfo,
  stock: StockFacts | undefined,
  fc: IntakeForecast | undefined,
): OverloadInputs {
  const { st, m, params, servers, q } = counterQueue(ctx, c)
  const hoursPerDay = m ? m.backOfficeHoursPerDay + (m.inPersonPerWorkday * m.handlingMinutes) / 60 : 0
  const capacityPerDay =
    m && st.fte !== null && hoursPerDay > 0 && m.receivedPerWorkday > 0
      ? (st.fte * params.workHoursPerDay) / (hoursPerDay / m.receivedPerWorkday)
      : null
  return {
    arrivalsPerHour: m?.arrivalsPerHour ?? null,
    handlingMinutes: m?.handlingMinutes ?? null,
    servers: servers !== null && servers >= 1 ? servers : null,
    offeredLoad: m?.offeredLoad ?? null,
    utilisation: r(q?.utilisation ?? null, 4),
    probWaitOverTarget: r(q?.probWaitOverTarget ?? null, 4),
    avgWaitMinutes: q ? (q.stable ? round(q.avgWaitMinutes) : null) : null,
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
  const band = utilisation ? { watch: utilisation.watch, overload: utilisation.critical } : DEFAULT_OVERLOAD_THRESHOLDS.utilisation
  return assessOverload(inputs, { utilisation: band })
}

/** Everything needed to assess a set of communes over a period, loaded once. */
async function assessAll(stores: Stores, from: string, to: string, selected: CommuneInfo[], log: string) {
  const codes = selected.map((c) => c.code)
  const prev = addDays(from, -1)
  const [ctx, stocks, forecasts, thresholds] = await Promise.all([
    loadStaffingContext(stores, codes, from, to, log),
    stockFacts(stores.ch, codes, to, prev, log),
    forecastsFor(stores, codes, to, log),
    alertThresholdsFor(stores.pg.db, codes),
  ])
  const communes: CommuneOverload[] = selected.map((c) => {
    const inputs = communeInputs(ctx, c, stocks.get(c.code), forecasts.get(c.code))
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
  const { communes } = await assessAll(stores, q.from, q.to, all, 'kpi:getOverloadAll')
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
  const { selected } = await resolveScope(stores, q.commune)
  const { communes, forecasts } = await assessAll(stores, q.from, q.to, selected, 'kpi:getOverload')
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
  const a = assessOverload(inputs)
  return { commune: null, from: q.from, to: q.to, ...a, inputs, counts: countLevels(communes) }
}
