/**
 * VNPT iGate's dossier object (docs/design.md §6.3) → the contract's dossier record: the one place its fields are
 * mapped (ADR 020).
 *
 * | contract | iGate |
 * |---|---|
 * | MaHoSo | `code` (the dossier code citizens see; `nationCode` is the national portal's, often empty) |
 * | MaDonVi | `agency.code` through the unit table (a commune code passes as is) |
 * | MaTTHC, TenTTHC | `procedure.code`, `procedure.translate`/`name` |
 * | MaLinhVuc, TenLinhVuc | `procedure.sector.code`, its name |
 * | KenhThucHien | `applyMethod.id` through the channel table |
 * | TrangThaiHoSo | `dossierStatus.id` through the status table |
 * | NgayNopHoSo, NgayTiepNhan | `appliedDate`, `acceptedDate` |
 * | NgayHenTra | `appointmentDate`, else `dueDate` |
 * | NgayKetThucXuLy, NgayTra | `completedDate`, `returnedDate` |
 * | CanBoXuLy | the assignee id of the current step (`currentTask[]`/`task[]` with `isCurrent`), else of the latest step |
 * | CapNhatLuc | the update-time field (IGATE_UPDATED_FIELD, `updatedDate`), else the latest date of the dossier and its steps |
 *
 * Fields iGate's search does not carry (supplements, fee, online payment, digitisation, VNeID) take the
 * contract's defaults. The applicant (`applicant.data`: name, ID number, phone, address), the e-form data and
 * everything else not listed are dropped here: never stored, not even in a reject (`storableIgate` keeps a whitelist).
 */
import type { Reject } from '../../state/rejects.ts'
import { parseTime } from '../../../db/lib/vn-time.ts'
import type { CodeTable } from '../../../db/sources/codes.ts'
import { pick } from '../../../db/lib/pick.ts'
import { textOf, type ContractDossier } from '../adapters/contract-record.ts'

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null)
const DATE_FIELDS = ['appliedDate', 'acceptedDate', 'appointmentDate', 'dueDate', 'completedDate', 'returnedDate'] as const

function tasks(raw: Obj): Obj[] {
  const all = [...(Array.isArray(raw.currentTask) ? raw.currentTask : []), ...(Array.isArray(raw.task) ? raw.task : [])]
  return all.map(obj).filter((t): t is Obj => t !== null)
}

const taskTime = (t: Obj) => parseTime(t.updatedDate) ?? parseTime(t.createdDate) ?? -Infinity
const assigneeId = (t: Obj) => str(obj(t.assignee)?.id) ?? str(t.assignee)

/** The officer handling the dossier now: the current step's assignee, else the latest step's. */
export function officerOf(raw: Obj): string | null {
  const steps = tasks(raw).filter((t) => assigneeId(t) !== null)
  const current = steps.filter((t) => t.isCurrent === true || t.isCurrent === 1 || t.isCurrent === '1')
  const pool = current.length ? current : steps
  let best: Obj | null = null
  for (const t of pool) if (!best || taskTime(t) > taskTime(best)) best = t
  return best ? assigneeId(best) : null
}

/** The dossier's version time: the update-time field, else its latest date or step date (epoch ms), or null. */
export function versionOf(raw: Obj, updatedField: string): number | null {
  const at = parseTime(raw[updatedField])
  if (at !== null) return at
  let max: number | null = null
  for (const f of DATE_FIELDS) {
    const t = f === 'appointmentDate' || f === 'dueDate' ? null : parseTime(raw[f])
    if (t !== null && (max === null || t > max)) max = t
  }
  for (const t of tasks(raw)) {
    const x = taskTime(t)
    if (x > -Infinity && (max === null || x > max)) max = x
  }
  return max
}

/** What of an iGate dossier may be kept (in a reject): no applicant, no e-form, steps reduced to assignee ids and times. */
export function storableIgate(raw: unknown, updatedField: string): unknown {
  const o = obj(raw)
  if (!o) return raw === null || typeof raw !== 'object' ? raw : null
  const kept = pick(o, ['id', 'code', 'nationCode', 'processingTime', 'processingTimeUnit', updatedField, ...DATE_FIELDS]) ?? {}
  for (const k of ['dossierStatus', 'dossierTaskStatus', 'applyMethod']) if (o[k] !== undefined) kept[k] = pick(o[k], ['id', 'name'])
  if (o.procedure !== undefined)
    kept.procedure = { ...pick(o.procedure, ['id', 'code']), sector: pick(obj(o.procedure)?.sector, ['id', 'code']) }
  if (o.agency !== undefined) kept.agency = pick(o.agency, ['id', 'code', 'name'])
  kept.task = tasks(o).map((t) => ({
    assignee: assigneeId(t),
    isCurrent: t.isCurrent ?? null,
    createdDate: t.createdDate ?? null,
    updatedDate: t.updatedDate ?? null,
  }))
  return kept
}

export type IgateMapped =
  { ok: true; id: string; at: number | null; record: ContractDossier } | { ok: false; id: string | null; at: number | null; reject: Reject }

export function mapIgateDossier(raw: unknown, codes: CodeTable, updatedField: string): IgateMapped {
  const o = obj(raw)
  if (!o) {
    const reject: Reject = {
      reason: 'bad_record',
      detail: `iGate item is ${Array.isArray(raw) ? 'an array' : typeof raw}`,
      recordId: null,
      raw: null,
    }
    return { ok: false, id: null, at: null, reject }
  }
  const id = str(o.code)?.trim() ?? null
  const at = versionOf(o, updatedField)
  const status = codes.map('status', obj(o.dossierStatus)?.id ?? o.dossierStatus, textOf(obj(o.dossierStatus)?.name))
  const channel = status.ok ? codes.map('channel', obj(o.applyMethod)?.id ?? o.applyMethod, textOf(obj(o.applyMethod)?.name)) : status
  const agency = obj(o.agency)
  const unit = channel.ok ? codes.map('unit', agency?.code, textOf(agency?.name)) : channel
  if (!unit.ok)
    return { ok: false, id, at, reject: { reason: unit.reason, detail: unit.detail, recordId: id, raw: storableIgate(o, updatedField) } }
  const procedure = obj(o.procedure)
  const sector = obj(procedure?.sector)
  const iso = (v: unknown) => (v === undefined ? null : v)
  const record: ContractDossier = {
    MaHoSo: o.code,
    MaDonVi: unit.target,
    MaTTHC: procedure?.code ?? null,
    TenTTHC: textOf(procedure?.translate ?? procedure?.name ?? null),
    MaLinhVuc: sector?.code ?? null,
    TenLinhVuc: textOf(sector?.name ?? sector?.translate ?? null),
    KenhThucHien: Number((channel as { target: string }).target),
    MucDo: null,
    TrangThaiHoSo: Number((status as { target: string }).target),
    NgayNopHoSo: iso(o.appliedDate),
    NgayTiepNhan: iso(o.acceptedDate),
    NgayHenTra: iso(o.appointmentDate ?? o.dueDate),
    NgayKetThucXuLy: iso(o.completedDate),
    NgayTra: iso(o.returnedDate),
    SoLanBoSung: 0,
    SoGioChoBoSung: 0,
    PhiLePhi: 0,
    DuocThanhToanTrucTuyen: 0,
    CoKetQuaDienTu: false,
    DaSoHoa: false,
    TaiSuDungDuLieu: false,
    DungDuLieuDanCu: false,
    XacThucVNeID: false,
    CanBoXuLy: officerOf(o),
    // The version the pipeline orders by: the update-time field as sent, else the latest date (validation reads both).
    CapNhatLuc: parseTime(o[updatedField]) !== null ? o[updatedField] : at === null ? null : new Date(at).toISOString(),
  }
  // A missing code is left to validation (missing_id), like any other field the contract checks.
  return { ok: true, id: id ?? '', at, record }
}
