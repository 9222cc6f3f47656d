/**
 * `MaDonVi` → the commune that received the record.
 *
 * 1. A commune code of the configured province (any date).
 * 2. Before 1 July 2025 (00:00 Asia/Ho_Chi_Minh): a pre-merger unit name (or code) through `commune_lineage`,
 *    matched on `unitKey` (NFC, lower case, one tone-mark placement). If the exact key is not a lineage key,
 *    the key without its district qualifier is tried, and accepted only when it names exactly one old unit
 *    ("Xã Hải Phú" is two units in Quảng Trị → `ambiguous_unit`).
 * 3. A unit whose lineage rows are `partial` or go to more than one commune is split: without a `share` on
 *    every row it is rejected `split_unit_without_share` (never guessed). With shares, each record goes to
 *    one destination chosen by a stable hash of its id against the cumulative shares, so a re-run sends the
 *    same record to the same commune and the totals follow the shares.
 * Anything else is `unknown_unit` (including a pre-merger name on a record dated after the merger), unless IT
 * mapped that unit on the data page (ADR 035: `source_code_maps`, system `contract`, kind `unit`): a mapped unit
 * goes to its commune at any date (its target a commune code, or a pre-merger name that the lineage maps).
 */
import crypto from 'node:crypto'
import type { Db } from '../../db/pg/client.ts'
import { and, eq, isNotNull } from 'drizzle-orm'
import { communes, lineage, sourceCodeMaps } from '../../db/pg/schema/index.ts'
import { unitKey, unqualifiedKey } from '../../db/reference/lineage.ts'
import { vnMidnight } from '../../db/lib/vn-time.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

/** 2025-07-01T00:00:00+07:00 */
export const MERGER_MS = vnMidnight('2025-07-01')

export interface LineageDest {
  newCommuneCode: string
  partial: boolean
  share: number | null
}

export type UnitResult =
  { ok: true; commune: string } | { ok: false; reason: 'unknown_unit' | 'ambiguous_unit' | 'split_unit_without_share'; detail: string }

type UnitFailure = Extract<UnitResult, { ok: false }>
type Mapping =
  { kind: 'one'; commune: string } | { kind: 'shares'; dests: { code: string; upTo: number }[] } | { kind: 'split'; codes: string[] }

export class UnitResolver {
  private readonly codes: Set<string>
  private readonly byKey = new Map<string, Mapping>()
  private readonly byUnqualified = new Map<string, string[]>()
  private readonly cache = new Map<string, Mapping | UnitFailure>()
  private readonly spellings: string[]

  constructor(
    readonly provinceCode: string,
    communeCodes: Iterable<string>,
    rows: {
      oldUnitKey: string
      oldUnitName?: string
      oldUnitCode: string | null
      newCommuneCode: string
      partial: boolean
      share: number | null
    }[],
    /** Units IT mapped (ADR 035): the unit as sent → a commune code or a pre-merger unit name. */
    private readonly unitMap: ReadonlyMap<string, string> = new Map(),
  ) {
    this.codes = new Set(communeCodes)
    this.spellings = [
      ...new Set(rows.flatMap((r) => [r.oldUnitName?.normalize('NFC'), r.oldUnitCode ?? undefined]).filter((x): x is string => !!x)),
    ]
    const groups = new Map<string, LineageDest[]>()
    for (const r of rows) {
      for (const k of [r.oldUnitKey, r.oldUnitCode ? `#${r.oldUnitCode}` : null]) {
        if (!k) continue
        const g = groups.get(k) ?? []
        g.push(r)
        groups.set(k, g)
      }
    }
    for (const [key, dests] of groups) {
      this.byKey.set(key, mappingOf(dests))
      if (key.startsWith('#')) continue
      const u = unqualifiedKey(key)
      const list = this.byUnqualified.get(u) ?? []
      list.push(key)
      this.byUnqualified.set(u, list)
    }
  }

  static async load(db: Db, provinceCode: string): Promise<UnitResolver> {
    const cs = await db.select({ code: communes.code }).from(communes).where(inProvince(provinceCode))
    const ls = await db
      .select({
        oldUnitKey: lineage.oldUnitKey,
        oldUnitName: lineage.oldUnitName,
        oldUnitCode: lineage.oldUnitCode,
        newCommuneCode: lineage.newCommuneCode,
        partial: lineage.partial,
        share: lineage.share,
      })
      .from(lineage)
      .where(inProvince(provinceCode, lineage.provinceCode))
    const mapped = await db
      .select({ code: sourceCodeMaps.code, target: sourceCodeMaps.target })
      .from(sourceCodeMaps)
      .where(and(eq(sourceCodeMaps.system, 'contract'), eq(sourceCodeMaps.kind, 'unit'), isNotNull(sourceCodeMaps.target)))
    return new UnitResolver(
      provinceCode,
      cs.map((c) => c.code),
      ls,
      new Map(mapped.map((m) => [m.code, m.target!])),
    )
  }

  /** The commune IT mapped `unit` to, or null (none, or a target the lineage does not map to one commune). */
  private mapped(unit: string): string | null {
    const target = this.unitMap.get(unit)
    if (target === undefined) return null
    if (this.codes.has(target)) return target
    const m = this.lookup(target)
    return 'kind' in m && m.kind === 'one' ? m.commune : null
  }

  /** The one commune the lineage gives for `unit` whatever its date (a suggestion for IT), or null. */
  lineageCommune(unit: string): string | null {
    const m = this.lookup(unit.normalize('NFC'))
    return 'kind' in m && m.kind === 'one' ? m.commune : null
  }

  /** `unit` is MaDonVi (NFC already), `at` the record's date (epoch ms), `recordId` for share allocation. */
  resolve(unit: string, at: number, recordId: string): UnitResult {
    if (this.codes.has(unit)) return { ok: true, commune: unit }
    const mapped = this.mapped(unit)
    if (mapped) return { ok: true, commune: mapped }
    if (at >= MERGER_MS)
      return { ok: false, reason: 'unknown_unit', detail: `${unit} is not a commune code of province ${this.provinceCode}` }
    const m = this.lookup(unit)
    if ('ok' in m) return m
    if (m.kind === 'one') return { ok: true, commune: m.commune }
    if (m.kind === 'split')
      return { ok: false, reason: 'split_unit_without_share', detail: `${unit} was split into ${m.codes.join(', ')} and no share is set` }
    const x = hashUnit(recordId)
    return { ok: true, commune: (m.dests.find((d) => x < d.upTo) ?? m.dests[m.dests.length - 1]!).code }
  }

  /**
   * The one commune a pre-merger spelling always maps to (for the fast lane's alias map), or null when it is
   * a commune code, unknown, ambiguous or split (those records go through `resolve`).
   */
  fixedAlias(unit: string): string | null {
    if (this.codes.has(unit)) return null
    const mapped = this.mapped(unit)
    if (mapped) return mapped
    const m = this.lookup(unit)
    return 'kind' in m && m.kind === 'one' ? m.commune : null
  }

  /** The pre-merger names and codes as the lineage table spells them (candidates for the fast lane's aliases). */
  lineageSpellings(): string[] {
    return [...this.spellings, ...this.unitMap.keys()]
  }

  /** The province's commune codes. */
  communeCodes(): string[] {
    return [...this.codes]
  }

  private lookup(unit: string): Mapping | UnitFailure {
    const cached = this.cache.get(unit)
    if (cached) return cached
    const key = unitKey(unit)
    let m: Mapping | UnitFailure | undefined = this.byKey.get(key) ?? this.byKey.get(`#${unit}`)
    if (!m) {
      const candidates = this.byUnqualified.get(unqualifiedKey(key)) ?? []
      if (candidates.length === 1) m = this.byKey.get(candidates[0]!)
      else if (candidates.length > 1)
        m = {
          ok: false,
          reason: 'ambiguous_unit',
          detail: `${unit} matches ${candidates.length} pre-merger units: ${candidates.join('; ')}`,
        }
    }
    m ??= {
      ok: false,
      reason: 'unknown_unit',
      detail: `${unit} is neither a commune code nor a pre-merger unit of province ${this.provinceCode}`,
    }
    if (this.cache.size < 100_000) this.cache.set(unit, m)
    return m
  }
}

function mappingOf(dests: LineageDest[]): Mapping {
  const codes = [...new Set(dests.map((d) => d.newCommuneCode))]
  if (codes.length === 1 && !dests.some((d) => d.partial)) return { kind: 'one', commune: codes[0]! }
  if (dests.some((d) => d.share === null || !(d.share > 0))) return { kind: 'split', codes }
  const total = dests.reduce((s, d) => s + d.share!, 0)
  let acc = 0
  return { kind: 'shares', dests: dests.map((d) => ({ code: d.newCommuneCode, upTo: (acc += d.share! / total) })) }
}

/** A stable number in [0, 1) from a record id. */
export function hashUnit(id: string): number {
  return crypto.createHash('sha1').update(id).digest().readUInt32BE(0) / 2 ** 32
}
