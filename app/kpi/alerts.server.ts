/**
 * Alerts: per-commune thresholds (Postgres `alert_thresholds`; a commune row overrides the province default)
 * evaluated on the last 30 days after each rollup (the ETL rollups job calls `evaluateAlerts`).
 *
 * For each commune × KPI with a threshold and a value (alert-values.server.ts):
 *   breach  'above': value > critical → critical, else value > watch → watch; 'below' the other way round;
 *   in breach, no open alert      → open one (since = lastSeen = now);
 *   in breach, open alert         → keep `since`, update level, value, threshold and `lastSeen`;
 *   not in breach, open alert     → clear it (`clearedAt` = now; value/threshold keep the breach figures);
 *   no value (no data)            → leave any open alert as it is (no data is not a recovery).
 * An open alert whose KPI no longer has a threshold is cleared.
 * One alert per condition per commune (ALERT_CONDITION): when the late rate and the on-time rate are both in
 * breach, only the more severe is kept (the late rate on a tie) and the other is treated as not in breach.
 * The list sorts open alerts by level (nghiêm trọng before theo dõi), then by size: the dossiers (ratings,
 * complaints) behind the alert, over the same 30-day window (`alertSizes`; ADR 024).
 */
import { and, desc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm'
import { inCodes } from '../../db/pg/reads/communes.ts'
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { alerts, communes } from '../../db/pg/schema/index.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { alertThresholdsFor, type Threshold } from '../../db/pg/reads/thresholds.ts'
import { ALERT_CONDITION, ALERT_KPIS, ALERT_SIZE_UNIT, alertSizes, alertValues, type AlertKpi } from './alert-values.server.ts'
import { KpiPeriod, resolveScope } from './scope.server.ts'

export { ALERT_KPIS, ALERT_CONDITION, type AlertKpi }
export const ALERT_WINDOW_DAYS = 30

/** How each alert KPI's value is written: a ratio as a percentage, a count as a number (its name: `alert.kpi.<kpi>`). */
export const ALERT_KPI_UNIT: Record<AlertKpi, AlertUnit> = {
  late_rate: 'ratio',
  // The tiles' on-time rate (early + on time) ÷ processed, under the tiles' name (alert-values.server.ts).
  on_time_rate: 'ratio',
  overdue_open: 'count',
  utilisation: 'ratio',
  satisfied_share: 'ratio',
  harassment_complaints: 'count',
}
export type AlertUnit = 'ratio' | 'count'

export function breachOf(value: number, t: Threshold): { level: 'watch' | 'critical'; threshold: number } | null {
  const over = (limit: number) => (t.op === 'above' ? value > limit : value < limit)
  if (over(t.critical)) return { level: 'critical', threshold: t.critical }
  if (t.watch !== null && over(t.watch)) return { level: 'watch', threshold: t.watch }
  return null
}

type Breach = { level: 'watch' | 'critical'; threshold: number }
const severity = (b: Breach | null) => (b === null ? 0 : b.level === 'critical' ? 2 : 1)

/** Each KPI's breach for one commune, keeping one per condition (the most severe; ALERT_KPIS order on a tie). */
export function breachesOf(values: Record<AlertKpi, number | null>, thresholds: Map<string, Threshold>): Map<AlertKpi, Breach | null> {
  const out = new Map<AlertKpi, Breach | null>()
  const kept = new Map<string, AlertKpi>()
  for (const kpi of ALERT_KPIS) {
    const t = thresholds.get(kpi)
    const v = values[kpi]
    if (!t || v === null) continue
    const b = breachOf(v, t)
    out.set(kpi, b)
    const cond = ALERT_CONDITION[kpi]
    const other = kept.get(cond)
    if (b === null) continue
    if (other === undefined) kept.set(cond, kpi)
    else if (severity(b) > severity(out.get(other) ?? null)) {
      out.set(other, null)
      kept.set(cond, kpi)
    } else out.set(kpi, null)
  }
  return out
}

export interface EvaluateOptions {
  /** Evaluation time (default now); the window is the `windowDays` days ending on its date (VN time). */
  now?: Date
  windowDays?: number
}

export async function evaluateAlerts(
  stores: Stores,
  options: EvaluateOptions = {},
): Promise<{ opened: number; cleared: number; open: number }> {
  const now = options.now ?? new Date()
  const to = toLocalYmd(now)
  const from = addDays(to, -((options.windowDays ?? ALERT_WINDOW_DAYS) - 1))
  const { all } = await resolveScope(stores)
  const codes = all.map((c) => c.code)
  const [values, thresholds] = await Promise.all([alertValues(stores, all, from, to), alertThresholdsFor(stores.pg.db, codes)])
  let opened = 0
  let cleared = 0
  await stores.pg.db.transaction(async (tx) => {
    // Two evaluations at once (the job and a manual run) take turns, so neither opens a duplicate alert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mot-cua:evaluateAlerts'))`)
    const current = await tx
      .select()
      .from(alerts)
      .where(and(isNull(alerts.clearedAt), inCodes(alerts.communeCode, codes)))
    const openBy = new Map(current.map((a) => [`${a.communeCode}|${a.kpi}`, a]))
    const seen = new Set<string>()
    for (const code of codes) {
      const th = thresholds.get(code) ?? new Map<string, Threshold>()
      const breaches = breachesOf(values.get(code)!, th)
      for (const kpi of th.keys()) {
        if (!(ALERT_KPIS as readonly string[]).includes(kpi)) continue
        const key = `${code}|${kpi}`
        seen.add(key)
        // no value (no data): neither opened nor cleared
        if (!breaches.has(kpi as AlertKpi)) continue
        const b = breaches.get(kpi as AlertKpi) ?? null
        const existing = openBy.get(key)
        if (b && existing) {
          await tx
            .update(alerts)
            .set({ level: b.level, value: values.get(code)![kpi as AlertKpi]!, threshold: b.threshold, lastSeen: now })
            .where(eq(alerts.id, existing.id))
        } else if (b) {
          await tx.insert(alerts).values({
            communeCode: code,
            kpi,
            level: b.level,
            value: values.get(code)![kpi as AlertKpi]!,
            threshold: b.threshold,
            since: now,
            lastSeen: now,
          })
          opened++
        } else if (existing) {
          await tx.update(alerts).set({ clearedAt: now }).where(eq(alerts.id, existing.id))
          cleared++
        }
      }
    }
    for (const [key, a] of openBy) {
      if (seen.has(key)) continue
      await tx.update(alerts).set({ clearedAt: now }).where(eq(alerts.id, a.id))
      cleared++
    }
  })
  const [n] = await stores.pg.db
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(isNull(alerts.clearedAt), inCodes(alerts.communeCode, codes)))
  return { opened, cleared, open: Number(n?.n ?? 0) }
}

export interface AlertRow {
  id: number
  commune: string
  communeName: string
  kpi: string
  level: 'watch' | 'critical'
  value: number
  threshold: number
  since: string
  lastSeen: string
  clearedAt: string | null
  /** The dossiers (ratings, complaints: `sizeUnit`) behind the alert over the 30-day window; null without data. */
  size: number | null
  sizeUnit: 'dossiers' | 'ratings' | 'complaints'
  /** The days the value was computed on: the 30 days ending on the last evaluation (the catalogue's "last 30 days"). */
  windowFrom: string
  windowTo: string
  /** How value and threshold are written (the alert's words: `sayAlert` in app/i18n/messages.ts). */
  unit: AlertUnit
}

/** Sizes of alerts: over the alert window ending on the latest evaluation among them (one set of queries). */
async function sizesFor(stores: Stores, rows: { communeCode: string; lastSeen: Date }[]) {
  if (rows.length === 0) return new Map<string, Record<AlertKpi, number | null>>()
  const last = rows.reduce((m, r) => (r.lastSeen > m ? r.lastSeen : m), rows[0]!.lastSeen)
  const to = toLocalYmd(last)
  return alertSizes(stores, [...new Set(rows.map((r) => r.communeCode))], addDays(to, -(ALERT_WINDOW_DAYS - 1)), to)
}

/** Open before cleared, nghiêm trọng before theo dõi, then the larger (more dossiers behind it), then the newest. */
function byUrgency(a: AlertRow, b: AlertRow): number {
  return (
    Number(a.clearedAt !== null) - Number(b.clearedAt !== null) ||
    Number(a.level === 'watch') - Number(b.level === 'watch') ||
    (b.size ?? -1) - (a.size ?? -1) ||
    b.since.localeCompare(a.since) ||
    a.commune.localeCompare(b.commune) ||
    a.kpi.localeCompare(b.kpi) ||
    a.id - b.id
  )
}

/** Alerts of the province (or one commune): open first, nghiêm trọng before theo dõi, then by size (ADR 024). */
export async function listAlerts(stores: Stores, query: { commune?: string; open?: boolean } = {}): Promise<AlertRow[]> {
  const q = KpiPeriod.pick({ commune: true }).extend({ open: z.boolean().optional() }).parse(query)
  const { selected } = await resolveScope(stores, q.commune)
  const rows = await stores.pg.db
    .select({ a: alerts, name: communes.name })
    .from(alerts)
    .innerJoin(communes, eq(communes.code, alerts.communeCode))
    .where(
      and(
        inArray(
          alerts.communeCode,
          selected.map((c) => c.code),
        ),
        q.open === undefined ? undefined : q.open ? isNull(alerts.clearedAt) : isNotNull(alerts.clearedAt),
      ),
    )
    .orderBy(
      sql`${alerts.clearedAt} is not null`,
      sql`${alerts.level} = 'watch'`,
      desc(alerts.since),
      alerts.communeCode,
      alerts.kpi,
      alerts.id,
    )
  const sizes = await sizesFor(
    stores,
    rows.filter((r) => r.a.clearedAt === null).map((r) => r.a),
  )
  const out = rows.map(({ a, name }): AlertRow => {
    return {
      id: a.id,
      commune: a.communeCode,
      communeName: name,
      kpi: a.kpi,
      level: a.level === 'critical' ? 'critical' : 'watch',
      value: a.value,
      threshold: a.threshold,
      since: a.since.toISOString(),
      lastSeen: a.lastSeen.toISOString(),
      clearedAt: a.clearedAt ? a.clearedAt.toISOString() : null,
      size: a.clearedAt === null ? (sizes.get(a.communeCode)?.[a.kpi as AlertKpi] ?? null) : null,
      sizeUnit: ALERT_SIZE_UNIT[a.kpi as AlertKpi] ?? 'dossiers',
      windowFrom: addDays(toLocalYmd(a.lastSeen), -(ALERT_WINDOW_DAYS - 1)),
      windowTo: toLocalYmd(a.lastSeen),
      unit: ALERT_KPI_UNIT[a.kpi as AlertKpi] ?? 'count',
    }
  })
  return out.sort(byUrgency)
}
