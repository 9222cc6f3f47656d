/** A queue ticket (centres with a ticket machine): taken, called, done → a row of ClickHouse `queue_tickets`. */
import { chTime } from '../../db/lib/vn-time.ts'
import { QUEUE_TICKET, headersOf } from '../contract/index.ts'
import { parseRecord, type RecordKind } from './record.ts'
import { validatorFor } from './schema.ts'

export const QueueTicketSchema = validatorFor(QUEUE_TICKET)

export const queueTicketKind: RecordKind = {
  job: 'queue-tickets',
  table: 'queue_tickets',
  path: '/queue-tickets',
  contract: QUEUE_TICKET,
  idField: QUEUE_TICKET.idField,
  headers: headersOf(QUEUE_TICKET),
  columns: [
    ['ticket_id', 'String'],
    ['commune_code', 'String'],
    ['counter', 'String'],
    ['taken_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['called_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['done_at', "Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh'))"],
    ['updated_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
    ['synthetic', 'Bool'],
  ],
  validate(raw, ctx) {
    const p = parseRecord(this, QueueTicketSchema, raw, ctx)
    if (!p.ok) return p
    const q = p.data
    const unit = ctx.units.resolve(q.MaDonVi, q.LayVeLuc, q.MaVe)
    if (!unit.ok) return { ok: false, id: q.MaVe, reason: unit.reason, detail: unit.detail }
    return {
      ok: true,
      id: q.MaVe,
      updatedAt: q.CapNhatLuc,
      row: [
        q.MaVe,
        unit.commune,
        q.Quay,
        chTime(q.LayVeLuc),
        q.GoiLuc === null ? null : chTime(q.GoiLuc),
        q.XongLuc === null ? null : chTime(q.XongLuc),
        chTime(q.CapNhatLuc),
        ctx.synthetic || q.synthetic === true,
      ],
    }
  },
}
