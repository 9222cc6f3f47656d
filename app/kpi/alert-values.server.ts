/**
 * The values alerts are evaluated on, per commune, over a recent window [from, to] — one query per kind:
 *   late_rate            (late processed + overdue in process) ÷ to process          (docs/design.md §3)
 *   on_time_rate         (processed early + on time) ÷ processed: the tiles', the map's, the ranking's and the
 *                        KPI API's on-time rate (onTimeRate), so an alert, its target and the commune's row show
 *                        one number. Not 1 − late_rate, which would repeat the late-rate alert under another
 *                        name and get past a commune's own late-rate threshold.
 *   overdue_open         open dossiers overdue at the end of the window
 *   satisfied_share      counter ratings 4–5 ÷ all ratings in the window
 *   harassment_complaints  complaints of harassment (nhũng nhiễu) received in the window
 *   utilisation          the one staffing prediction's capacity utilisation (staff time demanded ÷ available,
 *                        predicted from the 56 days to the window's end: /staffing's and the overload level's)
 * to process = carried over (open at the end of the day before the window) + received in the window.
 * A value is null when there is nothing to compute it on (no rollup rows, no ratings, no intake): an
 * alert is then neither opened nor cleared.
 */
import type { Stores } from '../../db/stores.ts'
import { backlogByCommune } from './backlog.server.ts'
import { predictedCapacity } from './overload.server.ts'
import { harassmentComplaintRows } from './queries/alerts.ts'
import { satisfactionByCommune } from './satisfaction.server.ts'
import { resolveScope, type CommuneInfo } from './scope.server.ts'
import { modelDates } from './staffing.server.ts'
import { getStaffingPrediction } from './staffing-model.server.ts'

export const ALERT_KPIS = ['late_rate', 'on_time_rate', 'overdue_open', 'utilisation', 'satisfied_share', 'harassment_complaints'] as const
export type AlertKpi = (typeof ALERT_KPIS)[number]
export type AlertValues = Record<AlertKpi, number | null>

/**
 * The condition each KPI watches: one alert per condition per commune. The late rate and the on-time rate
 * both say "dossiers are late", so a commune in breach of both gets one alert — the more severe, the late
 * rate on a tie (it counts open overdue dossiers too) — never the pair (issue #14; ADR 024).
 */
export const ALERT_CONDITION: Record<AlertKpi, string> = {
  late_rate: 'lateness',
  on_time_rate: 'lateness',
  overdue_open: 'overdue',
  utilisation: 'counter_load',
  satisfied_share: 'satisfaction',
  harassment_complaints: 'harassment',
}

/** The size of an alert: how many dossiers (ratings, complaints) are behind it — the list's second sort key. */
export const ALERT_SIZE_UNIT: Record<AlertKpi, 'dossiers' | 'ratings' | 'complaints'> = {
  late_rate: 'dossiers', // processed late + in process overdue
  on_time_rate: 'dossiers', // processed late
  overdue_open: 'dossiers', // in process overdue
  utilisation: 'dossiers', // received in the window (the counter's arrivals)
  satisfied_share: 'ratings', // rated 1–3
  harassment_complaints: 'complaints',
}
export type AlertSizes = Record<AlertKpi, number | null>

/** Alert sizes per commune over [from, to] (backlog, ratings, complaints: three queries for any number of communes). */
export async function alertSizes(stores: Stores, codes: string[], from: string, to: string): Promise<Map<string, AlertSizes>> {
  const log = 'kpi:alert sizes'
  const [backlog, satisfaction, complaints] = await Promise.all([
    backlogByCommune(stores, codes, from, to),
    satisfactionByCommune(stores, codes, from, to),
    harassmentComplaintRows(stores.ch, { communes: codes, from, to }, log),
  ])
  const h = new Map(complaints.map((r) => [r.commune_code, r.n_harassment]))
  return new Map(
    codes.map((c) => {
      const b = backlog.get(c)
      const r = satisfaction.get(c)?.ratings
      return [
        c,
        {
          late_rate: b ? b.processedLate + b.inProcessOverdue : null,
          on_time_rate: b ? b.processedLate : null,
          overdue_open: b ? b.inProcessOverdue : null,
          utilisation: b ? b.received : null,
          satisfied_share: r ? r.rated - r.satisfied : null,
          harassment_complaints: h.get(c) ?? 0,
        },
      ]
    }),
  )
}

export async function alertValues(stores: Stores, communes: CommuneInfo[], from: string, to: string): Promise<Map<string, AlertValues>> {
  const codes = communes.map((c) => c.code)
  const log = 'job:rollups evaluateAlerts'
  // The backlog and satisfaction figures come from the KPI engine's own functions (one formula each).
  const { asOf, staffDay } = modelDates(to)
  const [backlog, satisfaction, complaints, pred] = await Promise.all([
    backlogByCommune(stores, codes, from, to),
    satisfactionByCommune(stores, codes, from, to),
    harassmentComplaintRows(stores.ch, { communes: codes, from, to }, log),
    resolveScope(stores).then(({ all }) => getStaffingPrediction(stores, all, asOf, staffDay, log)),
  ])
  const noIntake = new Set(pred.inputs.noIntake)
  const h = new Map(complaints.map((r) => [r.commune_code, r.n_harassment]))
  const out = new Map<string, AlertValues>()
  for (const c of communes) {
    const b = backlog.get(c.code)
    // no rollup row at all for the window: nothing to judge (the alert is neither opened nor cleared)
    const r = b && b.stockAsOf !== null ? b : null
    const cap = predictedCapacity(pred.perCommune.get(c.code), noIntake.has(c.code))
    out.set(c.code, {
      late_rate: r ? r.lateRate : null,
      on_time_rate: r ? r.onTimeRate : null,
      overdue_open: r ? r.inProcessOverdue : null,
      utilisation: cap?.utilisation ?? null,
      satisfied_share: satisfaction.get(c.code)?.ratings.satisfiedShare ?? null,
      harassment_complaints: h.get(c.code) ?? 0,
    })
  }
  return out
}
