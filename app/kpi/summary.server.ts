/**
 * Everything the KPI API and the overview need for one commune or the province over a period: the backlog
 * arithmetic, processing time, satisfaction, complaints and the 766 index (from the commune_day rollup), with
 * the previous period, the same period last year and the targets; plus overload, staffing and equipment
 * (`getOverload`, `getStaffingNeed`, `getEquipmentGap`). A failure of one of those three leaves its fields null and
 * names the error in `errors` — never a silent zero.
 */
import type { Stores } from '../../db/stores.ts'
import { ageingFor, backlogByCommune, processingTimeFor, sumBacklogs, type Ageing, type Backlog } from './backlog.server.ts'
import { equipmentLoadWindow, getEquipmentGap } from './equipment.server.ts'
import { getOverload } from './overload.server.ts'
import { customPeriod, previousPeriod, samePeriodLastYear } from './period.ts'
import { explain766, inputs766For, tile766, type Result766, type Tile766 } from './qd766.server.ts'
import { target766 } from './qd766.ts'
import type { Complaints, Satisfaction } from './satisfaction.server.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'
import { getStaffingNeed } from './staffing.server.ts'
import { getTargets, meetsTarget, type Target } from './targets.server.ts'

/** The backlog arithmetic (without its stock date) plus processing time, satisfaction, complaints and 766. */
export interface KpiFigures extends Omit<Backlog, 'stockAsOf'> {
  avgProcessingDays: number | null
  p90ProcessingDays: number | null
  /** Counter ratings at levels 4–5 / all ratings; null when nobody rated. */
  satisfiedShare: number | null
  /** Complaints (PAKN) received in the period. */
  complaints: number
  qd766Total: number | null
  /** The computable points the 766 total is out of ("X / Y điểm tính được"; ADR 024). */
  qd766OutOf: number | null
}

export interface PeriodFigures extends KpiFigures {
  from: string
  to: string
}

interface Detail {
  figures: KpiFigures
  stockAsOf: string | null
  synthetic: boolean
  ageing: Ageing
  satisfaction: Satisfaction
  complaints: Complaints
  qd766: Result766
}

async function detailFor(stores: Stores, codes: string[], from: string, to: string): Promise<Detail> {
  const [backlogs, pt, ageing, inputs] = await Promise.all([
    backlogByCommune(stores, codes, from, to),
    processingTimeFor(stores, codes, from, to),
    ageingFor(stores, codes, from, to),
    inputs766For(stores, codes, from, to),
  ])
  const b = sumBacklogs([...backlogs.values()])
  const qd766 = explain766(inputs)
  const { stockAsOf, ...backlog } = b
  return {
    figures: {
      ...backlog,
      avgProcessingDays: pt.avgDays,
      p90ProcessingDays: pt.p90Days,
      satisfiedShare: inputs.satisfaction.ratings.satisfiedShare,
      complaints: inputs.complaints.total,
      qd766Total: qd766.total,
      qd766OutOf: qd766.total === null ? null : qd766.maxComputed,
    },
    stockAsOf,
    synthetic: inputs.digitisation.synthetic_events > 0,
    ageing,
    satisfaction: inputs.satisfaction,
    complaints: inputs.complaints,
    qd766,
  }
}

export interface KpiSummary extends KpiFigures {
  commune: { code: string; name: string } | null
  province: string
  from: string
  to: string
  /** True when any dossier behind these figures is synthetic (simulator / demo data). */
  synthetic: boolean
  stockAsOf: string | null
  ageing: Ageing
  satisfaction: Satisfaction
  complaintsDetail: Complaints
  /** The capacity level, its reasons, and the predicted utilisation it grades (the /staffing figure, ADR 037). */
  overload: { level: string; reasons: unknown[]; utilisation: number | null } | null
  staffRequired: number | null
  staffAssigned: number | null
  equipmentGapVnd: number | null
  qd766: Result766
  /** The 766 tile against each comparison: no previous value when it was scored on other metrics. */
  qd766Tiles: { previous: Tile766; lastYear: Tile766 }
  previous: PeriodFigures
  lastYear: PeriodFigures
  targets: Record<string, Target & { value: number | null; met: boolean | null }>
  errors: Partial<Record<'overload' | 'staffing' | 'equipment', string>>
}

/** Figure name in KpiFigures for each target kpi of kpi_targets. */
const TARGET_FIELDS: Record<string, keyof KpiFigures> = {
  on_time_rate: 'onTimeRate',
  late_rate: 'lateRate',
  satisfied_share: 'satisfiedShare',
  avg_processing_days: 'avgProcessingDays',
  qd766_total: 'qd766Total',
}

const settle = async <T>(p: Promise<T>): Promise<{ ok: T } | { error: string }> => {
  try {
    return { ok: await p }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

export async function getKpiSummary(stores: Stores, q: KpiQuery): Promise<KpiSummary> {
  const { commune, from, to } = KpiQuery.parse(q)
  const scope = await resolveScope(stores, commune)
  const period = customPeriod(from, to)
  const prev = previousPeriod(period)
  const lastYear = samePeriodLastYear(period)
  const [cur, p, ly, targets, overload, staffing, equipment] = await Promise.all([
    detailFor(stores, scope.codes, from, to),
    detailFor(stores, scope.codes, prev.from, prev.to),
    detailFor(stores, scope.codes, lastYear.from, lastYear.to),
    getTargets(stores, commune),
    settle(getOverload(stores, { commune, from, to })),
    settle(getStaffingNeed(stores, { commune, from, to })),
    settle(getEquipmentGap(stores, { commune, ...equipmentLoadWindow() })),
  ])
  const errors: KpiSummary['errors'] = {}
  if ('error' in overload) errors.overload = overload.error
  if ('error' in staffing) errors.staffing = staffing.error
  if ('error' in equipment) errors.equipment = equipment.error
  const withTargets = Object.fromEntries(
    Object.entries(targets).map(([kpi, t]) => {
      const field = TARGET_FIELDS[kpi]
      const value = field ? (cur.figures[field] as number | null) : null
      // The 766 target (out of 100) is compared on the computable points: 70 → 70 × Y / 100 (ADR 024).
      const basis = kpi === 'qd766_total' ? { ...t, target: target766(t.target, cur.qd766.maxComputed) ?? t.target } : t
      return [kpi, { ...t, value, met: meetsTarget(value, basis) }]
    }),
  )
  return {
    commune: scope.commune ? { code: scope.commune.code, name: scope.commune.name } : null,
    province: stores.config.PROVINCE_CODE,
    from,
    to,
    synthetic: cur.synthetic || p.synthetic || ly.synthetic,
    stockAsOf: cur.stockAsOf,
    ...cur.figures,
    ageing: cur.ageing,
    satisfaction: cur.satisfaction,
    complaintsDetail: cur.complaints,
    overload:
      'ok' in overload ? { level: overload.ok.level, reasons: overload.ok.reasons, utilisation: overload.ok.inputs.utilisation } : null,
    staffRequired: 'ok' in staffing ? staffing.ok.required : null,
    staffAssigned: 'ok' in staffing ? staffing.ok.assigned : null,
    equipmentGapVnd: 'ok' in equipment ? equipment.ok.gapVnd : null,
    qd766: cur.qd766,
    qd766Tiles: {
      previous: tile766(cur.qd766, p.qd766, targets.qd766_total?.target ?? null),
      lastYear: tile766(cur.qd766, ly.qd766, targets.qd766_total?.target ?? null),
    },
    previous: { from: prev.from, to: prev.to, ...p.figures },
    lastYear: { from: lastYear.from, to: lastYear.to, ...ly.figures },
    targets: withTargets,
    errors,
  }
}
