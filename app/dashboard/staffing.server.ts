/**
 * Nhân sự (Home Affairs): per commune the load per officer, required vs assigned staff, and the overload
 * level with its reasons — ranked worst first. From getStaffingNeed, getOverloadAll and getLoad.
 */
import { reasonBoth } from '../i18n/messages.ts'
import type { Stores } from '../../db/stores.ts'
import { getLoad, getOverloadAll, getStaffingNeed } from '../kpi/index.server.ts'
import { modelDates } from '../kpi/staffing.server.ts'
import { peekBacktest } from '../kpi/staffing-backtest.server.ts'
import { resolveScope } from '../kpi/scope.server.ts'
import { round } from '../kpi/numbers.ts'
import { attempt } from '../components/states/result.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'

export interface StaffingRow {
  code: string
  name: string
  level: 'normal' | 'watch' | 'overload' | null
  noData: boolean
  reasons: { vi: string; en: string }[]
  required: number | null
  /** The one staffing prediction for the staff on site (the planner's "before"), ADR 031. */
  predictedLate: number | null
  predictedWaitMinutes: number | null
  /** Performance, apart from the capacity level: overdue ÷ open. */
  overdueShare: number | null
  assigned: number | null
  gap: number | null
  fte: number | null
  receivedPerDay: number | null
  perOfficerPerDay: number | null
  weightedPerOfficerPerDay: number | null
  utilisation: number | null
  probWait: number | null
  overdue: number | null
  nearlyDue: number | null
}

export async function loadStaffing(stores: Stores, p: ResolvedPeriod) {
  const q = { from: p.current.from, to: p.current.to }
  const [need, overload, load, accuracy] = await Promise.all([
    attempt('staffing:need', () => getStaffingNeed(stores, q)),
    attempt('staffing:overload', () => getOverloadAll(stores, q)),
    attempt('staffing:load', () => getLoad(stores, q)),
    attempt('staffing:accuracy', async () => peekBacktest(stores, (await resolveScope(stores)).all, modelDates(q.to).asOf)),
  ])
  const acc = accuracy.ok ? accuracy.data : null
  const n = acc?.windows.length ?? 0
  const model = {
    wape: acc?.wape ?? null,
    windows: acc?.windows.length ?? null,
    predicted: acc?.predicted ?? null,
    observed: acc?.observed ?? null,
    // Per 4-week window: the same quantity as the predicted-late tile (dossiers received in ~20 working days).
    predictedPerWindow: acc && n > 0 ? round(acc.predicted / n, 1) : null,
    observedPerWindow: acc && n > 0 ? round(acc.observed / n, 1) : null,
    computing: accuracy.ok && acc === null,
    error: accuracy.ok ? null : accuracy.error,
  }
  if (!need.ok && !overload.ok && !load.ok) return { need, overload, load, model, rows: null }
  const names = new Map<string, string>()
  const st = need.ok ? new Map(need.data.perCommune.map((c) => (names.set(c.commune, c.name), [c.commune, c]))) : null
  const ov = overload.ok ? new Map(overload.data.communes.map((c) => (names.set(c.commune, c.name), [c.commune, c]))) : null
  const ld = load.ok ? new Map(load.data.perCommune.map((c) => (names.set(c.commune, c.name), [c.commune, c]))) : null
  const rows: StaffingRow[] = [...names].map(([code, name]) => {
    const s = st?.get(code)
    const o = ov?.get(code)
    const l = ld?.get(code)
    return {
      code,
      name,
      level: o?.level ?? null,
      noData: o?.noData ?? false,
      reasons: o?.reasons.map((r) => reasonBoth('overload.reason', r)) ?? [],
      required: s?.required ?? null,
      predictedLate: s?.forecast?.late ?? null,
      predictedWaitMinutes: s?.forecast?.meanWaitMinutes ?? null,
      overdueShare: o?.performance?.overdueShare ?? null,
      assigned: s?.assigned ?? null,
      gap: s?.gap ?? null,
      fte: s?.fte ?? null,
      receivedPerDay: l?.receivedPerWorkday ?? null,
      perOfficerPerDay: l?.perOfficerPerWorkday ?? null,
      weightedPerOfficerPerDay: l?.weightedPerOfficerPerWorkday ?? null,
      // The prediction's utilisation: the figure the overload level grades (ADR 037).
      utilisation: s?.forecast ? s.forecast.utilisation : (o?.inputs.utilisation ?? null),
      probWait: o?.inputs.probWaitOverTarget ?? null,
      overdue: o?.inputs.overdue ?? null,
      nearlyDue: o?.inputs.nearlyDue ?? null,
    }
  })
  return { need, overload, load, model, rows }
}
