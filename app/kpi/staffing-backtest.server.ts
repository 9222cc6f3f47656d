/**
 * Back-test of the staffing model (ADR 031): for past 4-week windows of reception days, the late dossiers the
 * model predicts for the dossiers received in the window — from the history before it, as the planner would
 * have seen it the day before the window opened, with the staff on site on its first day — against the late
 * dossiers the data show for the same reception days (commune_day_procedure `late`). The error is the
 * weighted absolute percentage error over communes: WAPE = Σ |predicted − observed| ÷ Σ observed, over every
 * commune of every window. Windows end SETTLE_DAYS before `asOf`, so the dossiers they hold are settled; a window
 * is left out when the history its prediction reads (the settled lateness window, 56 + SETTLE_DAYS days before
 * it) starts before the first reception day the store holds in full (`dossierCoverageFrom`): on a store pulled
 * for the last few weeks only, those days hold only the dossiers still moving, and both the prediction and the
 * observed count would be wrong.
 */
import type { Stores } from '../../db/stores.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { predictCommune } from './predict.ts'
import { DEFAULT_MODEL } from './predict-types.ts'
import { workingDays } from './queries/load.ts'
import { fieldLateness } from './queries/staffing.ts'
import { round } from './numbers.ts'
import {
  MODEL_HISTORY_DAYS,
  SETTLE_DAYS,
  dossierCoverageFrom,
  loadModelInputs,
  onSiteByCommune,
  staffOn,
  type ModelOptions,
} from './staffing-model.server.ts'

export const BACKTEST_WINDOWS = 6
export const WINDOW_DAYS = 28

export interface BacktestCommune {
  code: string
  predicted: number
  observed: number
}
export interface BacktestWindow {
  from: string
  to: string
  workingDays: number
  predicted: number
  observed: number
  absError: number
  /** null when nothing was late in the window. */
  wape: number | null
  communes: BacktestCommune[]
}
export interface Backtest {
  asOf: string
  windows: BacktestWindow[]
  predicted: number
  observed: number
  /** Over every commune of every window; null when nothing was observed late (or no window could be tested). */
  wape: number | null
  /** Windows left out because the store does not hold their history in full (see the header). */
  uncovered: number
}

async function backtestWindow(
  stores: Stores,
  communes: readonly { code: string; name: string }[],
  from: string,
  to: string,
  opts: ModelOptions,
): Promise<BacktestWindow> {
  const codes = communes.map((c) => c.code)
  const log = 'kpi:backtest'
  const [inputs, staff, W, observed] = await Promise.all([
    loadModelInputs(stores, communes, addDays(from, -1), log, opts),
    staffOn(stores, codes, from),
    workingDays(stores.ch, from, to, log),
    fieldLateness(stores.ch, codes, from, to, log),
  ])
  const sites = onSiteByCommune(staff)
  const rows: BacktestCommune[] = inputs.demands.map((d) => {
    const p = predictCommune(d, sites.get(d.code) ?? [], inputs.fields, W, DEFAULT_MODEL)
    const o = [...(observed.get(d.code)?.values() ?? [])].reduce((s, x) => s + x.late, 0)
    return { code: d.code, predicted: round(p.lateOfIntake, 2), observed: o }
  })
  const predicted = rows.reduce((s, r) => s + r.predicted, 0)
  const obs = rows.reduce((s, r) => s + r.observed, 0)
  const absError = rows.reduce((s, r) => s + Math.abs(r.predicted - r.observed), 0)
  return {
    from,
    to,
    workingDays: W,
    predicted: round(predicted, 1),
    observed: obs,
    absError: round(absError, 1),
    wape: obs > 0 ? round(absError / obs, 4) : null,
    communes: rows,
  }
}

/** The back-test over `windows` 4-week windows, the latest ending SETTLE_DAYS before `asOf` (default yesterday). */
export async function backtestStaffingModel(
  stores: Stores,
  communes: readonly { code: string; name: string }[],
  opts: ModelOptions & { asOf?: string; windows?: number } = {},
): Promise<Backtest> {
  const asOf = opts.asOf ?? addDays(toLocalYmd(new Date()), -1)
  const end = addDays(asOf, -SETTLE_DAYS)
  const coverageFrom = await dossierCoverageFrom(stores)
  const windows: BacktestWindow[] = []
  let uncovered = 0
  // One window at a time: each reads a few rollup queries, and the machine may be small.
  for (let i = 0; i < (opts.windows ?? BACKTEST_WINDOWS); i++) {
    const to = addDays(end, -WINDOW_DAYS * i)
    const from = addDays(to, -(WINDOW_DAYS - 1))
    const historyFrom = addDays(from, -(1 + SETTLE_DAYS + MODEL_HISTORY_DAYS - 1))
    if (coverageFrom !== null && historyFrom < coverageFrom) uncovered++
    else windows.push(await backtestWindow(stores, communes, from, to, { ...opts, coverageFrom }))
  }
  const predicted = windows.reduce((s, w) => s + w.predicted, 0)
  const observed = windows.reduce((s, w) => s + w.observed, 0)
  const abs = windows.reduce((s, w) => s + w.absError, 0)
  return { asOf, windows, predicted: round(predicted, 1), observed, wape: observed > 0 ? round(abs / observed, 4) : null, uncovered }
}

const caches = new WeakMap<Stores, Map<string, { at: number; value: Promise<Backtest> }>>()
const TTL_MS = 60 * 60_000

/** The back-test the staffing page shows as the model's accuracy, computed once an hour per day and scope. */
export function cachedBacktest(stores: Stores, communes: readonly { code: string; name: string }[], asOf: string): Promise<Backtest> {
  const key = `${asOf}|${communes.map((c) => c.code).join(',')}`
  const cache = caches.get(stores) ?? new Map<string, { at: number; value: Promise<Backtest> }>()
  caches.set(stores, cache)
  const hit = cache.get(key)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value
  const value = backtestStaffingModel(stores, communes, { asOf })
  value.catch(() => cache.delete(key))
  cache.set(key, { at: Date.now(), value })
  return value
}

/**
 * The cached back-test if it is ready; otherwise starts it (once) and returns null, so a page is never held
 * up by it (it reads a few rollup queries per window).
 */
export async function peekBacktest(
  stores: Stores,
  communes: readonly { code: string; name: string }[],
  asOf: string,
): Promise<Backtest | null> {
  const p = cachedBacktest(stores, communes, asOf)
  const ready = await Promise.race([p.then((b) => b), new Promise<null>((r) => setTimeout(() => r(null), 50))])
  return ready
}
