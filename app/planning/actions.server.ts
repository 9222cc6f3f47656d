/**
 * Tracked actions: any KPI breach — an open alert, or a commune under its KPI target — can become an action
 * assigned to a department, with an owner and a due date. The list shows the KPI's value when the action was
 * opened and now, so everyone sees whether it recovered.
 *
 * Values are the alert engine's (app/kpi/alert-values.server.ts `alertValues`: late rate, on-time rate,
 * open overdue, peak-hour utilisation, share satisfied, harassment complaints) over the 30 days ending today,
 * the same window the alerts use. A KPI outside that set has no current value (shown as unknown, never 0).
 * Recovered = the value now is on the good side of the commune's target (kpi_targets; a commune row
 * overrides the province row), else of the alert threshold's watch level (else its critical level).
 * Creation and every status change are audited.
 */
import { toYmd } from '../lib/day-input.ts'
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, PgStore } from '../../db/pg/client.ts'
import type { Stores } from '../../db/stores.ts'
import { actions, alerts, communes, kpiTargets } from '../../db/pg/schema/index.ts'
import { audit } from '../auth/audit.server.ts'
import { ALERT_KPIS, ALERT_WINDOW_DAYS, type AlertKpi } from '../kpi/alerts.server.ts'
import { alertThresholdsFor } from '../../db/pg/reads/thresholds.ts'
import { alertValues } from '../kpi/alert-values.server.ts'
import { resolveScope } from '../kpi/scope.server.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { PlanError } from './plans.server.ts'

import { ACTION_STATUSES, DEPARTMENTS, type ActionStatus } from './actions-model.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export { ACTION_STATUSES, DEPARTMENTS, type ActionStatus }

const Ymd = z.preprocess(toYmd, z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
export const NewActionSchema = z.object({
  communeCode: z.string().min(1).max(20),
  kpi: z.string().min(1).max(60),
  title: z.string().trim().min(3).max(300),
  department: z.enum(DEPARTMENTS),
  owner: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  dueDate: Ymd.optional().or(z.literal('').transform(() => undefined)),
  alertId: z.coerce.number().int().positive().optional(),
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || null),
})
export type NewAction = z.input<typeof NewActionSchema>

/** Current values of the alert KPIs for some communes (the alerts' 30-day window ending `today`). */
export async function currentKpiValues(
  stores: Stores,
  codes: string[],
  today = toLocalYmd(new Date()),
): Promise<Map<string, Record<AlertKpi, number | null>>> {
  if (codes.length === 0) return new Map()
  const { all } = await resolveScope(stores)
  const wanted = all.filter((c) => codes.includes(c.code))
  return alertValues(stores, wanted, addDays(today, -(ALERT_WINDOW_DAYS - 1)), today)
}

const isAlertKpi = (k: string): k is AlertKpi => (ALERT_KPIS as readonly string[]).includes(k)

export async function createAction(stores: Stores, input: NewAction, who: { actor: string; ip?: string | null }): Promise<number> {
  const a = NewActionSchema.parse(input)
  const [c] = await stores.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, a.communeCode), inProvince(stores.config.PROVINCE_CODE)))
  if (!c) throw new PlanError(`commune ${a.communeCode} is not in the province`, 400)
  let valueAtOpen: number | null = null
  if (a.alertId !== undefined) {
    const [al] = await stores.pg.db.select().from(alerts).where(eq(alerts.id, a.alertId))
    if (!al || al.communeCode !== a.communeCode || al.kpi !== a.kpi)
      throw new PlanError(`alert ${a.alertId} is not a ${a.kpi} alert of ${a.communeCode}`, 400)
    valueAtOpen = al.value
  } else if (isAlertKpi(a.kpi)) {
    valueAtOpen = (await currentKpiValues(stores, [a.communeCode])).get(a.communeCode)?.[a.kpi] ?? null
  }
  return stores.pg.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(actions)
      .values({
        communeCode: a.communeCode,
        kpi: a.kpi,
        title: a.title,
        department: a.department,
        owner: a.owner,
        dueDate: a.dueDate ?? null,
        status: 'open',
        valueAtOpen,
        alertId: a.alertId ?? null,
        note: a.note,
        createdBy: who.actor,
      })
      .returning({ id: actions.id })
    await audit(
      { pg: { ...stores.pg, db: tx as unknown as Db } as PgStore },
      {
        actor: who.actor,
        action: 'action.create',
        target: `action:${row!.id}`,
        detail: {
          commune: a.communeCode,
          kpi: a.kpi,
          department: a.department,
          owner: a.owner,
          dueDate: a.dueDate ?? null,
          valueAtOpen,
          alertId: a.alertId ?? null,
        },
        ip: who.ip ?? null,
      },
    )
    return row!.id
  })
}

/** The commune an action is about (null for a province-wide one); 404 when there is no such action. */
export async function actionCommune(stores: Stores, id: number): Promise<string | null> {
  const [a] = await stores.pg.db.select({ code: actions.communeCode }).from(actions).where(eq(actions.id, id))
  if (!a) throw new PlanError(`action ${id} not found`, 404)
  return a.code
}

export async function setActionStatus(
  stores: Stores,
  id: number,
  status: ActionStatus,
  who: { actor: string; ip?: string | null; note?: string },
): Promise<void> {
  z.enum(ACTION_STATUSES).parse(status)
  await stores.pg.db.transaction(async (tx) => {
    const [a] = await tx.select().from(actions).where(eq(actions.id, id)).for('update')
    if (!a) throw new PlanError(`action ${id} not found`, 404)
    if (a.status === status) return
    const closed = status === 'done' || status === 'cancelled'
    await tx
      .update(actions)
      .set({ status, closedAt: closed ? new Date() : null, ...(who.note ? { note: who.note } : {}) })
      .where(eq(actions.id, id))
    await audit(
      { pg: { ...stores.pg, db: tx as unknown as Db } as PgStore },
      {
        actor: who.actor,
        action: 'action.status',
        target: `action:${id}`,
        detail: { from: a.status, to: status, note: who.note ?? null },
        ip: who.ip ?? null,
      },
    )
  })
}

export interface ActionRow {
  id: number
  communeCode: string | null
  communeName: string | null
  kpi: string
  title: string
  department: string
  owner: string | null
  dueDate: string | null
  status: string
  valueAtOpen: number | null
  valueNow: number | null
  /** Where the KPI should be: the target, else the alert's watch/critical threshold; null if none. */
  goal: { value: number; direction: 'higher_better' | 'lower_better'; source: 'target' | 'threshold' } | null
  recovered: boolean | null
  improved: boolean | null
  overdue: boolean
  createdBy: string | null
  createdAt: string
  closedAt: string | null
}

/** Target per commune × KPI (a commune row overrides the province row). */
async function targetsFor(db: Db, codes: string[]) {
  const rows = await db
    .select()
    .from(kpiTargets)
    .where(or(isNull(kpiTargets.communeCode), inArray(kpiTargets.communeCode, codes)))
  return (code: string, kpi: string) =>
    rows.find((r) => r.kpi === kpi && r.communeCode === code) ?? rows.find((r) => r.kpi === kpi && r.communeCode === null) ?? null
}

export async function listActions(stores: Stores, scope: 'all' | string[], today = toLocalYmd(new Date())): Promise<ActionRow[]> {
  const db = stores.pg.db
  const rows = await db
    .select({ a: actions, name: communes.name })
    .from(actions)
    .leftJoin(communes, eq(communes.code, actions.communeCode))
    .where(scope === 'all' ? undefined : inArray(actions.communeCode, scope.length ? scope : ['']))
    .orderBy(desc(actions.id))
  const codes = [...new Set(rows.map((r) => r.a.communeCode).filter((c): c is string => !!c))]
  const [values, target, thresholds] = await Promise.all([
    currentKpiValues(stores, codes, today),
    targetsFor(db, codes),
    alertThresholdsFor(db, codes),
  ])
  return rows.map(({ a, name }) => {
    const valueNow = a.communeCode && isAlertKpi(a.kpi) ? (values.get(a.communeCode)?.[a.kpi] ?? null) : null
    const t = a.communeCode ? target(a.communeCode, a.kpi) : null
    const th = a.communeCode ? thresholds.get(a.communeCode)?.get(a.kpi) : undefined
    const goal: ActionRow['goal'] = t
      ? { value: t.target, direction: t.direction === 'lower_better' ? 'lower_better' : 'higher_better', source: 'target' }
      : th
        ? { value: th.watch ?? th.critical, direction: th.op === 'above' ? 'lower_better' : 'higher_better', source: 'threshold' }
        : null
    const better = (x: number, y: number) => (goal?.direction === 'lower_better' ? x < y : x > y)
    const meets = (x: number) => (goal!.direction === 'lower_better' ? x <= goal!.value : x >= goal!.value)
    return {
      id: a.id,
      communeCode: a.communeCode,
      communeName: name,
      kpi: a.kpi,
      title: a.title,
      department: a.department,
      owner: a.owner,
      dueDate: a.dueDate,
      status: a.status,
      valueAtOpen: a.valueAtOpen,
      valueNow,
      goal,
      recovered: valueNow === null || !goal ? null : meets(valueNow),
      improved: valueNow === null || a.valueAtOpen === null || !goal ? null : better(valueNow, a.valueAtOpen),
      overdue: !!a.dueDate && a.dueDate < today && (a.status === 'open' || a.status === 'in_progress'),
      createdBy: a.createdBy,
      createdAt: a.createdAt.toISOString(),
      closedAt: a.closedAt ? a.closedAt.toISOString() : null,
    }
  })
}

export interface Breach {
  communeCode: string
  communeName: string
  kpi: string
  value: number
  /** The alert (with its level) or the target the value misses. */
  source:
    | { kind: 'alert'; alertId: number; level: 'watch' | 'critical'; threshold: number }
    | { kind: 'target'; target: number; direction: 'higher_better' | 'lower_better' }
  /** An action already open for this commune × KPI. */
  openActionId: number | null
}

/** Open alerts, then communes under target on an alert KPI (not already alerted), for the "new action" list. */
export async function listBreaches(stores: Stores, scope: 'all' | string[], today = toLocalYmd(new Date())): Promise<Breach[]> {
  const db = stores.pg.db
  const { all } = await resolveScope(stores)
  const inScope = all.filter((c) => scope === 'all' || scope.includes(c.code))
  const codes = inScope.map((c) => c.code)
  if (codes.length === 0) return []
  const names = new Map(inScope.map((c) => [c.code, c.name]))
  const [open, openActions, values, target] = await Promise.all([
    db
      .select()
      .from(alerts)
      .where(and(isNull(alerts.clearedAt), inArray(alerts.communeCode, codes)))
      // nghiêm trọng first ('watch' sorts after 'critical' only by this test, not alphabetically in reverse)
      .orderBy(sql`${alerts.level} = 'watch'`, alerts.communeCode, alerts.kpi),
    db
      .select({ id: actions.id, code: actions.communeCode, kpi: actions.kpi })
      .from(actions)
      .where(and(inArray(actions.communeCode, codes), inArray(actions.status, ['open', 'in_progress']))),
    currentKpiValues(stores, codes, today),
    targetsFor(db, codes),
  ])
  const actionOf = (code: string, kpi: string) => openActions.find((a) => a.code === code && a.kpi === kpi)?.id ?? null
  const out: Breach[] = open.map((a) => ({
    communeCode: a.communeCode,
    communeName: names.get(a.communeCode) ?? a.communeCode,
    kpi: a.kpi,
    value: a.value,
    source: { kind: 'alert', alertId: a.id, level: a.level === 'critical' ? 'critical' : 'watch', threshold: a.threshold },
    openActionId: actionOf(a.communeCode, a.kpi),
  }))
  const alerted = new Set(open.map((a) => `${a.communeCode}|${a.kpi}`))
  for (const code of codes)
    for (const kpi of ALERT_KPIS) {
      const v = values.get(code)?.[kpi]
      const t = target(code, kpi)
      if (v === null || v === undefined || !t || alerted.has(`${code}|${kpi}`)) continue
      const lower = t.direction === 'lower_better'
      if (lower ? v > t.target : v < t.target)
        out.push({
          communeCode: code,
          communeName: names.get(code)!,
          kpi,
          value: v,
          source: { kind: 'target', target: t.target, direction: lower ? 'lower_better' : 'higher_better' },
          openActionId: actionOf(code, kpi),
        })
    }
  return out
}
