/**
 * The source code tables (Dữ liệu → Bảng mã nguồn, IT): each source system's status, channel and unit codes
 * and what they mean in our terms (ADR 019). Validated on the server; the route audits every change. Saving a
 * row clears its "default to review" mark and its count of records met unmapped.
 */
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm'
import { z } from 'zod'
import { communes, etlRejects, pushItems, sourceCodeMaps } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { communeNameList } from '../../db/pg/reads/communes.ts'
import { CODE_FIELDS, CODE_KINDS, CODE_SYSTEMS, validTarget, type CodeKind, type CodeSystem } from '../../db/sources/codes.ts'
import { SettingsError } from './settings.server.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export const CodeSaveSchema = z.object({
  system: z.enum(CODE_SYSTEMS, { message: 'form.invalid' }),
  kind: z.enum(CODE_KINDS, { message: 'form.invalid' }),
  code: z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'form.codeRequired' }).max(200, { message: 'form.tooLong' })),
  target: z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'form.codeTarget' }).max(200, { message: 'form.tooLong' })),
  label: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.normalize('NFC').trim() : null),
    z.string().max(200, { message: 'form.tooLong' }).nullable(),
  ),
})
export type CodeSave = z.infer<typeof CodeSaveSchema>

export const CodeKeySchema = CodeSaveSchema.pick({ system: true, kind: true, code: true })

export interface CodeRow {
  system: CodeSystem
  kind: CodeKind
  code: string
  target: string | null
  label: string | null
  isDefault: boolean
  unmappedSeen: number
  lastSeenAt: string | null
  updatedAt: string
  updatedBy: string | null
}

export async function listSourceCodes(stores: Stores) {
  const db = stores.pg.db
  const [rows, communeList] = await Promise.all([
    db
      .select()
      .from(sourceCodeMaps)
      .orderBy(
        asc(sourceCodeMaps.system),
        asc(sourceCodeMaps.kind),
        sql`${sourceCodeMaps.target} IS NOT NULL`,
        sql`length(${sourceCodeMaps.code})`,
        asc(sourceCodeMaps.code),
      ),
    communeNameList(db, stores.config.PROVINCE_CODE, 'name'),
  ])
  const codes: CodeRow[] = rows.map((r) => ({
    system: r.system as CodeSystem,
    kind: r.kind as CodeKind,
    code: r.code,
    target: r.target,
    label: r.label,
    isDefault: r.isDefault,
    unmappedSeen: r.unmappedSeen,
    lastSeenAt: r.lastSeenAt ? r.lastSeenAt.toISOString() : null,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  }))
  return { codes, communes: communeList, fields: CODE_FIELDS, kind: stores.config.TTHC_SOURCE_KIND, reread: await rereadHints(stores) }
}

/** What a mapping fixed can re-read: pushed items can be queued again; iGate needs a backfill from the first reject's day. */
async function rereadHints(stores: Stores) {
  const db = stores.pg.db
  const [r] = await db
    .select({ n: sql<number>`count(*)`, first: sql<string | null>`min(${etlRejects.at})` })
    .from(etlRejects)
    .where(and(eq(etlRejects.job, 'dossiers'), like(etlRejects.reason, 'unmapped_%')))
  const [p] = await db
    .select({ n: sql<number>`count(distinct ${etlRejects.recordId})` })
    .from(etlRejects)
    .where(and(eq(etlRejects.job, 'dvcqg-push'), like(etlRejects.reason, 'unmapped_%')))
  return {
    igate: { rejects: Number(r?.n ?? 0), firstAt: r?.first ? new Date(r.first).toISOString() : null },
    push: { dossiers: Number(p?.n ?? 0) },
  }
}

/** Creates or updates a row; returns the target it had before (null: new or unmapped). */
export async function saveSourceCode(stores: Stores, v: CodeSave, by: string): Promise<{ before: string | null }> {
  const db = stores.pg.db
  if (!(await validTarget(db, stores.config.PROVINCE_CODE, v.kind, v.target)))
    throw new SettingsError('target', v.kind === 'unit' ? 'form.codeUnit' : 'form.codeTarget')
  const [old] = await db
    .select({ target: sourceCodeMaps.target })
    .from(sourceCodeMaps)
    .where(and(eq(sourceCodeMaps.system, v.system), eq(sourceCodeMaps.kind, v.kind), eq(sourceCodeMaps.code, v.code)))
  const values = { target: v.target, label: v.label, isDefault: false, unmappedSeen: 0, updatedAt: new Date(), updatedBy: by }
  await db
    .insert(sourceCodeMaps)
    .values({ system: v.system, kind: v.kind, code: v.code, ...values })
    .onConflictDoUpdate({ target: [sourceCodeMaps.system, sourceCodeMaps.kind, sourceCodeMaps.code], set: values })
  return { before: old?.target ?? null }
}

export async function deleteSourceCode(stores: Stores, k: z.infer<typeof CodeKeySchema>) {
  const [gone] = await stores.pg.db
    .delete(sourceCodeMaps)
    .where(and(eq(sourceCodeMaps.system, k.system), eq(sourceCodeMaps.kind, k.kind), eq(sourceCodeMaps.code, k.code)))
    .returning({ target: sourceCodeMaps.target })
  return gone ?? null
}

/**
 * Pushed dossiers rejected for an unmapped code are queued again (their staged items pending): the next
 * dvcqg-push run reads them with the tables as they are now. Returns the items queued.
 */
export async function requeuePushRejects(stores: Stores): Promise<number> {
  const db = stores.pg.db
  const ids = (
    await db
      .selectDistinct({ id: etlRejects.recordId })
      .from(etlRejects)
      .where(and(eq(etlRejects.job, 'dvcqg-push'), like(etlRejects.reason, 'unmapped_%')))
  )
    .map((r) => r.id)
    .filter((x): x is string => !!x)
  let n = 0
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .update(pushItems)
      .set({ loadedAt: null, runId: null })
      .where(and(inArray(pushItems.dossierId, ids.slice(i, i + 1000)), eq(pushItems.service, 'DongBoHoSoMC')))
      .returning({ id: pushItems.id })
    n += rows.length
  }
  return n
}

/** Codes met without a mapping, for the data page's hint. */
export async function unmappedCount(stores: Stores): Promise<number> {
  const [r] = await stores.pg.db
    .select({ n: sql<number>`count(*)` })
    .from(sourceCodeMaps)
    .where(isNull(sourceCodeMaps.target))
  return Number(r?.n ?? 0)
}

/** The province's first commune code (by code): a sample value for the import template. */
export async function firstCommune(stores: Stores): Promise<string | null> {
  const [c] = await stores.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(inProvince(stores.config.PROVINCE_CODE))
    .orderBy(asc(communes.code))
    .limit(1)
  return c?.code ?? null
}
