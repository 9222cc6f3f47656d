/**
 * The values alerts are evaluated on, per commune, over a recent window [from, to] — one query per kind:
 *   late_rate            (late processed + overdue in process) ÷ to process          (DESIGN §3)
 *   on_time_rate         (processed early + on time + in process not overdue) ÷ to process
 *                        (an unfinished dossier is on time while its due date is after the period end)
 *   overdue_open         open dossiers overdue at the end of the window
 *   satisfied_share      counter ratings 4–5 ÷ all ratings in the window
 *   harassment_complaints  complaints of harassment (nhũng nhiễu) received in the window
 *   utilisation          peak-hour counter utilisation ρ of the queueing model (overload.server.ts)
 * to process = carried over (open at the end of the day before the window) + received in the window.
 * A value is null when there is nothing to compute it on (no rollup rows, no ratings, no intake): an
 * alert is then neither opened nor cleared.
 */
import { z } from 'zod'
import type { Stores } from '../../../db/stores.ts'
import { counterQueue } from '../overload.server.ts'
import { loadStaffingContext } from '../staffing.server.ts'
import type { CommuneInfo } from './pg-inputs.server.ts'
import { chRows, num, ratio } from './run.server.ts'

export const ALERT_KPIS = ['late_rate', 'on_time_rate', 'overdue_open', 'utilisation', 'satisfied_share', 'harassment_complaints'] as const
export type AlertKpi = (typeof ALERT_KPIS)[number]
export type AlertValues = Record<AlertKpi, number | null>

const Backlog = z.object({
  commune_code: z.string(), carried_day: z.string(), carried: num, n_received: num, n_early: num, n_on_time: num, n_late: num,
  last_day: z.string(), not_due: num, nearly_due: num, overdue: num, n_satisfied: num, n_rated: num,
})
const Complaints = z.object({ commune_code: z.string(), n_harassment: num, n_complaints: num })

export async function alertValues(stores: Stores, communes: CommuneInfo[], from: string, to: string): Promise<Map<string, AlertValues>> {
  const codes = communes.map((c) => c.code)
  const log = 'job:rollups evaluateAlerts'
  const [backlog, complaints, ctx] = await Promise.all([
    chRows(stores.ch, 'alert_backlog', { codes, from, to }, Backlog, log),
    chRows(stores.ch, 'alert_complaints', { codes, from, to }, Complaints, log),
    loadStaffingContext(stores, codes, from, to, log),
  ])
  const b = new Map(backlog.map((r) => [r.commune_code, r]))
  const h = new Map(complaints.map((r) => [r.commune_code, r.n_harassment]))
  const out = new Map<string, AlertValues>()
  for (const c of communes) {
    const r = b.get(c.code)
    const carried = r && r.carried_day > '1970-01-01' ? r.carried : 0
    const toProcess = r ? carried + r.n_received : null
    const { q } = counterQueue(ctx, c)
    out.set(c.code, {
      late_rate: r ? ratio(r.n_late + r.overdue, toProcess) : null,
      on_time_rate: r ? ratio(r.n_early + r.n_on_time + r.not_due + r.nearly_due, toProcess) : null,
      overdue_open: r ? r.overdue : null,
      utilisation: q ? Math.round(q.utilisation * 10_000) / 10_000 : null,
      satisfied_share: r ? ratio(r.n_satisfied, r.n_rated) : null,
      harassment_complaints: h.get(c.code) ?? 0,
    })
  }
  return out
}
