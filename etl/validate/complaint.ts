/** A complaint or petition (PAKN) → a row of ClickHouse `complaints`. Deadline: 15 working days (HanXuLy). */
import { chTime } from '../../db/lib/vn-time.ts'
import { COMPLAINT, headersOf } from '../contract/index.ts'
import { parseRecord, type RecordKind } from './record.ts'
import { validatorFor } from './schema.ts'

export const ComplaintSchema = validatorFor(COMPLAINT)

export const complaintKind: RecordKind = {
  job: 'complaints',
  table: 'complaints',
  path: '/complaints',
  contract: COMPLAINT,
  idField: COMPLAINT.idField,
  headers: headersOf(COMPLAINT),
  columns: [
    ['complaint_id', 'String'],
    ['commune_code', 'String'],
    ['dossier_id', 'Nullable(String)'],
    ['class', 'String'],
    ['category', 'String'],
    ['received_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['due_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['handled_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['satisfied', 'Nullable(Bool)'],
    ['updated_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['synthetic', 'Bool'],
  ],
  validate(raw, ctx) {
    const p = parseRecord(this, ComplaintSchema, raw, ctx)
    if (!p.ok) return p
    const c = p.data
    if (c.HanXuLy < c.NgayTiepNhan)
      return { ok: false, id: c.MaPAKN, reason: 'due_before_received', detail: `HanXuLy ${raw.HanXuLy} < NgayTiepNhan ${raw.NgayTiepNhan}` }
    const unit = ctx.units.resolve(c.MaDonVi, c.NgayTiepNhan, c.MaHoSo ?? c.MaPAKN)
    if (!unit.ok) return { ok: false, id: c.MaPAKN, reason: unit.reason, detail: unit.detail }
    return {
      ok: true,
      id: c.MaPAKN,
      updatedAt: c.CapNhatLuc,
      row: [
        c.MaPAKN,
        unit.commune,
        c.MaHoSo,
        c.PhanLoai,
        c.NoiDung,
        chTime(c.NgayTiepNhan),
        chTime(c.HanXuLy),
        c.NgayXuLy === null ? null : chTime(c.NgayXuLy),
        c.HaiLong,
        chTime(c.CapNhatLuc),
        ctx.synthetic || c.synthetic === true,
      ],
    }
  },
}
