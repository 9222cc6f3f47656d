/**
 * Training needs: procedures — especially newly devolved and high-volume ones — with high supplement-request
 * or late rates, per commune, ranked, with the numbers behind each (the province's directive).
 *
 * Over the dossiers RECEIVED in the period (rollup commune_day_procedure), per commune × procedure:
 *   supplement rate = dossiers with ≥ 1 supplement request ÷ received;
 *   late rate       = dossiers finished late or still open past due (as of yesterday) ÷ received;
 *   problem         = dossiers with a supplement request or late (each once).
 * A procedure is a training need when it is newly devolved (any volume) or high-volume (≥ minReceived
 * dossiers, default 20), AND its supplement rate ≥ 20 % or its late rate ≥ 10 % (options).
 * Score = problem dossiers × 2 for a newly devolved procedure (devolvedFactor): the dossiers a training
 * would most likely save, weighted towards the procedures the communes took over on 1 July 2025.
 * Newly devolved codes: `options.newlyDevolved`, default the reference list db/reference/devolved-procedures.csv
 * — a province with its own list passes it.
 * `byProcedure` applies the same rule to the sums over the communes in scope (province-wide courses).
 */
import { z } from 'zod'
import type { Stores } from '../../db/stores.ts'
import { readDevolvedProcedures } from '../../db/reference/load.ts'
import { round } from './numbers.ts'
import { procedureFacts, type ProcedureFacts } from './queries/load.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export const DEFAULT_NEWLY_DEVOLVED: readonly string[] = readDevolvedProcedures().map((p) => p.code)

const Options = z.object({
  newlyDevolved: z.array(z.string()).optional(),
  minReceived: z.number().int().min(1).default(20),
  supplementRate: z.number().min(0).max(1).default(0.2),
  lateRate: z.number().min(0).max(1).default(0.1),
  devolvedFactor: z.number().min(1).default(2),
  limit: z.number().int().min(1).default(50),
})
export type TrainingOptions = z.input<typeof Options>

export interface TrainingReason {
  code: 'NEWLY_DEVOLVED' | 'HIGH_VOLUME' | 'SUPPLEMENT_RATE' | 'LATE_RATE'
  /** The figures its message shows (`training.reason.<code>` in app/i18n/dict/kpi.ts). */
  params: { received: number; count?: number; rate?: number; threshold?: number }
}

export interface TrainingNeed {
  /** Null in `byProcedure` (summed over the communes in scope). */
  commune: string | null
  communeName: string | null
  procedureCode: string
  procedureName: string
  fieldCode: string
  received: number
  supplementRequested: number
  supplementRate: number
  late: number
  lateRate: number
  problem: number
  newlyDevolved: boolean
  highVolume: boolean
  score: number
  /** In `byProcedure`: the communes where the procedure is a training need on its own figures. */
  communes?: number
  reasons: TrainingReason[]
}

export interface TrainingNeeds {
  commune: string | null
  from: string
  to: string
  rules: { minReceived: number; supplementRate: number; lateRate: number; devolvedFactor: number; newlyDevolved: string[] }
  /** Commune × procedure pairs that are training needs, best first (at most `limit`). */
  items: TrainingNeed[]
  /** How many pairs qualified before the limit. */
  total: number
  byProcedure: TrainingNeed[]
}

function assess(
  p: ProcedureFacts,
  commune: { code: string; name: string } | null,
  o: z.infer<typeof Options>,
  devolved: Set<string>,
): TrainingNeed | null {
  const supplementRate = p.supplement / p.received
  const lateRate = p.late / p.received
  const newlyDevolved = devolved.has(p.code)
  const highVolume = p.received >= o.minReceived
  const hot = supplementRate >= o.supplementRate || lateRate >= o.lateRate
  if (!hot || !(newlyDevolved || highVolume)) return null
  const reasons: TrainingReason[] = []
  const received = p.received
  if (newlyDevolved) reasons.push({ code: 'NEWLY_DEVOLVED', params: { received } })
  if (highVolume) reasons.push({ code: 'HIGH_VOLUME', params: { received } })
  if (supplementRate >= o.supplementRate)
    reasons.push({ code: 'SUPPLEMENT_RATE', params: { received, count: p.supplement, rate: supplementRate, threshold: o.supplementRate } })
  if (lateRate >= o.lateRate)
    reasons.push({ code: 'LATE_RATE', params: { received, count: p.late, rate: lateRate, threshold: o.lateRate } })
  return {
    commune: commune?.code ?? null,
    communeName: commune?.name ?? null,
    procedureCode: p.code,
    procedureName: p.name,
    fieldCode: p.field,
    received: p.received,
    supplementRequested: p.supplement,
    supplementRate: round(supplementRate, 4),
    late: p.late,
    lateRate: round(lateRate, 4),
    problem: p.problem,
    newlyDevolved,
    highVolume,
    score: p.problem * (newlyDevolved ? o.devolvedFactor : 1),
    reasons,
  }
}

const byScore = (a: TrainingNeed, b: TrainingNeed) =>
  b.score - a.score ||
  b.received - a.received ||
  (a.commune ?? '').localeCompare(b.commune ?? '') ||
  a.procedureCode.localeCompare(b.procedureCode)

export async function getTrainingNeeds(stores: Stores, query: KpiQuery, options: TrainingOptions = {}): Promise<TrainingNeeds> {
  const q = KpiQuery.parse(query)
  const o = Options.parse(options)
  const devolvedList = o.newlyDevolved ?? [...DEFAULT_NEWLY_DEVOLVED]
  const devolved = new Set(devolvedList)
  const { selected } = await resolveScope(stores, q.commune)
  const facts = await procedureFacts(
    stores.ch,
    selected.map((c) => c.code),
    q.from,
    q.to,
    'kpi:getTrainingNeeds',
  )

  const items: TrainingNeed[] = []
  const sums = new Map<string, ProcedureFacts & { communes: number }>()
  for (const c of selected) {
    for (const p of facts.get(c.code) ?? []) {
      const need = assess(p, c, o, devolved)
      if (need) items.push(need)
      const s = sums.get(p.code) ?? {
        ...p,
        received: 0,
        inPerson: 0,
        statutoryDays: 0,
        supplement: 0,
        supplementRepeated: 0,
        finished: 0,
        finishedLate: 0,
        late: 0,
        problem: 0,
        digitised: 0,
        communes: 0,
      }
      s.received += p.received
      s.supplement += p.supplement
      s.late += p.late
      s.problem += p.problem
      if (need) s.communes++
      sums.set(p.code, s)
    }
  }
  const byProcedure: TrainingNeed[] = []
  for (const s of sums.values()) {
    const need = assess(s, null, o, devolved)
    if (need) byProcedure.push({ ...need, communes: s.communes })
  }
  byProcedure.sort(byScore)
  items.sort(byScore)
  return {
    commune: q.commune ?? null,
    from: q.from,
    to: q.to,
    rules: {
      minReceived: o.minReceived,
      supplementRate: o.supplementRate,
      lateRate: o.lateRate,
      devolvedFactor: o.devolvedFactor,
      newlyDevolved: devolvedList,
    },
    items: items.slice(0, o.limit),
    total: items.length,
    byProcedure: byProcedure.slice(0, o.limit),
  }
}
