/**
 * The editable code tables (`source_code_maps`, ADR 019) as an adapter uses them during one run: a source
 * system's status, channel or unit code → ours. A code without a target is never guessed: the record is
 * rejected `unmapped_<kind>` with a reason naming the code, and the code is recorded in the table (target
 * empty, the name the source gave it, how many records met it) so IT sees it on the code-table page and maps it.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../pg/client.ts'
import { communes, lineage, sourceCodeMaps } from '../pg/schema/index.ts'
import { inProvince } from '../pg/reads/communes.ts'

/** `contract`: the documented contract and file imports (its unit codes only: old units IT maps to a commune, ADR 035). */
export const CODE_SYSTEMS = ['igate', 'dvcqg', 'contract'] as const
export type CodeSystem = (typeof CODE_SYSTEMS)[number]
export const CODE_KINDS = ['status', 'channel', 'unit'] as const
export type CodeKind = (typeof CODE_KINDS)[number]

/** How each system names the field a code comes from (reject details, the settings page). */
export const CODE_FIELDS: Record<CodeSystem, Record<CodeKind, string>> = {
  igate: { status: 'dossierStatus.id', channel: 'applyMethod.id', unit: 'agency.code' },
  dvcqg: { status: 'TrangThaiHoSo', channel: 'KenhThucHien', unit: 'DonViXuLy / madonvi' },
  contract: { status: 'TrangThaiHoSo', channel: 'KenhThucHien', unit: 'MaDonVi' },
}
const SYSTEM_NAMES: Record<CodeSystem, string> = { igate: 'iGate', dvcqg: 'DVCQG', contract: 'TTHC' }

/** Our statuses after which a dossier is closed for good (not received, withdrawn, stopped, returned). */
export const TERMINAL_STATUSES = new Set(['3', '7', '8', '10'])

/** An unmapped code's reject reason (the ETL's reasons list holds these three). */
export type UnmappedReason = `unmapped_${CodeKind}`
export type CodeResult = { ok: true; target: string } | { ok: false; reason: UnmappedReason; detail: string }

export class CodeTable {
  private readonly unmapped = new Map<string, { kind: CodeKind; code: string; label: string | null; n: number }>()

  constructor(
    readonly system: CodeSystem,
    private readonly targets: Map<string, string | null>,
    private readonly communeCodes: Set<string>,
  ) {}

  static async load(db: Db, system: CodeSystem, provinceCode: string): Promise<CodeTable> {
    const rows = await db
      .select({ kind: sourceCodeMaps.kind, code: sourceCodeMaps.code, target: sourceCodeMaps.target })
      .from(sourceCodeMaps)
      .where(eq(sourceCodeMaps.system, system))
    const cs = await db.select({ code: communes.code }).from(communes).where(inProvince(provinceCode))
    return new CodeTable(system, new Map(rows.map((r) => [`${r.kind}\u0000${r.code}`, r.target])), new Set(cs.map((c) => c.code)))
  }

  /**
   * `code` of `kind` → our code. A unit code that already is one of the province's commune codes needs no row.
   * `label` is the source's own name for the code (kept as a hint when the code is unmapped).
   */
  map(kind: CodeKind, raw: unknown, label?: unknown): CodeResult {
    const code = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.normalize('NFC').trim() : ''
    const field = CODE_FIELDS[this.system][kind]
    if (!code) return { ok: false, reason: `unmapped_${kind}`, detail: `${SYSTEM_NAMES[this.system]} ${field} is missing` }
    const target = this.targets.get(`${kind}\u0000${code}`)
    if (target) return { ok: true, target }
    if (kind === 'unit' && this.communeCodes.has(code)) return { ok: true, target: code }
    const name = typeof label === 'string' && label.trim() ? label.normalize('NFC').trim().slice(0, 200) : null
    const key = `${kind}\u0000${code}`
    const seen = this.unmapped.get(key)
    if (seen) seen.n++
    else this.unmapped.set(key, { kind, code: code.slice(0, 200), label: name, n: 1 })
    return {
      ok: false,
      reason: `unmapped_${kind}`,
      detail: `${SYSTEM_NAMES[this.system]} ${field} ${JSON.stringify(code)}${name ? ` (${name})` : ''} has no mapping: add it on Dữ liệu → Bảng mã nguồn`,
    }
  }

  /** Source status codes mapped to an open status (iGate's fall-back re-reads them). */
  openStatusCodes(): string[] {
    const out: string[] = []
    for (const [key, target] of this.targets) {
      const [kind, code] = key.split('\u0000') as [string, string]
      if (kind === 'status' && target && !TERMINAL_STATUSES.has(target)) out.push(code)
    }
    return out.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
  }

  /** Records the codes met without a target during the run (rows with no target; counters add up). */
  async recordUnmapped(db: Db): Promise<void> {
    const now = new Date()
    for (const u of this.unmapped.values()) {
      await db
        .insert(sourceCodeMaps)
        .values({
          system: this.system,
          kind: u.kind,
          code: u.code,
          target: null,
          label: u.label,
          unmappedSeen: u.n,
          lastSeenAt: now,
          updatedBy: 'etl',
        })
        .onConflictDoUpdate({
          target: [sourceCodeMaps.system, sourceCodeMaps.kind, sourceCodeMaps.code],
          set: {
            unmappedSeen: sql`${sourceCodeMaps.unmappedSeen} + ${u.n}`,
            lastSeenAt: now,
            label: sql`coalesce(${sourceCodeMaps.label}, excluded.label)`,
          },
          setWhere: isNull(sourceCodeMaps.target),
        })
    }
    this.unmapped.clear()
  }
}

/** True when `target` is a valid value for `kind`: a status 1…10, a channel 1…3, a commune code of the province or a pre-merger unit name. */
export async function validTarget(db: Db, provinceCode: string, kind: CodeKind, target: string): Promise<boolean> {
  if (kind === 'status') return /^(10|[1-9])$/.test(target)
  if (kind === 'channel') return /^[1-3]$/.test(target)
  const [c] = await db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, target), inProvince(provinceCode)))
  if (c) return true
  const [l] = await db
    .select({ name: lineage.oldUnitName })
    .from(lineage)
    .where(and(inProvince(provinceCode, lineage.provinceCode), eq(lineage.oldUnitName, target)))
  return !!l
}
