/**
 * Satisfaction (docs/design.md §3, 766 group "Mức độ hài lòng"), per commune and for the province (sums):
 *  - counter ratings: distribution over the 5 levels and the share satisfied (levels 4–5) — null, not 0,
 *    when nobody rated; the same for land procedures (field dat_dai) on their own;
 *  - 766 "satisfaction in TTHC" = (to process − dossiers late/overdue, rated 1–2 or complained about) /
 *    to process, on the same base as TDGQ; points = min(6, 6 × rate / 0.90);
 *  - complaints (PAKN) received in the period: by class and category, handled on time (deadline HanXuLy;
 *    a pending one with its deadline after the period end counts as on time), 6 × rate or 6 if none;
 *    satisfaction with handling = satisfied / answered, 6 if none answered: no complaints, or complaints
 *    nobody rated — the rule's value for "nothing to count" (ADR 024, which replaces ADR 007's null).
 * Ratings and dossier counts come from `commune_day`; complaints from the (small) complaints table.
 */
import type { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { ratio } from './numbers.ts'
import { score766, type MetricCode } from './qd766.ts'
import { complaintsByCategoryRows, satisfactionRows } from './queries/satisfaction.ts'
import { communePeriodRows } from './queries/commune-period.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export const COMPLAINT_CLASSES = ['quy_dinh', 'hanh_vi'] as const
export const COMPLAINT_CATEGORIES = ['nhung_nhieu', 'them_giay_to', 'yeu_cau_vneid', 'cham_tre', 'thai_do', 'khac'] as const
export type ComplaintClass = (typeof COMPLAINT_CLASSES)[number]
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]

export interface Ratio766Line {
  numerator: number | null
  denominator: number | null
  rate: number | null
  /** Points as the portal shows them (2 decimals), null when not computable. */
  points: number | null
}

export interface RatingDistribution {
  /** Ratings by level: index 0 = level 1 (very dissatisfied) … index 4 = level 5 (very satisfied). */
  levels: [number, number, number, number, number]
  rated: number
  satisfied: number
  /** satisfied (levels 4–5) / rated; null when there is no rating. */
  satisfiedShare: number | null
}

export interface Satisfaction {
  ratings: RatingDistribution
  landRatings: RatingDistribution
  /** 766 DOSSIER_RECEIVING_SATISFACTION. */
  dossierSatisfaction: Ratio766Line
}

export function metricLine(code: MetricCode, numerator: number | null, denominator: number | null): Ratio766Line {
  const points = score766({ [code]: { numerator, denominator } }).metrics[code]
  return { numerator, denominator, rate: ratio(numerator, denominator), points }
}

type SatCounts = Omit<z.infer<typeof satisfactionRows.definition.row>, 'commune_code'>
const SAT_KEYS = [
  'r1',
  'r2',
  'r3',
  'r4',
  'r5',
  'land_r1',
  'land_r2',
  'land_r3',
  'land_r4',
  'land_r5',
  'to_process',
  'dissatisfied',
] as const

function distribution(levels: [number, number, number, number, number]): RatingDistribution {
  const rated = levels.reduce((a, n) => a + n, 0)
  const satisfied = levels[3] + levels[4]
  return { levels, rated, satisfied, satisfiedShare: ratio(satisfied, rated) }
}

/** Several communes' ratings taken together: the levels summed, the share recomputed (never an average of shares). */
export function sumRatings(list: RatingDistribution[]): RatingDistribution {
  const levels: RatingDistribution['levels'] = [0, 0, 0, 0, 0]
  for (const d of list) d.levels.forEach((n, i) => (levels[i] += n))
  return distribution(levels)
}

function satisfactionFrom(c: SatCounts): Satisfaction {
  return {
    ratings: distribution([c.r1, c.r2, c.r3, c.r4, c.r5]),
    landRatings: distribution([c.land_r1, c.land_r2, c.land_r3, c.land_r4, c.land_r5]),
    dossierSatisfaction: metricLine('DOSSIER_RECEIVING_SATISFACTION', c.to_process - c.dissatisfied, c.to_process),
  }
}

const sumSat = (rows: SatCounts[]): SatCounts =>
  Object.fromEntries(SAT_KEYS.map((k) => [k, rows.reduce((a, r) => a + r[k], 0)])) as SatCounts

export async function satisfactionByCommune(stores: Stores, codes: string[], from: string, to: string): Promise<Map<string, Satisfaction>> {
  const rows = await satRows(stores, codes, from, to)
  const by = new Map(rows.map((r) => [r.commune_code, r]))
  return new Map(codes.map((c) => [c, satisfactionFrom(sumSat(by.has(c) ? [by.get(c)!] : []))]))
}

function satRows(stores: Stores, codes: string[], from: string, to: string) {
  return communePeriodRows(stores.ch, { communes: codes, from, to, scanFrom: addDays(from, -31) }, 'kpi:satisfaction')
}

/** Satisfaction of a set of communes taken together (the province = all of them). */
export async function satisfactionFor(stores: Stores, codes: string[], from: string, to: string): Promise<Satisfaction> {
  return satisfactionFrom(sumSat(await satRows(stores, codes, from, to)))
}

export async function getSatisfaction(stores: Stores, q: KpiQuery): Promise<Satisfaction> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  return satisfactionFor(stores, scope.codes, from, to)
}

export interface ComplaintCounts {
  total: number
  handled: number
  onTime: number
  overdue: number
  answered: number
  satisfied: number
}

export interface Complaints extends ComplaintCounts {
  byClass: Record<ComplaintClass, ComplaintCounts>
  byCategory: Record<ComplaintCategory, ComplaintCounts>
  /** Complaints naming a land dossier (field dat_dai). */
  land: ComplaintCounts
  /** 766 PETITION_PROCESSING_ON_TIME: 6 × on time / total, 6 if none. */
  onTimeHandling: Ratio766Line
  /** 766 PETITION_HANDLING_SATISFACTION: 6 × satisfied / answered, 6 if none answered (no complaints, or none rated: ADR 024). */
  handlingSatisfaction: Ratio766Line
}

type ComplaintRow = z.infer<typeof complaintsByCategoryRows.definition.row>

const zero = (): ComplaintCounts => ({ total: 0, handled: 0, onTime: 0, overdue: 0, answered: 0, satisfied: 0 })
function add(a: ComplaintCounts, r: ComplaintRow): void {
  a.total += r.n_total
  a.handled += r.n_handled
  a.onTime += r.n_on_time
  a.overdue += r.n_overdue
  a.answered += r.n_answered
  a.satisfied += r.n_satisfied
}

export function complaintsFrom(rows: ComplaintRow[]): Complaints {
  const all = zero()
  const land = zero()
  const byClass = Object.fromEntries(COMPLAINT_CLASSES.map((c) => [c, zero()])) as Record<ComplaintClass, ComplaintCounts>
  const byCategory = Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, zero()])) as Record<ComplaintCategory, ComplaintCounts>
  for (const r of rows) {
    add(all, r)
    if (r.is_land) add(land, r)
    if (r.class in byClass) add(byClass[r.class as ComplaintClass], r)
    add(byCategory[(COMPLAINT_CATEGORIES as readonly string[]).includes(r.category) ? (r.category as ComplaintCategory) : 'khac'], r)
  }
  return {
    ...all,
    byClass,
    byCategory,
    land,
    onTimeHandling: metricLine('PETITION_PROCESSING_ON_TIME', all.onTime, all.total),
    // Nobody answered (0 / 0): nothing to count, so the rule's "none" value, 6 points (ADR 024); the rate stays null.
    handlingSatisfaction: metricLine('PETITION_HANDLING_SATISFACTION', all.satisfied, all.answered),
  }
}

function complaintRows(stores: Stores, codes: string[], from: string, to: string) {
  const endAt = `${addDays(to, 1)} 00:00:00.000`
  return complaintsByCategoryRows(stores.ch, { communes: codes, from, to, endAt }, 'kpi:complaints')
}

export async function complaintsByCommune(stores: Stores, codes: string[], from: string, to: string): Promise<Map<string, Complaints>> {
  const byCode = new Map<string, ComplaintRow[]>()
  for (const r of await complaintRows(stores, codes, from, to)) {
    const list = byCode.get(r.commune_code)
    if (list) list.push(r)
    else byCode.set(r.commune_code, [r])
  }
  return new Map(codes.map((c) => [c, complaintsFrom(byCode.get(c) ?? [])]))
}

/** Complaints of a set of communes taken together. */
export async function complaintsFor(stores: Stores, codes: string[], from: string, to: string): Promise<Complaints> {
  return complaintsFrom(await complaintRows(stores, codes, from, to))
}

export async function getComplaints(stores: Stores, q: KpiQuery): Promise<Complaints> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  return complaintsFor(stores, scope.codes, from, to)
}
