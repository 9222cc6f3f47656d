/**
 * 766 reconciliation (issue 16 item 5): the portal's published per-commune figures (uploaded by the IT role,
 * stored in Postgres) beside our own — `inputs766ByCommune` + `explain766`, the same functions the 766 page
 * and the KPI API use — metric by metric, with the difference. A difference "beyond rounding" is a points
 * difference over 0.01, or a different numerator or denominator (both sides known): that is what the page
 * highlights and the export lists (`only=diff`).
 */
import { desc, eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { parse as parseCsv } from 'csv-parse/sync'
import type { Stores } from '../../db/stores.ts'
import { communes, qd766PortalFigures, qd766Uploads } from '../../db/pg/schema/index.ts'
import { explain766, inputs766ByCommune } from '../kpi/qd766.server.ts'
import { METRICS_766, type MetricCode } from '../kpi/qd766.ts'
import { parsePortalJson, parsePortalTable, type Parsed, type PortalUnit, type Skipped } from './reconcile-parse.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
/** Points may differ by this much and still count as the same (the portal rounds each metric to 2 decimals). */
export const POINTS_TOLERANCE = 0.01

export class ReconcileError extends Error {}

/** Reads one uploaded file by its extension: .json (the portal's shape), .csv, .xlsx. */
export async function readPortalFile(name: string, bytes: Uint8Array): Promise<Parsed & { format: string }> {
  const ext = name.toLowerCase().split('.').pop()
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new ReconcileError('Tệp lớn hơn 10 MB / file larger than 10 MB')
  try {
    if (ext === 'json') return { ...parsePortalJson(new TextDecoder().decode(bytes)), format: 'portal-json' }
    if (ext === 'csv') {
      const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')
      const first = text.split(/\r?\n/, 1)[0] ?? ''
      const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ','
      const records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][]
      return { ...parsePortalTable(records), format: 'csv' }
    }
    if (ext === 'xlsx') {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
      const ws = wb.worksheets[0]
      if (!ws) throw new ReconcileError('Tệp XLSX không có trang tính / the workbook has no sheet')
      const records: unknown[][] = []
      ws.eachRow((row) => {
        const v = row.values as unknown[]
        records.push(v.slice(1).map((c) => (c && typeof c === 'object' && 'result' in c ? (c as { result: unknown }).result : c)))
      })
      return { ...parsePortalTable(records), format: 'xlsx' }
    }
  } catch (e) {
    throw e instanceof ReconcileError ? e : new ReconcileError((e as Error).message)
  }
  throw new ReconcileError('Chỉ nhận tệp .json, .csv hoặc .xlsx / only .json, .csv or .xlsx files')
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
const norm = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/^\s*ubnd\s+/, '')
    .replace(/\s+-\s+(tỉnh|thành phố|tp\.?)\s.*$/, '')
    .replace(/\s+/g, ' ')
    .trim()

/** Matches the portal's units to the province's communes: a 5-digit code, else the name (tone marks tolerated). */
export async function matchUnits(stores: Stores, parsed: Parsed) {
  const list = await stores.pg.db
    .select({ code: communes.code, name: communes.name, fullName: communes.fullName })
    .from(communes)
    .where(inProvince(stores.config.PROVINCE_CODE))
  const byCode = new Set(list.map((c) => c.code))
  const exact = new Map<string, string>()
  const loose = new Map<string, string[]>()
  for (const c of list) {
    exact.set(norm(c.fullName), c.code)
    const k = plain(norm(c.fullName))
    loose.set(k, [...(loose.get(k) ?? []), c.code])
  }
  const find = (u: PortalUnit): string | 'ambiguous' | null => {
    const code = u.code && /^\d{5}$/.test(u.code) ? u.code : null
    if (code) return byCode.has(code) ? code : null
    if (!u.name) return null
    const e = exact.get(norm(u.name))
    if (e) return e
    const l = loose.get(plain(norm(u.name))) ?? []
    return l.length === 1 ? l[0]! : l.length > 1 ? 'ambiguous' : null
  }
  const skipped: Skipped[] = [...parsed.skipped]
  const figures = new Map<
    string,
    { communeCode: string; metric: MetricCode; numerator: number | null; denominator: number | null; points: number | null }
  >()
  for (const r of parsed.rows) {
    const code = find(r.unit)
    const label = r.unit.name ?? r.unit.code ?? '?'
    if (code === null || code === 'ambiguous') {
      skipped.push({ unit: label, metric: r.metric, reason: code === 'ambiguous' ? 'ambiguous_unit' : 'unknown_unit' })
      continue
    }
    figures.set(`${code}|${r.metric}`, {
      communeCode: code,
      metric: r.metric,
      numerator: r.numerator,
      denominator: r.denominator,
      points: r.points,
    })
  }
  return { figures: [...figures.values()], skipped }
}

export interface UploadInput {
  files: { name: string; bytes: Uint8Array }[]
  from: string
  to: string
  by: string
}

/** Reads, matches and stores an upload (one transaction); returns its id and what was skipped. */
export async function saveUpload(stores: Stores, input: UploadInput): Promise<{ id: number; figures: number; skipped: Skipped[] }> {
  if (input.files.length === 0) throw new ReconcileError('Chưa chọn tệp / no file chosen')
  const merged: Parsed = { rows: [], skipped: [] }
  const formats = new Set<string>()
  for (const f of input.files) {
    const p = await readPortalFile(f.name, f.bytes)
    merged.rows.push(...p.rows)
    merged.skipped.push(...p.skipped)
    formats.add(p.format)
  }
  const { figures, skipped } = await matchUnits(stores, merged)
  if (figures.length === 0) throw new ReconcileError('Không có số liệu nào của xã trong tỉnh / no figures for a commune of the province')
  const id = await stores.pg.db.transaction(async (tx) => {
    const [u] = await tx
      .insert(qd766Uploads)
      .values({
        fileName: input.files
          .map((f) => f.name)
          .join(', ')
          .slice(0, 500),
        format: [...formats].join('+'),
        periodFrom: input.from,
        periodTo: input.to,
        uploadedBy: input.by,
        figures: figures.length,
        skipped,
      })
      .returning({ id: qd766Uploads.id })
    await tx.insert(qd766PortalFigures).values(figures.map((f) => ({ ...f, uploadId: u!.id })))
    return u!.id
  })
  return { id, figures: figures.length, skipped }
}

export async function listUploads(stores: Stores) {
  return stores.pg.db.select().from(qd766Uploads).orderBy(desc(qd766Uploads.id)).limit(50)
}

export type ReconStatus = 'same' | 'different' | 'not_computed'
export interface Side {
  numerator: number | null
  denominator: number | null
  points: number | null
}
export interface ReconRow {
  commune: string
  name: string
  metric: MetricCode
  max: number
  portal: Side
  ours: Side
  /** portal − ours, 2 decimals; null when either side has no points. */
  diffPoints: number | null
  status: ReconStatus
  /** Which parts differ: 'points' (> 0.01), 'numerator', 'denominator'. */
  differs: ('points' | 'numerator' | 'denominator')[]
}

const r2 = (x: number) => Math.round(x * 100) / 100

export function compareSides(portal: Side, ours: Side): { diffPoints: number | null; status: ReconStatus; differs: ReconRow['differs'] } {
  const differs: ReconRow['differs'] = []
  const diffPoints = portal.points !== null && ours.points !== null ? r2(portal.points - ours.points) : null
  if (diffPoints !== null && Math.abs(diffPoints) > POINTS_TOLERANCE + 1e-9) differs.push('points')
  if (portal.numerator !== null && ours.numerator !== null && portal.numerator !== ours.numerator) differs.push('numerator')
  if (portal.denominator !== null && ours.denominator !== null && portal.denominator !== ours.denominator) differs.push('denominator')
  const status: ReconStatus = differs.length ? 'different' : ours.points === null && ours.numerator === null ? 'not_computed' : 'same'
  return { diffPoints, status, differs }
}

/** One upload beside our figures for the same period, for the communes in `scope`. */
export async function compareUpload(stores: Stores, uploadId: number, scope: 'all' | string[]) {
  const [upload] = await stores.pg.db.select().from(qd766Uploads).where(eq(qd766Uploads.id, uploadId))
  if (!upload) return null
  const portal = await stores.pg.db.select().from(qd766PortalFigures).where(eq(qd766PortalFigures.uploadId, uploadId))
  const visible = scope === 'all' ? portal : portal.filter((p) => scope.includes(p.communeCode))
  const codes = [...new Set(visible.map((p) => p.communeCode))].sort()
  const [inputs, names] = await Promise.all([
    inputs766ByCommune(stores, codes, upload.periodFrom, upload.periodTo),
    codes.length
      ? stores.pg.db.select({ code: communes.code, fullName: communes.fullName }).from(communes).where(inArray(communes.code, codes))
      : [],
  ])
  const nameOf = new Map(names.map((n) => [n.code, n.fullName]))
  const order = new Map(METRICS_766.map((m, i) => [m.code, i]))
  const ours = new Map(codes.map((c) => [c, new Map(explain766(inputs.get(c)!).lines.map((l) => [l.code, l]))]))
  const rows: ReconRow[] = visible
    .map((p) => {
      const line = ours.get(p.communeCode)!.get(p.metric as MetricCode)!
      const portalSide = { numerator: p.numerator, denominator: p.denominator, points: p.points }
      const ourSide = { numerator: line.numerator, denominator: line.denominator, points: line.points }
      return {
        commune: p.communeCode,
        name: nameOf.get(p.communeCode) ?? p.communeCode,
        metric: line.code,
        max: line.max,
        portal: portalSide,
        ours: ourSide,
        ...compareSides(portalSide, ourSide),
      }
    })
    .sort((a, b) => a.commune.localeCompare(b.commune) || order.get(a.metric)! - order.get(b.metric)!)
  const summary = {
    rows: rows.length,
    communes: codes.length,
    different: rows.filter((r) => r.status === 'different').length,
    notComputed: rows.filter((r) => r.status === 'not_computed').length,
  }
  return { upload, rows, summary }
}
