/**
 * The commune page's tables, defined once for the page and for /export/communes/:code?table=…
 * (XLSX/CSV with the same rows and totals).
 */
import { fieldName, sayReason, translate, translateCode, type MessageKey } from '../i18n/messages.ts'
import { inLang, type Lang } from '../i18n/format.ts'
import type { ExportTable } from '../lib/export.server.ts'
import type { EquipmentGap, Line766, TrainingNeed, TrendPoint } from '../kpi/index.server.ts'

type EquipmentLine = EquipmentGap['lines'][number]

export const COMMUNE_TABLES = ['qd766', 'equipment', 'procedures', 'training', 'history'] as const
export type CommuneTable = (typeof COMMUNE_TABLES)[number]

const tr = (lang: Lang) => (k: MessageKey) => translate(lang, k)

/**
 * The 766 lines. The totals count only the lines of groups that are computed (a group is null when any of
 * its inputs is missing), so the points total equals the 766 total and the max total the points computable.
 */
export function qd766Table(
  lang: Lang,
  lines: Line766[],
  notes: string[],
  groups?: Partial<Record<string, number | null>>,
): ExportTable<Line766> {
  const t = tr(lang)
  // Totals over the computed metrics only: points out of the computable points (ADR 024).
  const counted = (l: Line766) => l.points !== null && (!groups || (groups[l.group] !== null && groups[l.group] !== undefined))
  const sum = (rs: readonly Line766[], f: (l: Line766) => number | null) => {
    const xs = rs
      .filter(counted)
      .map(f)
      .filter((x): x is number => x !== null)
    return xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100 : null
  }
  return {
    name: 'chi-so-766',
    title: t('q766.breakdownTitle'),
    notes,
    rows: lines,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'group', header: t('q766.group'), kind: 'text' },
      { key: 'metric', header: t('q766.metric'), kind: 'text', value: (l) => t(`q766.metric.${l.code}`), width: 40 },
      { key: 'numerator', header: t('q766.numerator'), kind: 'int' },
      { key: 'denominator', header: t('q766.denominator'), kind: 'int' },
      { key: 'rate', header: t('kpi.qd766_metric_rate'), kind: 'pct', kpi: 'qd766_metric_rate' },
      {
        key: 'points',
        header: t('kpi.qd766_metric_points'),
        kind: 'num2',
        kpi: 'qd766_metric_points',
        total: (rs) => sum(rs, (l) => l.points),
      },
      { key: 'max', header: t('q766.max'), kind: 'num2', total: (rs) => sum(rs, (l) => l.max) },
      { key: 'source', header: t('q766.source'), kind: 'text', value: (l) => translateCode(lang, l.source), width: 60 },
    ],
  }
}

export function equipmentTable(
  lang: Lang,
  lines: EquipmentLine[],
  notes: string[],
  names?: Record<string, string>,
): ExportTable<EquipmentLine> {
  const t = tr(lang)
  return {
    name: 'thiet-bi',
    title: t('equip.linesTitle'),
    notes,
    rows: lines,
    totalsLabel: t('dash.total'),
    columns: [
      ...(names
        ? [{ key: 'commune', header: t('commune'), kind: 'text' as const, value: (l: EquipmentLine) => names[l.commune] ?? l.commune }]
        : []),
      { key: 'type', header: t('equip.type'), kind: 'text', value: (l) => inLang(lang, l.nameVi, l.nameEn) },
      { key: 'basis', header: t('equip.basis'), kind: 'text', value: (l) => t(`equip.basis.${l.basis}`) },
      { key: 'required', header: t('equip.required'), kind: 'int', total: 'sum' },
      { key: 'working', header: t('equip.working'), kind: 'int', total: 'sum' },
      { key: 'broken', header: t('equip.broken'), kind: 'int', total: 'sum' },
      { key: 'gap', header: t('equip.gap'), kind: 'int', total: 'sum' },
      { key: 'unitPriceVnd', header: t('equip.unitPrice'), kind: 'vnd' },
      { key: 'costVnd', header: t('equip.cost'), kind: 'vnd', total: 'sum' },
    ],
  }
}

export function proceduresTable(
  lang: Lang,
  rows: TrainingNeed[],
  notes: string[],
  title = 'commune.proceduresTitle',
): ExportTable<TrainingNeed> {
  const t = tr(lang)
  return {
    name: 'thu-tuc',
    title: translateCode(lang, title),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'procedureName', header: t('commune.procedure'), kind: 'text', width: 48 },
      { key: 'procedureCode', header: t('overview.code'), kind: 'text' },
      { key: 'fieldCode', header: t('commune.field'), kind: 'text', value: (r) => fieldName(lang, r.fieldCode) },
      { key: 'received', header: t('kpi.received'), kind: 'int', total: 'sum', kpi: 'received' },
      { key: 'supplementRequested', header: t('commune.supplement'), kind: 'int', total: 'sum' },
      {
        key: 'supplementRate',
        header: t('commune.supplementRate'),
        kind: 'pct',
        total: (rs) =>
          ratio(
            rs,
            (r) => r.supplementRequested,
            (r) => r.received,
          ),
      },
      { key: 'late', header: t('commune.late'), kind: 'int', total: 'sum' },
      {
        key: 'lateRate',
        // late ÷ received per procedure: not the late rate ((late + overdue) ÷ to process) — its own name (ADR 032).
        header: t('kpi.received_late_share'),
        kpi: 'received_late_share',
        kind: 'pct',
        total: (rs) =>
          ratio(
            rs,
            (r) => r.late,
            (r) => r.received,
          ),
      },
      { key: 'newlyDevolved', header: t('commune.devolved'), kind: 'text', value: (r) => (r.newlyDevolved ? t('data.yes') : '') },
    ],
  }
}

export function trainingTable(
  lang: Lang,
  rows: TrainingNeed[],
  notes: string[],
  withCommune = rows.some((r) => r.communeName),
): ExportTable<TrainingNeed> {
  const base = proceduresTable(lang, rows, notes, 'commune.trainingTitle')
  const t = tr(lang)
  return {
    ...base,
    name: 'nhu-cau-tap-huan',
    columns: [
      ...(withCommune ? [{ key: 'communeName', header: t('commune'), kind: 'text' as const }] : []),
      ...base.columns,
      { key: 'score', header: t('commune.score'), kind: 'int' },
      {
        key: 'reasons',
        header: t('commune.reasons'),
        kind: 'text',
        value: (r) => r.reasons.map((x) => sayReason(lang, 'training.reason', x)).join('; '),
        width: 60,
      },
    ],
  }
}

export interface HistoryRow {
  month: string
  /** The month's days (the first and the last may be cut by the history's start and today). */
  from: string
  to: string
  received: number | null
  processed: number | null
  processedLate: number | null
  inProcess: number | null
  overdue: number | null
  onTimeRate: number | null
}

export function historyRows(points: TrendPoint[]): HistoryRow[] {
  return points.map((p) => ({
    month: p.start,
    from: p.from,
    to: p.to,
    received: p.backlog?.received ?? null,
    processed: p.backlog?.processed ?? null,
    processedLate: p.backlog?.processedLate ?? null,
    inProcess: p.backlog?.inProcess ?? null,
    overdue: p.backlog?.inProcessOverdue ?? null,
    onTimeRate: p.backlog?.onTimeRate ?? null,
  }))
}

export function historyTable(lang: Lang, rows: HistoryRow[], notes: string[]): ExportTable<HistoryRow> {
  const t = tr(lang)
  return {
    name: 'dien-bien',
    title: t('commune.historyTitle'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'month', header: t('commune.month'), kind: 'date' },
      { key: 'received', header: t('kpi.received'), kind: 'int', total: 'sum', kpi: 'received' },
      { key: 'processed', header: t('kpi.processed'), kind: 'int', total: 'sum', kpi: 'processed' },
      { key: 'processedLate', header: t('commune.processedLate'), kind: 'int', total: 'sum', kpi: 'processed_late' },
      { key: 'inProcess', header: t('kpi.backlog'), kind: 'int', kpi: 'backlog' },
      { key: 'overdue', header: t('kpi.overdue_open'), kind: 'int', kpi: 'overdue_open' },
      { key: 'onTimeRate', header: t('kpi.on_time_rate'), kind: 'pct', kpi: 'on_time_rate' },
    ],
  }
}

function ratio<T>(rows: readonly T[], num: (r: T) => number, den: (r: T) => number): number | null {
  const d = rows.reduce((s, r) => s + den(r), 0)
  return d === 0 ? null : rows.reduce((s, r) => s + num(r), 0) / d
}

export interface FieldRow {
  fieldCode: string
  procedures: number
  received: number
  supplementRequested: number
  late: number
}

/** The procedure mix summed per field (đất đai, hộ tịch, …), largest first. */
export function fieldRows(items: readonly TrainingNeed[]): FieldRow[] {
  const m = new Map<string, FieldRow>()
  for (const p of items) {
    const r = m.get(p.fieldCode) ?? { fieldCode: p.fieldCode, procedures: 0, received: 0, supplementRequested: 0, late: 0 }
    r.procedures++
    r.received += p.received
    r.supplementRequested += p.supplementRequested
    r.late += p.late
    m.set(p.fieldCode, r)
  }
  return [...m.values()].sort((a, b) => b.received - a.received)
}

export function fieldsTable(lang: Lang, rows: readonly FieldRow[], notes: string[]): ExportTable<FieldRow> {
  const t = tr(lang)
  return {
    name: 'linh-vuc',
    title: t('commune.fieldsTitle'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'fieldCode', header: t('commune.field'), kind: 'text', value: (r) => fieldName(lang, r.fieldCode) },
      { key: 'procedures', header: t('commune.procedures'), kind: 'int', total: 'sum' },
      { key: 'received', header: t('kpi.received'), kind: 'int', total: 'sum' },
      { key: 'supplementRequested', header: t('commune.supplement'), kind: 'int', total: 'sum' },
      { key: 'late', header: t('commune.late'), kind: 'int', total: 'sum' },
      {
        key: 'lateRate',
        // late ÷ received per procedure: not the late rate ((late + overdue) ÷ to process) — its own name (ADR 032).
        header: t('kpi.received_late_share'),
        kpi: 'received_late_share',
        kind: 'pct',
        value: (r) => (r.received ? r.late / r.received : null),
        total: (rs) =>
          ratio(
            rs,
            (r) => r.late,
            (r) => r.received,
          ),
      },
    ],
  }
}
