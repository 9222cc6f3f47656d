/** A counter/online satisfaction rating (5 levels) → a row of ClickHouse `ratings`. */
import { chTime } from '../../db/lib/vn-time.ts'
import { RATING, headersOf } from '../contract/index.ts'
import { parseRecord, type RecordKind } from './record.ts'
import { validatorFor } from './schema.ts'

export const RatingSchema = validatorFor(RATING)

export const ratingKind: RecordKind = {
  job: 'ratings',
  table: 'ratings',
  path: '/ratings',
  contract: RATING,
  idField: RATING.idField,
  headers: headersOf(RATING),
  columns: [
    ['rating_id', 'String'],
    ['dossier_id', 'String'],
    ['commune_code', 'String'],
    ['level', 'UInt8'],
    ['rated_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['channel', 'String'],
    ['updated_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['synthetic', 'Bool'],
  ],
  validate(raw, ctx) {
    const p = parseRecord(this, RatingSchema, raw, ctx)
    if (!p.ok) return p
    const r = p.data
    const unit = ctx.units.resolve(r.MaDonVi, r.ThoiGian, r.MaHoSo || r.MaDanhGia)
    if (!unit.ok) return { ok: false, id: r.MaDanhGia, reason: unit.reason, detail: unit.detail }
    return {
      ok: true,
      id: r.MaDanhGia,
      updatedAt: r.CapNhatLuc,
      row: [
        r.MaDanhGia,
        r.MaHoSo,
        unit.commune,
        r.MucDo,
        chTime(r.ThoiGian),
        r.KenhDanhGia,
        chTime(r.CapNhatLuc),
        ctx.synthetic || r.synthetic === true,
      ],
    }
  },
}
