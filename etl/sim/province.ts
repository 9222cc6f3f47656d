/**
 * The simulated province: its communes (from the reference data) with an expected load, a performance
 * factor and a centre plan, plus the table of receiving-unit labels (`MaDonVi`): commune codes after the
 * merger, pre-merger unit names from the lineage before it, and a few district-level names that no
 * lineage row knows (realistic rejects for the ETL).
 */
import type { Reference } from '../../db/reference/load.ts'
import { unitKey } from '../../db/reference/lineage.ts'
import { FIELD_CODES, type FieldCode } from './catalogue.ts'
import { planCentre, provincialOfficers, handlersFor, type CentrePlan, type OfficerPlan } from './centres.ts'
import { Rng } from './prng.ts'
import { NATION } from '../../db/pg/reads/communes.ts'

/** Calibration (docs/design.md §5): Quảng Trị ≈ 1,300 dossiers per working day for 78 communes. */
export const DOSSIERS_PER_COMMUNE_DAY = 1300 / 78

export interface SimCommune {
  idx: number
  code: string
  name: string
  fullName: string
  type: 'xa' | 'phuong' | 'dac_khu'
  population: number | null
  areaKm2: number | null
  formedByMerger: boolean
  /** Expected dossiers per working day with the post-merger procedure mix. */
  load: number
  loadRank: number
  /** Multiplies the odds of lateness (lognormal; understaffed centres ×1.5). */
  perf: number
  plan: CentrePlan
  /** Global officer index of plan.officers[0]. */
  officerBase: number
  /** Global officer indexes handling each field. */
  handlers: Record<FieldCode, number[]>
  /** Pre-merger whole units (label indexes) and, aligned, a spelling variant with the same unitKey (or −1). */
  wholeLabels: number[]
  variantLabels: number[]
  /** Pre-merger units split across several communes (the ETL cannot restate them without a share). */
  splitLabels: number[]
}

export interface ProvinceModel {
  code: string
  name: string
  seed: number
  communes: SimCommune[]
  /** MaDonVi values: index i < communes.length is communes[i].code. */
  labels: string[]
  /** District-level names with no lineage row. */
  unknownLabels: number[]
  officerIds: string[]
  provincials: OfficerPlan[]
}

const TAG_PERF = 0x50455246

const TONE_OLD: Record<string, string> = {
  òa: 'oà',
  óa: 'oá',
  ỏa: 'oả',
  õa: 'oã',
  ọa: 'oạ',
  ùy: 'uỳ',
  úy: 'uý',
  ủy: 'uỷ',
  ũy: 'uỹ',
  ụy: 'uỵ',
}

/** "Xã Dân Hóa" → "xã Dân Hoá": the same unit as users type it (same unitKey), or null. */
function spellingVariant(name: string): string | null {
  let v = name.replace(/(òa|óa|ỏa|õa|ọa|ùy|úy|ủy|ũy|ụy)(?=\s|$|\))/g, (m) => TONE_OLD[m] ?? m)
  if (v === name) v = name.charAt(0).toLocaleLowerCase('vi') + name.slice(1)
  return v !== name && unitKey(v) === unitKey(name) ? v : null
}

/**
 * The simulated province — or, for `all` (a national deployment, ADR 033), the whole country as one model:
 * every commune and every lineage row, sized by type alone (population is known for Quảng Trị only, and
 * mixing the two scales would give its communes many times the load of the others).
 */
export function buildProvince(ref: Reference, provinceCode: string, seed: number, only?: readonly string[]): ProvinceModel {
  const nation = provinceCode === NATION
  const province = nation ? { name: 'Toàn quốc' } : ref.provinces.find((p) => p.code === provinceCode)
  if (!province) throw new Error(`Unknown province code ${provinceCode} (see vn-provinces.csv)`)
  const all = ref.communes.filter((c) => nation || c.provinceCode === provinceCode).sort((a, b) => (a.code < b.code ? -1 : 1))
  // Size: population where known (√ gives the ~5× spread of docs/design.md §5), else type with a seeded spread.
  const raw = all.map((c) => {
    if (c.population != null && !nation) return Math.sqrt(Math.max(c.population, 100))
    const base = c.type === 'phuong' ? 1.5 : c.type === 'dac_khu' ? 0.4 : 1
    return base * Math.exp(0.35 * Rng.of(seed, TAG_PERF, Number(c.code), 1).normal())
  })
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length
  const loads = raw.map((w) => (w / mean) * DOSSIERS_PER_COMMUNE_DAY)
  const order = loads.map((l, i) => [l, i] as const).sort((a, b) => a[0] - b[0])
  const rank = new Array<number>(all.length)
  order.forEach(([, i], r) => (rank[i] = all.length > 1 ? r / (all.length - 1) : 0.5))

  const keep = only ? new Set(only) : null
  const chosen = all.map((c, i) => ({ c, i })).filter(({ c }) => !keep || keep.has(c.code))
  if (keep && chosen.length !== keep.size)
    throw new Error(`communes not in province ${provinceCode}: ${[...keep].filter((k) => !all.some((c) => c.code === k)).join(', ')}`)

  const labels: string[] = chosen.map(({ c }) => c.code)
  const labelIdx = new Map<string, number>(labels.map((l, i) => [l, i]))
  const label = (s: string) => {
    let i = labelIdx.get(s)
    if (i === undefined) labelIdx.set(s, (i = labels.push(s) - 1))
    return i
  }
  const lineage = ref.lineage.filter((l) => nation || l.provinceCode === provinceCode)
  const officerIds: string[] = []
  const communes: SimCommune[] = chosen.map(({ c, i }, idx) => {
    const plan = planCentre(seed, { code: c.code, load: loads[i]!, loadRank: rank[i]!, formedByMerger: c.formedByMerger })
    const officerBase = officerIds.length
    for (const o of plan.officers) officerIds.push(o.id)
    const handlers = Object.fromEntries(FIELD_CODES.map((f) => [f, handlersFor(plan, f).map((k) => k + officerBase)])) as Record<
      FieldCode,
      number[]
    >
    const mine = lineage.filter((l) => l.newCommuneCode === c.code)
    const whole = mine.filter((l) => !l.partial)
    const perf = Math.exp(0.4 * Rng.of(seed, TAG_PERF, Number(c.code), 2).normal()) * (plan.understaffed ? 1.5 : 1)
    return {
      idx,
      code: c.code,
      name: c.name,
      fullName: c.fullName,
      type: c.type,
      population: c.population,
      areaKm2: c.areaKm2,
      formedByMerger: c.formedByMerger,
      load: loads[i]!,
      loadRank: rank[i]!,
      perf,
      plan,
      officerBase,
      handlers,
      wholeLabels: whole.map((l) => label(l.oldUnitName)),
      variantLabels: whole.map((l) => {
        const v = spellingVariant(l.oldUnitName)
        return v ? label(v) : -1
      }),
      splitLabels: mine.filter((l) => l.partial).map((l) => label(l.oldUnitName)),
    }
  })
  // Districts named in the lineage qualifiers ("Xã Hải Phú (huyện Bố Trạch)"): the old district one-stop
  // departments, which no lineage row maps to a commune.
  const keys = new Set(lineage.map((l) => l.oldUnitKey))
  const districts = new Set<string>()
  for (const l of lineage) {
    const m = /\((huyện|thị xã|thành phố) ([^)]+)\)/.exec(l.oldUnitName)
    if (m) districts.add(`UBND ${m[1]} ${m[2]!.trim()}`)
  }
  const unknownLabels = [...districts]
    .filter((d) => !keys.has(unitKey(d)))
    .sort()
    .map(label)
  if (unknownLabels.length === 0) unknownLabels.push(label(`Bộ phận Một cửa cấp huyện (cũ) — ${province.name}`))
  return {
    code: provinceCode,
    name: province.name,
    seed,
    communes,
    labels,
    unknownLabels,
    officerIds,
    provincials: provincialOfficers(seed, provinceCode),
  }
}
