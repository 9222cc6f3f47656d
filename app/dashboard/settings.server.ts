/**
 * KPI targets and alert thresholds (admin). A row with no commune is the province default; a commune row
 * overrides it. Every change is validated (zod) and audited by the route.
 */
import { and, asc, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { alertThresholds, communes, kpiTargets } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { communeNameList } from '../../db/pg/reads/communes.ts'
import { DEFAULT_TARGETS, DEFAULT_THRESHOLDS } from '../../db/seed/defaults.ts'
import { viNumber } from './forms.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

/** KPIs the targets and thresholds may name (the KPI engine evaluates these). */
export const SETTINGS_KPIS = [...new Set([...DEFAULT_TARGETS.map((t) => t.kpi), ...DEFAULT_THRESHOLDS.map((t) => t.kpi)])]

export async function listSettings(stores: Stores) {
  const db = stores.pg.db
  const [targets, thresholds, communeList] = await Promise.all([
    db.select().from(kpiTargets).orderBy(asc(kpiTargets.kpi), asc(kpiTargets.communeCode)),
    db.select().from(alertThresholds).orderBy(asc(alertThresholds.kpi), asc(alertThresholds.communeCode)),
    communeNameList(db, stores.config.PROVINCE_CODE, 'name'),
  ])
  const kpis = [...new Set([...SETTINGS_KPIS, ...targets.map((t) => t.kpi), ...thresholds.map((t) => t.kpi)])]
  return {
    kpis,
    communes: communeList,
    targets: targets.map((t) => ({
      id: t.id,
      kpi: t.kpi,
      communeCode: t.communeCode,
      target: t.target,
      direction: t.direction,
      updatedAt: new Date(t.updatedAt).toISOString(),
      updatedBy: t.updatedBy,
    })),
    thresholds: thresholds.map((t) => ({
      id: t.id,
      kpi: t.kpi,
      communeCode: t.communeCode,
      op: t.op,
      watch: t.watch,
      critical: t.critical,
      updatedAt: new Date(t.updatedAt).toISOString(),
      updatedBy: t.updatedBy,
    })),
  }
}

const kpiField = z.string().regex(/^[a-z0-9_]{2,60}$/, { message: 'form.kpi' })
const communeField = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z
    .string()
    .regex(/^\d{5}$/, { message: 'form.commune' })
    .nullable(),
)

export const TargetSchema = z.object({
  kpi: kpiField,
  communeCode: communeField,
  target: viNumber('form.number'),
  direction: z.enum(['higher_better', 'lower_better'], { message: 'form.direction' }),
})

export const ThresholdSchema = z
  .object({
    kpi: kpiField,
    communeCode: communeField,
    op: z.enum(['above', 'below'], { message: 'form.op' }),
    watch: z.preprocess((v) => (v === '' ? undefined : v), viNumber('form.number').optional()),
    critical: viNumber('form.number'),
  })
  .superRefine((t, ctx) => {
    // The watch level comes before the critical one in the direction of the alert.
    if (t.watch !== undefined && (t.op === 'above' ? t.watch > t.critical : t.watch < t.critical))
      ctx.addIssue({ code: 'custom', path: ['watch'], message: t.op === 'above' ? 'form.watchAboveCritical' : 'form.watchBelowCritical' })
  })

async function communeExists(stores: Stores, code: string | null): Promise<boolean> {
  if (code === null) return true
  const [c] = await stores.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, code), inProvince(stores.config.PROVINCE_CODE)))
  return !!c
}

export class SettingsError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key)
  }
}

/** Inserts or updates the (kpi, commune) target. Returns the previous value for the audit log. */
export async function saveTarget(stores: Stores, t: z.infer<typeof TargetSchema>, by: string): Promise<{ before: number | null }> {
  if (!(await communeExists(stores, t.communeCode))) throw new SettingsError('communeCode', 'form.commune')
  const db = stores.pg.db
  const where = and(
    eq(kpiTargets.kpi, t.kpi),
    t.communeCode === null ? isNull(kpiTargets.communeCode) : eq(kpiTargets.communeCode, t.communeCode),
  )
  const [old] = await db.select().from(kpiTargets).where(where)
  if (old)
    await db
      .update(kpiTargets)
      .set({ target: t.target, direction: t.direction, updatedAt: new Date(), updatedBy: by })
      .where(eq(kpiTargets.id, old.id))
  else await db.insert(kpiTargets).values({ ...t, updatedBy: by })
  return { before: old?.target ?? null }
}

export async function saveThreshold(
  stores: Stores,
  t: z.infer<typeof ThresholdSchema>,
  by: string,
): Promise<{ before: { watch: number | null; critical: number } | null }> {
  if (!(await communeExists(stores, t.communeCode))) throw new SettingsError('communeCode', 'form.commune')
  const db = stores.pg.db
  const where = and(
    eq(alertThresholds.kpi, t.kpi),
    t.communeCode === null ? isNull(alertThresholds.communeCode) : eq(alertThresholds.communeCode, t.communeCode),
  )
  const [old] = await db.select().from(alertThresholds).where(where)
  const values = { op: t.op, watch: t.watch ?? null, critical: t.critical, updatedAt: new Date(), updatedBy: by }
  if (old) await db.update(alertThresholds).set(values).where(eq(alertThresholds.id, old.id))
  else await db.insert(alertThresholds).values({ kpi: t.kpi, communeCode: t.communeCode, ...values })
  return { before: old ? { watch: old.watch, critical: old.critical } : null }
}

/** Deletes a commune override (the province default row cannot be deleted, only changed). */
export async function deleteOverride(
  stores: Stores,
  table: 'target' | 'threshold',
  id: number,
): Promise<{ kpi: string; communeCode: string } | null> {
  const db = stores.pg.db
  const t = table === 'target' ? kpiTargets : alertThresholds
  const [row] = await db.select({ kpi: t.kpi, communeCode: t.communeCode }).from(t).where(eq(t.id, id))
  if (!row || row.communeCode === null) return null
  await db.delete(t).where(eq(t.id, id))
  return { kpi: row.kpi, communeCode: row.communeCode }
}
