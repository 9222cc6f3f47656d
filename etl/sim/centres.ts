/**
 * The synthetic organisation of each commune centre: counters, ticket machine, officers and their skills.
 * One deterministic function of (seed, commune, expected load) used by BOTH the dossier generator
 * (`CanBoXuLy`, queue tickets per counter) and `seedDemoPostgres` (officers, counters, equipment), so the
 * ids the source sends are the ids in Postgres.
 *
 * Staffing follows the interim guidance 09/CV-BCĐ: a director (a commune vice-chair, part-time), one
 * deputy and about five officers, more where the load is higher; about a quarter of the centres are
 * understaffed for their load (they also run later). About 40% of the centres have a queue-ticket machine.
 */
import { FIELD_CODES, type FieldCode } from './catalogue.ts'
import { personName } from './names.ts'
import { Rng } from './prng.ts'

export interface OfficerPlan {
  id: string
  fullName: string
  position: 'director' | 'deputy' | 'officer' | 'provincial'
  skills: FieldCode[]
  fte: number
}

export interface CentrePlan {
  communeCode: string
  counters: number
  /** Fields received at each counter ([] = all), index 0 = "Quầy 1". */
  counterFields: FieldCode[][]
  hasTicketMachine: boolean
  understaffed: boolean
  /** Officers who would be needed for the load (the plan has fewer when understaffed). */
  neededOfficers: number
  officers: OfficerPlan[]
}

export interface CommuneVolume {
  code: string
  /** Expected dossiers per working day (post-merger mix). */
  load: number
  /** Rank of the load in the province, 0 (smallest) … 1 (largest). */
  loadRank: number
  formedByMerger: boolean
}

const TAG_CENTRE = 0x43454e54

const SKILL_SETS: FieldCode[][] = [
  ['chung_thuc', 'ho_tich'],
  ['dat_dai', 'xay_dung'],
  ['ho_tich', 'bao_tro_xa_hoi', 'khac'],
  ['chung_thuc', 'kinh_doanh'],
  ['dat_dai', 'chung_thuc'],
  ['ho_tich', 'chung_thuc', 'khac'],
  ['bao_tro_xa_hoi', 'khac', 'kinh_doanh'],
  ['dat_dai', 'kinh_doanh', 'xay_dung'],
]

export function officerId(communeCode: string, n: number): string {
  return `CB${communeCode}-${String(n).padStart(2, '0')}`
}

export function planCentre(seed: number, c: CommuneVolume): CentrePlan {
  const rng = Rng.of(seed, TAG_CENTRE, Number(c.code))
  const counters = Math.max(2, Math.min(6, Math.round(1 + c.load / 9)))
  const counterFields: FieldCode[][] = Array.from({ length: counters }, (_, i) => (i === 0 && counters >= 3 ? ['dat_dai', 'xay_dung'] : []))
  const hasTicketMachine = rng.chance(0.15 + 0.55 * c.loadRank)
  const neededOfficers = Math.max(3, Math.min(10, Math.round(1.5 + c.load / 5)))
  const understaffed = rng.chance(c.formedByMerger ? 0.28 : 0.15)
  const officerCount = understaffed ? Math.max(2, neededOfficers - rng.int(2, 3)) : neededOfficers
  const officers: OfficerPlan[] = []
  let n = 1
  officers.push({ id: officerId(c.code, n++), fullName: personName(rng), position: 'director', skills: [], fte: 0.3 })
  officers.push({
    id: officerId(c.code, n++),
    fullName: personName(rng),
    position: 'deputy',
    skills: ['dat_dai', 'xay_dung', 'kinh_doanh', 'chung_thuc'],
    fte: 0.8,
  })
  const offset = rng.int(0, SKILL_SETS.length - 1)
  for (let i = 0; i < officerCount; i++) {
    officers.push({
      id: officerId(c.code, n++),
      fullName: personName(rng),
      position: 'officer',
      skills: [...SKILL_SETS[(offset + i) % SKILL_SETS.length]!],
      fte: 1,
    })
  }
  return { communeCode: c.code, counters, counterFields, hasTicketMachine, understaffed, neededOfficers, officers }
}

/** The province's two digits in officer ids ('00' for the nation's pool: `all` is no number). */
const provinceTag = (provinceCode: string) => (/^\d{2}$/.test(provinceCode) ? provinceCode : '00')

/** What every provincial official's id starts with (`CB44-T` for Quảng Trị). */
export const provincialIdPrefix = (provinceCode: string) => `CB${provinceTag(provinceCode)}-T`

/** About ten provincial officials available for secondment (no home commune). */
export function provincialOfficers(seed: number, provinceCode: string, count = 10): OfficerPlan[] {
  const rng = Rng.of(seed, TAG_CENTRE, Number(provinceTag(provinceCode)), 0x50524f56)
  return Array.from({ length: count }, (_, i) => ({
    id: `${provincialIdPrefix(provinceCode)}${String(i + 1).padStart(2, '0')}`,
    fullName: personName(rng),
    position: 'provincial' as const,
    skills: [...FIELD_CODES.filter((_, k) => (k + i) % 3 !== 0)],
    fte: 1,
  }))
}

/** Officers who handle dossiers of a field at this centre (falls back to every non-director). */
export function handlersFor(plan: CentrePlan, field: FieldCode): number[] {
  const idx = plan.officers.flatMap((o, i) => (o.position !== 'director' && o.skills.includes(field) ? [i] : []))
  return idx.length ? idx : plan.officers.flatMap((o, i) => (o.position !== 'director' ? [i] : []))
}
