/**
 * Officers and their assignments (Home Affairs). Validated with zod (messages are i18n keys), and after
 * every change the staffing snapshot is requested from the ETL scheduler for the days the change touches, so the KPIs (load per
 * officer, staffing need, overload) follow the edit. The route audits each change.
 */
import { toYmd } from '../lib/day-input.ts'
import crypto from 'node:crypto'
import { and, asc, eq, isNull, lte, gte, or, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { assignments, communes, officers } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { dayWindow, jobControl } from '../../db/job-control.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'
import { optionalText, viNumber } from './forms.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export const POSITIONS = ['director', 'deputy', 'officer', 'provincial'] as const
export const ASSIGNMENT_KINDS = ['home', 'secondment', 'reallocation'] as const
export const FIELD_CODES = ['dat_dai', 'ho_tich', 'chung_thuc', 'kinh_doanh', 'xay_dung', 'bao_tro_xa_hoi', 'khac'] as const

export interface OfficerRow {
  id: string
  fullName: string
  position: string
  homeCommuneCode: string | null
  skills: string[]
  fte: number
  active: boolean
  synthetic: boolean
  /** The current assignment (open or covering today), if any. */
  current: { id: number; communeCode: string; kind: string; validFrom: string; validTo: string | null } | null
}

/** Officers whose home or current assignment is in `commune` (all of the province when omitted). */
export async function listOfficers(stores: Stores, commune?: string): Promise<OfficerRow[]> {
  const db = stores.pg.db
  const today = toLocalYmd(new Date())
  const provinceCodes = db.select({ code: communes.code }).from(communes).where(inProvince(stores.config.PROVINCE_CODE))
  const current = await db
    .select()
    .from(assignments)
    .where(
      and(
        lte(assignments.validFrom, today),
        or(isNull(assignments.validTo), gte(assignments.validTo, today)),
        inArray(assignments.communeCode, provinceCodes),
      ),
    )
    .orderBy(asc(assignments.validFrom))
  // A secondment/reallocation covering today wins over the home assignment (as in the snapshot).
  const byOfficer = new Map<string, (typeof current)[number]>()
  for (const a of current) {
    const prev = byOfficer.get(a.officerId)
    if (!prev || (prev.kind === 'home' && a.kind !== 'home') || (prev.kind === a.kind && a.validFrom >= prev.validFrom))
      byOfficer.set(a.officerId, a)
  }
  const rows = await db.select().from(officers).orderBy(asc(officers.fullName))
  return rows
    .map((o) => {
      const a = byOfficer.get(o.id)
      return {
        id: o.id,
        fullName: o.fullName,
        position: o.position,
        homeCommuneCode: o.homeCommuneCode,
        skills: o.skills,
        fte: o.fte,
        active: o.active,
        synthetic: o.synthetic,
        current: a ? { id: a.id, communeCode: a.communeCode, kind: a.kind, validFrom: a.validFrom, validTo: a.validTo } : null,
      }
    })
    .filter((o) =>
      commune
        ? o.homeCommuneCode === commune || o.current?.communeCode === commune
        : o.homeCommuneCode !== null || o.current !== null || o.position === 'provincial',
    )
}

const communeCode = z.string().regex(/^\d{5}$/, { message: 'form.commune' })
const ymd = z.preprocess(toYmd, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'form.date' }))

export const OfficerSchema = z.object({
  id: z.preprocess((v) => (v === '' || v === 'new' ? undefined : v), z.string().max(64).optional()),
  fullName: z.string().trim().min(2, { message: 'form.name' }).max(120, { message: 'form.tooLong' }),
  position: z.enum(POSITIONS, { message: 'form.position' }),
  homeCommuneCode: z.preprocess((v) => (v === '' ? null : v), communeCode.nullable()),
  skills: z.array(z.enum(FIELD_CODES, { message: 'form.skill' })).default([]),
  fte: viNumber('form.fte').refine((v) => v > 0 && v <= 1, { message: 'form.fte' }),
  active: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
})
export type OfficerInput = z.infer<typeof OfficerSchema>

export const AssignmentSchema = z
  .object({
    officerId: z.string().min(1, { message: 'form.officer' }).max(64),
    communeCode,
    kind: z.enum(ASSIGNMENT_KINDS, { message: 'form.kind' }),
    validFrom: ymd,
    validTo: z.preprocess((v) => (v === '' ? undefined : v), ymd.optional()),
    reason: optionalText(500),
  })
  .refine((a) => !a.validTo || a.validTo >= a.validFrom, { path: ['validTo'], message: 'form.dateOrder' })

export const EndAssignmentSchema = z.object({ assignmentId: z.coerce.number().int().positive(), validTo: ymd })

export class EditError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key)
  }
}

async function assertCommune(stores: Stores, code: string | null, field: string) {
  if (code === null) return
  const [c] = await stores.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, code), inProvince(stores.config.PROVINCE_CODE)))
  if (!c) throw new EditError(field, 'form.commune')
}

/** Re-snapshots staffing from `fromDay` (or today) to today so the KPIs follow (the scheduler runs the job). */
async function resnapshot(stores: Stores, fromDay?: string) {
  const today = toLocalYmd(new Date())
  const from = fromDay && fromDay < today ? fromDay : today
  await jobControl(stores).request('staffing-snapshot', 'edit', { window: dayWindow(from, today) })
}

export async function saveOfficer(stores: Stores, o: OfficerInput): Promise<{ id: string; created: boolean; before: unknown }> {
  await assertCommune(stores, o.homeCommuneCode, 'homeCommuneCode')
  const db = stores.pg.db
  const values = {
    fullName: o.fullName,
    position: o.position,
    homeCommuneCode: o.homeCommuneCode,
    skills: o.skills,
    fte: o.fte,
    active: o.active,
  }
  if (o.id) {
    const [old] = await db.select().from(officers).where(eq(officers.id, o.id))
    if (!old) throw new EditError('id', 'form.officer')
    await db.update(officers).set(values).where(eq(officers.id, o.id))
    await resnapshot(stores)
    return {
      id: o.id,
      created: false,
      before: {
        fullName: old.fullName,
        position: old.position,
        homeCommuneCode: old.homeCommuneCode,
        skills: old.skills,
        fte: old.fte,
        active: old.active,
      },
    }
  }
  const id = `CB-${crypto.randomBytes(5).toString('hex').toUpperCase()}`
  await db.insert(officers).values({ id, ...values, synthetic: false })
  if (o.homeCommuneCode)
    await db.insert(assignments).values({ officerId: id, communeCode: o.homeCommuneCode, kind: 'home', validFrom: toLocalYmd(new Date()) })
  await resnapshot(stores)
  return { id, created: true, before: null }
}

/**
 * A new assignment. A 'home' assignment closes the officer's open home assignment the day before (they
 * moved); a secondment or reallocation sits on top of it for its dates.
 */
export async function addAssignment(
  stores: Stores,
  a: z.infer<typeof AssignmentSchema>,
  by: string,
): Promise<{ id: number; closed: number[] }> {
  await assertCommune(stores, a.communeCode, 'communeCode')
  const db = stores.pg.db
  const [o] = await db.select({ id: officers.id, active: officers.active }).from(officers).where(eq(officers.id, a.officerId))
  if (!o) throw new EditError('officerId', 'form.officer')
  if (!o.active) throw new EditError('officerId', 'form.officerInactive')
  const closed: number[] = []
  if (a.kind === 'home') {
    const open = await db
      .select()
      .from(assignments)
      .where(and(eq(assignments.officerId, a.officerId), eq(assignments.kind, 'home'), isNull(assignments.validTo)))
    for (const x of open) {
      if (x.validFrom >= a.validFrom) throw new EditError('validFrom', 'form.overlapsHome')
      const dayBefore = new Date(Date.parse(`${a.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
      await db.update(assignments).set({ validTo: dayBefore }).where(eq(assignments.id, x.id))
      closed.push(x.id)
    }
  }
  const [row] = await db
    .insert(assignments)
    .values({
      officerId: a.officerId,
      communeCode: a.communeCode,
      kind: a.kind,
      validFrom: a.validFrom,
      validTo: a.validTo ?? null,
      reason: a.reason ?? null,
      createdBy: by,
    })
    .returning({ id: assignments.id })
  await resnapshot(stores, a.validFrom)
  return { id: row!.id, closed }
}

export async function endAssignment(
  stores: Stores,
  e: z.infer<typeof EndAssignmentSchema>,
): Promise<{ officerId: string; communeCode: string; before: string | null }> {
  const db = stores.pg.db
  const [x] = await db.select().from(assignments).where(eq(assignments.id, e.assignmentId))
  if (!x) throw new EditError('assignmentId', 'form.assignment')
  if (e.validTo < x.validFrom) throw new EditError('validTo', 'form.dateOrder')
  await db.update(assignments).set({ validTo: e.validTo }).where(eq(assignments.id, x.id))
  await resnapshot(stores, e.validTo < x.validFrom ? x.validFrom : e.validTo)
  return { officerId: x.officerId, communeCode: x.communeCode, before: x.validTo }
}
