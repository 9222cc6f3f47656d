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
 */
import { and, desc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { alerts, communes } from '../../db/pg/schema/index.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { alertThresholdsFor, type Threshold } from '../../db/pg/reads/thresholds.ts'
import { ALERT_KPIS, alertValues, type AlertKpi } from './alert-values.server.ts'
import { KpiPeriod, resolveScope } from './scope.server.ts'

export { ALERT_KPIS, type AlertKpi }
export const ALERT_WINDOW_DAYS = 30

export const ALERT_KPI_LABELS: Record<AlertKpi, { vi: string; en: string; unit: 'ratio' | 'count' }> = {
  late_rate: { vi: 'Tỷ lệ trễ hạn', en: 'Late rate', unit: 'ratio' },
  // The tiles' on-time rate (early + on time) ÷ processed, under the tiles' name (alert-values.server.ts).
  on_time_rate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate', unit: 'ratio' },
  overdue_open: { vi: 'Hồ sơ đang quá hạn', en: 'Open dossiers overdue', unit: 'count' },
  utilisation: { vi: 'Công suất quầy giờ cao điểm', en: 'Peak-hour counter utilisation', unit: 'ratio' },
  satisfied_share: { vi: 'Tỷ lệ hài lòng', en: 'Share satisfied', unit: 'ratio' },
  harassment_complaints: { vi: 'Phản ánh nhũng nhiễu', en: 'Harassment complaints', unit: 'count' },
}

export function breachOf(value: number, t: Threshold): { level: 'watch' | 'critical'; threshold: number } | null {
  const over = (limit: number) => (t.op === 'above' ? value > limit : value < limit)
  if (over(t.critical)) return { level: 'critical', threshold: t.critical }
  if (t.watch !== null && over(t.watch)) return { level: 'watch', threshold: t.watch }
  return null
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
      .where(and(isNull(alerts.clearedAt), inArray(alerts.communeCode, codes)))
    const openBy = new Map(current.map((a) => [`${a.communeCode}|${a.kpi}`, a]))
    const seen = new Set<string>()
    for (const code of codes) {
      const v = values.get(code)!
      for (const [kpi, t] of thresholds.get(code) ?? []) {
        if (!(ALERT_KPIS as readonly string[]).includes(kpi)) continue
        const key = `${code}|${kpi}`
        seen.add(key)
        const value = v[kpi as AlertKpi]
        if (value === null) continue
        const b = breachOf(value, t)
        const existing = openBy.get(key)
        if (b && existing) {
          await tx.update(alerts).set({ level: b.level, value, threshold: b.threshold, lastSeen: now }).where(eq(alerts.id, existing.id))
        } else if (b) {
          await tx
            .insert(alerts)
            .values({ communeCode: code, kpi, level: b.level, value, threshold: b.threshold, since: now, lastSeen: now })
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
    .where(and(isNull(alerts.clearedAt), inArray(alerts.communeCode, codes)))
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
  vi: string
  en: string
}

const fmt = (kpi: string, x: number, lang: 'vi' | 'en') => {
  const unit = ALERT_KPI_LABELS[kpi as AlertKpi]?.unit ?? 'count'
  const n = unit === 'ratio' ? Math.round(x * 1000) / 10 : Math.round(x * 100) / 100
  const s = String(n).replace('.', lang === 'vi' ? ',' : '.')
  return unit === 'ratio' ? `${s}%` : s
}

/** Alerts of the province (or one commune), open ones first, critical before watch, newest first. */
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
  return rows.map(({ a, name }) => {
    const label = ALERT_KPI_LABELS[a.kpi as AlertKpi] ?? { vi: a.kpi, en: a.kpi }
    const lv =
      a.level === 'critical'
        ? { vi: 'ngưỡng nghiêm trọng', en: 'critical threshold' }
        : { vi: 'ngưỡng cần theo dõi', en: 'watch threshold' }
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
      vi: `${label.vi}: ${fmt(a.kpi, a.value, 'vi')} (${lv.vi} ${fmt(a.kpi, a.threshold, 'vi')})`,
      en: `${label.en}: ${fmt(a.kpi, a.value, 'en')} (${lv.en} ${fmt(a.kpi, a.threshold, 'en')})`,
    }
  })
}
