/**
 * Old units the ETL could not place (rejects `unknown_unit`), mapped by IT to a commune on the data page, and the
 * re-run of those rejects with the mapping (ADR 035). The mapping is a row of the code tables (`source_code_maps`,
 * ADR 019: system `contract`, kind `unit`); the suggestion comes from the lineage of the merger (Resolution 1680 for
 * Quảng Trị): an old commune's new commune, or the new commune named like an old district ("UBND huyện Minh Hóa"
 * → xã Minh Hóa, formed from the district seat).
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import { communes, etlRejects, lineage, sourceCodeMaps } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { jobControl, type JobSummary } from '../../db/job-control.ts'
import { unitKey, unqualifiedKey } from '../../db/reference/lineage.ts'
import { nameKey } from '../../db/lib/text.ts'
import { saveSourceCode } from './source-codes.server.ts'

export const UNIT_REASON = 'unknown_unit'
/** At most this many distinct units are listed (the most frequent first). */
export const UNIT_LIST_MAX = 200

export interface UnknownUnit {
  /** MaDonVi as the source sent it. */
  unit: string
  records: number
  dossiers: number
  /** The commune IT mapped it to, or null. */
  target: string | null
  suggestion: { code: string; why: 'lineage' | 'name' } | null
}

interface Commune {
  code: string
  name: string
}

/** "UBND huyện Minh Hóa", "Bộ phận Một cửa thị xã Ba Đồn" → "minh hóa", "ba đồn". */
export function bareName(unit: string): string {
  return nameKey(unit)
    .replace(/^(ubnd|ủy ban nhân dân|bộ phận (tiếp nhận và trả kết quả|một cửa))\s+/u, '')
    .replace(/^(huyện|thị xã|thành phố|quận|xã|phường|thị trấn|đặc khu)\s+/u, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim()
}

async function suggester(stores: Stores, list: Commune[]) {
  const rows = await stores.pg.db
    .select({ key: lineage.oldUnitKey, code: lineage.newCommuneCode, partial: lineage.partial })
    .from(lineage)
    .where(eq(lineage.provinceCode, stores.config.PROVINCE_CODE))
  const byKey = new Map<string, Set<string>>()
  for (const r of rows)
    for (const k of [r.key, unqualifiedKey(r.key)]) {
      const s = byKey.get(k) ?? new Set<string>()
      s.add(r.partial ? '' : r.code)
      byKey.set(k, s)
    }
  const byName = new Map<string, string[]>()
  for (const c of list) byName.set(bareName(c.name), [...(byName.get(bareName(c.name)) ?? []), c.code])
  return (unit: string): UnknownUnit['suggestion'] => {
    const k = unitKey(unit)
    const dests = byKey.get(k) ?? byKey.get(unqualifiedKey(k))
    if (dests?.size === 1 && !dests.has('')) return { code: [...dests][0]!, why: 'lineage' }
    const named = byName.get(bareName(unit))
    return named?.length === 1 ? { code: named[0]!, why: 'name' } : null
  }
}

/** The province's communes by name (the mapping's choices). */
export async function provinceCommunes(stores: Stores): Promise<Commune[]> {
  return stores.pg.db
    .select({ code: communes.code, name: communes.fullName })
    .from(communes)
    .where(eq(communes.provinceCode, stores.config.PROVINCE_CODE))
    .orderBy(asc(communes.name))
}

/** The units of the kept `unknown_unit` rejects of the dossiers job, most records first, with mapping and suggestion. */
export async function listUnknownUnits(stores: Stores, list?: Commune[]): Promise<UnknownUnit[]> {
  const db = stores.pg.db
  const unit = sql<string>`coalesce(${etlRejects.raw}->>'MaDonVi', '')`
  const rows = await db
    .select({ unit, records: count(), dossiers: sql<number>`count(distinct ${etlRejects.recordId})` })
    .from(etlRejects)
    .where(and(eq(etlRejects.job, 'dossiers'), eq(etlRejects.reason, UNIT_REASON)))
    .groupBy(unit)
    .orderBy(desc(count()), asc(unit))
    .limit(UNIT_LIST_MAX)
  const maps = await db
    .select({ code: sourceCodeMaps.code, target: sourceCodeMaps.target })
    .from(sourceCodeMaps)
    .where(and(eq(sourceCodeMaps.system, 'contract'), eq(sourceCodeMaps.kind, 'unit')))
  const mapped = new Map(maps.map((m) => [m.code, m.target]))
  const suggest = await suggester(stores, list ?? (await provinceCommunes(stores)))
  return rows.map((r) => ({
    unit: r.unit,
    records: Number(r.records),
    dossiers: Number(r.dossiers),
    target: mapped.get(r.unit) ?? null,
    suggestion: suggest(r.unit),
  }))
}

/** Saves the units given a commune (only those that changed); returns what changed, for the audit log. */
export async function saveUnitMappings(
  stores: Stores,
  pairs: { unit: string; target: string }[],
  by: string,
): Promise<{ unit: string; before: string | null; after: string }[]> {
  const changed: { unit: string; before: string | null; after: string }[] = []
  for (const p of pairs) {
    if (!p.unit || !p.target) continue
    const [old] = await stores.pg.db
      .select({ target: sourceCodeMaps.target })
      .from(sourceCodeMaps)
      .where(and(eq(sourceCodeMaps.system, 'contract'), eq(sourceCodeMaps.kind, 'unit'), eq(sourceCodeMaps.code, p.unit)))
    if (old?.target === p.target) continue
    const { before } = await saveSourceCode(stores, { system: 'contract', kind: 'unit', code: p.unit, target: p.target, label: null }, by)
    changed.push({ unit: p.unit, before, after: p.target })
  }
  return changed
}

/** The pairs (unit, commune) a mapping form posts: `unit.<i>` and `target.<i>`. */
export function mappingPairs(data: Record<string, string>): { unit: string; target: string }[] {
  const out: { unit: string; target: string }[] = []
  for (const [k, v] of Object.entries(data)) {
    const m = /^unit\.(\d{1,4})$/.exec(k)
    if (m) out.push({ unit: v.normalize('NFC').slice(0, 200), target: (data[`target.${m[1]}`] ?? '').trim() })
  }
  return out
}

export interface RerunResult {
  read: number
  loaded: number
  /** Distinct dossiers read, and of them loaded (ADR 016: one dossier, one id). */
  dossiers: number
  loadedDossiers: number
  rejected: Record<string, number>
}

/** Runs the kept `unknown_unit` rejects again through the dossiers job (single-flight, recorded in etl_runs). */
export async function rerunUnitRejects(stores: Stores): Promise<RerunResult> {
  const jobs = jobControl(stores)
  const s: JobSummary = await jobs.run('dossiers', 'rerun', { rejects: UNIT_REASON })
  if (s.loaded > 0) await jobs.requestRollups('after:rerun')
  return {
    read: s.read,
    loaded: s.loaded,
    dossiers: Number(s.dossiers ?? 0),
    loadedDossiers: Number(s.loadedDossiers ?? 0),
    rejected: s.rejected,
  }
}
