/**
 * The official 766 index per commune and for the province, built from our data and scored by
 * `score766` (app/kpi/qd766.ts), with the line-by-line breakdown shown on the commune page.
 *
 * Metric inputs (numerator / denominator) over the period:
 *   TDGQ                            to process − late − overdue / to process (backlog.server.ts)
 *   DOSSIER_RECEIVING_SATISFACTION  to process − dissatisfied / to process (satisfaction.server.ts)
 *   PETITION_PROCESSING_ON_TIME     complaints on time / complaints received (6 if none)
 *   PETITION_HANDLING_SATISFACTION  satisfied / answered (6 if none)
 *   ORIGINAL_RESULT_AVAILABLE       resolved with an e-result / resolved (9, 10) in the period
 *   SO_HOA_GIAY_TO_GIAI_QUYET       digitised / received
 *   REUSED_DIGITIZED_DATA           reusing digitised data / received
 *   CITIZEN_DATA_CONNECTED_DOSSIER  using population data / received
 *   PAYMENT_ONLINE                  paid online / received with a fee
 * Not derivable from the dossiers we receive, hence null ("not computed", never 0): the transparency
 * metrics (a provincial property of the procedure catalogue), DOSSIER_SYNC, PAYMENT_FORMALITY,
 * PAYMENT_FEE_SYNC, SYNCED_WITH_DVCQG_PERSONAL_STORAGE, CITIZEN_DATA_CONNECTED_FORMALITY,
 * ELECTRONIC_CERTIFIED_COPY — so CKMB is null like ONLINE (no formula), and TTTT and MDSH are the sums of
 * their computed metrics, out of the points those can reach (ADR 024).
 * The province is scored on the summed inputs, not as an average of commune scores.
 */
import type { Stores } from '../../db/stores.ts'
import { addDays } from '../../db/lib/workdays.ts'
import { backlogByCommune, sumBacklogs, timelinessOf } from './backlog.server.ts'
import {
  GROUPS_766,
  METRICS_766,
  sameCoverage766,
  score766,
  target766,
  type GroupCode,
  type MetricCode,
  type Score766Input,
  type WeightBasis,
} from './qd766.ts'
import {
  complaintsByCommune,
  complaintsFor,
  satisfactionByCommune,
  satisfactionFor,
  type Complaints,
  type Satisfaction,
} from './satisfaction.server.ts'
import { ratio } from './numbers.ts'
import type { DigitisationCounts } from './queries/satisfaction.ts'
import { communePeriodRows } from './queries/commune-period.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export type { DigitisationCounts }

export interface Line766 {
  code: MetricCode
  group: GroupCode
  max: number
  basis: WeightBasis
  numerator: number | null
  denominator: number | null
  rate: number | null
  points: number | null
  /** The message saying how the ratio was obtained, or why it is not computed (app/i18n/dict/qd766.ts). */
  source: Source766
}

export interface Result766 {
  lines: Line766[]
  groups: Record<GroupCode, number | null>
  /** Points each group can reach from its computed metrics (null when the group is not computed). */
  groupMax: Record<GroupCode, number | null>
  /** `max`: the group's maximum out of 100; `computable`: what its computed metrics can reach. */
  groupInfo: { code: GroupCode; max: number; computable: number | null; points: number | null }[]
  total: number | null
  /** The computable points: the total is shown as "total / maxComputed điểm tính được". */
  maxComputed: number
  /** total / maxComputed: what communes are ranked on. */
  share: number | null
  notComputed: GroupCode[]
  missingMetrics: MetricCode[]
}

const DIG_KEYS = [
  'received',
  'resolved',
  'e_result',
  'digitised',
  'data_reused',
  'population_data',
  'with_fee',
  'paid_online',
  'synthetic_events',
] as const
const sumDig = (rows: DigitisationCounts[]): DigitisationCounts =>
  Object.fromEntries(DIG_KEYS.map((k) => [k, rows.reduce((a, r) => a + r[k], 0)])) as DigitisationCounts

export async function digitisationByCommune(
  stores: Stores,
  codes: string[],
  from: string,
  to: string,
): Promise<Map<string, DigitisationCounts>> {
  const rows = await communePeriodRows(stores.ch, { communes: codes, from, to, scanFrom: addDays(from, -31) }, 'kpi:766-digitisation')
  const by = new Map(rows.map((r) => [r.commune_code, r]))
  return new Map(codes.map((c) => [c, sumDig(by.has(c) ? [by.get(c)!] : [])]))
}

/** The metrics our dossiers give a ratio for; the others are "not computed" (their source says why). */
const DERIVED = new Set<MetricCode>([
  'TDGQ',
  'DOSSIER_RECEIVING_SATISFACTION',
  'PETITION_PROCESSING_ON_TIME',
  'PETITION_HANDLING_SATISFACTION',
  'ORIGINAL_RESULT_AVAILABLE',
  'SO_HOA_GIAY_TO_GIAI_QUYET',
  'REUSED_DIGITIZED_DATA',
  'CITIZEN_DATA_CONNECTED_DOSSIER',
  'PAYMENT_ONLINE',
])
export type Source766 = `q766.source.${MetricCode}` | 'q766.source.none'
const sourceOf = (code: MetricCode): Source766 => (DERIVED.has(code) ? `q766.source.${code}` : 'q766.source.none')

export interface Inputs766 {
  tdgq: { numerator: number; denominator: number }
  satisfaction: Satisfaction
  complaints: Complaints
  digitisation: DigitisationCounts
}

export function metricsInput(i: Inputs766): Score766Input {
  const d = i.digitisation
  return {
    TDGQ: i.tdgq,
    DOSSIER_RECEIVING_SATISFACTION: {
      numerator: i.satisfaction.dossierSatisfaction.numerator,
      denominator: i.satisfaction.dossierSatisfaction.denominator,
    },
    PETITION_PROCESSING_ON_TIME: { numerator: i.complaints.onTimeHandling.numerator, denominator: i.complaints.onTimeHandling.denominator },
    PETITION_HANDLING_SATISFACTION: {
      numerator: i.complaints.handlingSatisfaction.numerator,
      denominator: i.complaints.handlingSatisfaction.denominator,
    },
    ORIGINAL_RESULT_AVAILABLE: { numerator: d.e_result, denominator: d.resolved },
    SO_HOA_GIAY_TO_GIAI_QUYET: { numerator: d.digitised, denominator: d.received },
    REUSED_DIGITIZED_DATA: { numerator: d.data_reused, denominator: d.received },
    CITIZEN_DATA_CONNECTED_DOSSIER: { numerator: d.population_data, denominator: d.received },
    PAYMENT_ONLINE: { numerator: d.paid_online, denominator: d.with_fee },
  }
}

/** Scores the inputs and explains every line. */
export function explain766(i: Inputs766): Result766 {
  const input = metricsInput(i)
  const s = score766(input)
  const lines = METRICS_766.map((m): Line766 => {
    const r = input[m.code]
    const numerator = r?.numerator ?? null
    const denominator = r?.denominator ?? null
    return {
      code: m.code,
      group: m.group,
      max: m.max,
      basis: m.basis,
      numerator,
      denominator,
      rate: ratio(numerator, denominator),
      points: s.metrics[m.code],
      source: sourceOf(m.code),
    }
  })
  const groupInfo = GROUPS_766.map((g) => ({
    code: g.code,
    max: g.max,
    computable: s.groupMax[g.code],
    points: s.groups[g.code],
  }))
  return {
    lines,
    groups: s.groups,
    groupMax: s.groupMax,
    groupInfo,
    total: s.total,
    maxComputed: s.maxComputed,
    share: s.share,
    notComputed: s.notComputed,
    missingMetrics: s.missingMetrics,
  }
}

/** What a 766 tile shows: "X / Y điểm tính được", the target scaled to Y, and a trend only on the same coverage. */
export interface Tile766 {
  value: number | null
  /** Computable points (Y). */
  outOf: number
  /** The previous total, null when there is none or when it was scored on other metrics. */
  previous: number | null
  /** The target on the same basis: target × Y / 100. */
  target: number | null
  /** Set when the previous period has a total but was scored on other metrics: its computable points. */
  previousOutOf: number | null
}

export function tile766(cur: Result766, prev: Result766 | null, target: number | null): Tile766 {
  const comparable = prev !== null && prev.total !== null && sameCoverage766(cur, prev)
  return {
    value: cur.total,
    outOf: cur.maxComputed,
    previous: comparable ? prev.total : null,
    target: target766(target, cur.maxComputed),
    previousOutOf: prev !== null && prev.total !== null && !comparable ? prev.maxComputed : null,
  }
}

/** Inputs for each commune of `codes` (4 queries whatever the number of communes). */
export async function inputs766ByCommune(stores: Stores, codes: string[], from: string, to: string): Promise<Map<string, Inputs766>> {
  const [backlogs, sats, complaints, digs] = await Promise.all([
    backlogByCommune(stores, codes, from, to),
    satisfactionByCommune(stores, codes, from, to),
    complaintsByCommune(stores, codes, from, to),
    digitisationByCommune(stores, codes, from, to),
  ])
  return new Map(
    codes.map((c) => [
      c,
      { tdgq: timelinessOf(backlogs.get(c)!).tdgq, satisfaction: sats.get(c)!, complaints: complaints.get(c)!, digitisation: digs.get(c)! },
    ]),
  )
}

/** Inputs for a set of communes taken together (ratios of sums, never averages of commune ratios). */
export async function inputs766For(stores: Stores, codes: string[], from: string, to: string): Promise<Inputs766> {
  const [backlogs, satisfaction, complaints, digs] = await Promise.all([
    backlogByCommune(stores, codes, from, to),
    satisfactionFor(stores, codes, from, to),
    complaintsFor(stores, codes, from, to),
    digitisationByCommune(stores, codes, from, to),
  ])
  return {
    tdgq: timelinessOf(sumBacklogs([...backlogs.values()])).tdgq,
    satisfaction,
    complaints,
    digitisation: sumDig([...digs.values()]),
  }
}

export async function get766(stores: Stores, q: KpiQuery): Promise<Result766> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  return explain766(await inputs766For(stores, scope.codes, from, to))
}
