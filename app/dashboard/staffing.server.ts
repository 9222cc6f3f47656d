/**
 * Nhân sự (Home Affairs): per commune the load per officer, required vs assigned staff, and the overload
 * level with its reasons — ranked worst first. From getStaffingNeed, getOverloadAll and getLoad.
 */
import { reasonBoth } from '../i18n/messages.ts'
import type { Stores } from '../../db/stores.ts'
import { getLoad, getOverloadAll, getStaffingNeed } from '../kpi/index.server.ts'
import { knownSum } from '../kpi/staffing.server.ts'
import { modelDates } from '../kpi/staffing.server.ts'
import { peekBacktest } from '../kpi/staffing-backtest.server.ts'
import { resolveScope } from '../kpi/scope.server.ts'
import { round } from '../kpi/numbers.ts'
import { attempt } from '../components/states/result.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'
import { pageIfLong } from '../lib/paging.ts'
import { byProvince } from './provinces.server.ts'
import { prepareTopN } from '../lib/charts/topn.ts'

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

/** The overload level as the staffing table sorts it (overload, watch, normal, no data). */
export function levelRank(r: Pick<StaffingRow, 'level' | 'noData'>): number | null {
  const rank = { overload: 3, watch: 2, normal: 1 } as const
  return r.level ? rank[r.level] - (r.noData ? 1 : 0) : null
}

/** A province's line of the national staffing summary: sums over its communes (ADR 033: counts summed, never averaged). */
export interface ProvinceStaffing {
  code: string
  name: string
  communes: number
  required: number | null
  assigned: number | null
  gap: number | null
  /** Σ of the positive gaps: officers missing where they are missing. */
  shortage: number
  predictedLate: number | null
  overloadCommunes: number
  watchCommunes: number
}

/** The provinces ranked by shortage (then predicted late), from the same per-commune rows as the commune table. */
export function rankProvinceStaffing(
  rows: readonly StaffingRow[],
  provinceOf: ReadonlyMap<string, string>,
  provinces: readonly { code: string; name: string }[],
): ProvinceStaffing[] {
  const by = byProvince(rows, provinceOf)
  return provinces
    .flatMap((p): ProvinceStaffing[] => {
      const mine = by.get(p.code)
      if (!mine) return []
      return [
        {
          code: p.code,
          name: p.name,
          communes: mine.length,
          required: knownSum(mine.map((r) => r.required)),
          assigned: knownSum(mine.map((r) => r.assigned)),
          gap: knownSum(mine.map((r) => r.gap)),
          shortage: mine.reduce((s, r) => s + (r.gap !== null && r.gap > 0 ? r.gap : 0), 0),
          predictedLate: knownSum(mine.map((r) => r.predictedLate)),
          overloadCommunes: mine.filter((r) => r.level === 'overload').length,
          watchCommunes: mine.filter((r) => r.level === 'watch').length,
        },
      ]
    })
    .sort((a, b) => b.shortage - a.shortage || (b.predictedLate ?? 0) - (a.predictedLate ?? 0) || a.code.localeCompare(b.code))
}

/** What the staffing page ships: the page of commune rows (a nation's 3,321 are paged), the families' totals without their per-commune lists. */
export function staffingView(data: Awaited<ReturnType<typeof loadStaffing>>, search: URLSearchParams) {
  const { need, overload, load, model, rows } = data
  const paged = rows
    ? pageIfLong(rows, search, {
        text: (r) => [r.name, r.code],
        value: (r, key) =>
          key === 'level' ? levelRank(r) : STAFFING_KEYS.has(key) ? (r[key as keyof StaffingRow] as number | string | null) : undefined,
        sort: { key: 'level', dir: 'desc' },
      })
    : null
  // The gap chart ranks every commune short of staff, not only those of the page.
  const short = rows
    ? prepareTopN(
        rows.filter((r) => r.gap !== null && r.gap > 0),
        15,
        (r) => r.gap,
      )
    : null
  return {
    need: need.ok ? { ok: true as const, data: { ...need.data, perCommune: [] } } : need,
    overload: overload.ok ? { ok: true as const, data: { ...overload.data, communes: [] } } : overload,
    load: load.ok ? { ok: true as const, data: { ...load.data, perCommune: [] } } : load,
    model,
    rows: paged ? paged.rows : null,
    paging: paged?.paging ?? null,
    short,
  }
}

const STAFFING_KEYS = new Set([
  'name',
  'required',
  'assigned',
  'gap',
  'predictedLate',
  'predictedWaitMinutes',
  'receivedPerDay',
  'perOfficerPerDay',
  'weightedPerOfficerPerDay',
  'utilisation',
  'probWait',
  'overdue',
  'nearlyDue',
  'overdueShare',
  'fte',
])
