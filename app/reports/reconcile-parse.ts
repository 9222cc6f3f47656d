/**
 * Reading the national portal's published 766 figures (SOURCES.md §4) into rows of unit × metric:
 *
 *  - the portal's own JSON (dichvucong.gov.vn /api/v1/reporting/evaluation/…): `{ code, data: { overview,
 *    evaluation: [{ departmentCode, departmentName, metrics: [{ code, numerator, denominator, score }] }] } }`
 *    (transparency, dossier-digitized, handling-satisfaction), or `{ data: { parent, children: [{
 *    departmentCode, departmentName, totalReceived, totalOnTime, score }] } }` (dvc-progress-tree → TDGQ);
 *    one response, or an array of them;
 *  - a table (CSV or the first sheet of an XLSX) with a header row naming the unit code, the metric code,
 *    the numerator, the denominator and the points (Vietnamese or English headers, any order).
 *
 * Pure: no I/O. Metric codes outside the 766 table (e.g. PETITION_CLASSIFICATION_TTHC) are skipped with a
 * reason; `null` stays null (never 0).
 */
import { z } from 'zod'
import { METRICS_766, type MetricCode } from '../kpi/qd766.ts'

export interface PortalUnit {
  code: string | null
  name: string | null
}
export interface PortalRow {
  unit: PortalUnit
  metric: MetricCode
  numerator: number | null
  denominator: number | null
  points: number | null
}
export interface Skipped {
  unit: string
  metric?: string
  reason: string
}
export interface Parsed {
  rows: PortalRow[]
  skipped: Skipped[]
}

const METRIC_CODES = new Set<string>(METRICS_766.map((m) => m.code))
const num = z.union([z.number(), z.null()]).optional()
const Metric = z.object({ code: z.string(), numerator: num, denominator: num, score: num }).passthrough()
const Unit = z
  .object({ departmentCode: z.string().nullish(), departmentName: z.string().nullish(), metrics: z.array(Metric).optional() })
  .passthrough()
const ProgressChild = Unit.extend({ totalReceived: num, totalOnTime: num, score: num })
const Response = z
  .object({
    data: z.object({
      evaluation: z.array(Unit).optional(),
      children: z.array(ProgressChild).optional(),
    }),
  })
  .passthrough()

const unitOf = (u: { departmentCode?: string | null; departmentName?: string | null }): PortalUnit => ({
  code: u.departmentCode?.trim() || null,
  name: u.departmentName?.normalize('NFC').trim() || null,
})
const label = (u: PortalUnit) => u.name ?? u.code ?? '?'
const n = (v: number | null | undefined) => (v === undefined || v === null || !Number.isFinite(v) ? null : v)

/** The portal's JSON (one response or an array of responses). Throws with a clear message when it is neither. */
export function parsePortalJson(text: string): Parsed {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch {
    throw new Error('Tệp JSON không đọc được / the JSON file could not be read')
  }
  const out: Parsed = { rows: [], skipped: [] }
  for (const item of Array.isArray(doc) ? doc : [doc]) {
    const r = Response.safeParse(item)
    if (!r.success || (!r.data.data.evaluation && !r.data.data.children))
      throw new Error(
        'Không phải dạng dữ liệu của Cổng DVCQG (data.evaluation[] hoặc data.children[]) / not the portal’s shape (data.evaluation[] or data.children[])',
      )
    for (const u of r.data.data.evaluation ?? []) {
      const unit = unitOf(u)
      for (const m of u.metrics ?? []) {
        if (!METRIC_CODES.has(m.code)) {
          out.skipped.push({ unit: label(unit), metric: m.code, reason: 'not_a_766_metric' })
          continue
        }
        out.rows.push({ unit, metric: m.code as MetricCode, numerator: n(m.numerator), denominator: n(m.denominator), points: n(m.score) })
      }
    }
    for (const c of r.data.data.children ?? []) {
      const unit = unitOf(c)
      if (c.totalReceived === undefined && c.totalOnTime === undefined) continue
      out.rows.push({ unit, metric: 'TDGQ', numerator: n(c.totalOnTime), denominator: n(c.totalReceived), points: n(c.score) })
    }
  }
  return out
}

const HEADERS: Record<'unit' | 'metric' | 'numerator' | 'denominator' | 'points', string[]> = {
  unit: ['ma_don_vi', 'madonvi', 'don_vi', 'unit', 'unit_code', 'departmentcode', 'commune', 'ma_xa'],
  metric: ['ma_chi_so', 'chi_so', 'metric', 'metric_code', 'code'],
  numerator: ['tu_so', 'numerator'],
  denominator: ['mau_so', 'denominator'],
  points: ['diem', 'points', 'score'],
}
const key = (h: string) =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_')

/** A number as a person types it in a sheet: 12, 12.5, 12,5, "1.234" (thousands), empty → null. */
function cellNumber(v: unknown): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad'
  const s = String(v).trim()
  if (s === '' || s === '-') return null
  const t = /^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '') : s.replace(',', '.')
  const x = Number(t)
  return Number.isFinite(x) ? x : 'bad'
}

/** Rows of a table (header row first). Throws naming the missing columns before reading any row. */
export function parsePortalTable(records: unknown[][]): Parsed {
  const [header, ...body] = records
  const idx = Object.fromEntries(
    Object.entries(HEADERS).map(([k, names]) => [k, (header ?? []).findIndex((h) => names.includes(key(String(h ?? ''))))]),
  ) as Record<keyof typeof HEADERS, number>
  const missing = (['unit', 'metric', 'points'] as const).filter((k) => idx[k] < 0)
  if (missing.length) throw new Error(`Thiếu cột / missing column: ${missing.map((k) => HEADERS[k].slice(0, 2).join(' | ')).join('; ')}`)
  const out: Parsed = { rows: [], skipped: [] }
  body.forEach((rec, i) => {
    const unit = String(rec[idx.unit] ?? '').trim()
    const metric = String(rec[idx.metric] ?? '')
      .trim()
      .toUpperCase()
    if (!unit && !metric) return
    const where = `${unit || '?'} (dòng/row ${i + 2})`
    if (!METRIC_CODES.has(metric)) return void out.skipped.push({ unit: where, metric, reason: 'not_a_766_metric' })
    const vals = [idx.numerator, idx.denominator, idx.points].map((j) => (j < 0 ? null : cellNumber(rec[j])))
    if (vals.includes('bad')) return void out.skipped.push({ unit: where, metric, reason: 'not_a_number' })
    const [numerator, denominator, points] = vals as (number | null)[]
    const code = /^\d{5}$/.test(unit) ? unit : null
    out.rows.push({ unit: { code: code ?? unit, name: code ? null : unit }, metric: metric as MetricCode, numerator, denominator, points })
  })
  return out
}
