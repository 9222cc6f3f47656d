/**
 * Fixtures for the KPI engine part-2 tests (load, staffing, overload, equipment, training, forecast,
 * alerts), on top of part 1's tests/support/dossier-fixtures.ts: a compact dossier shape with `many()`
 * copies, `ticketsAt()` bursts of queue tickets, hand-written `commune_day` stock rows (part 1's rollup,
 * written directly so a test controls the stock exactly), and centres/counters/officers/assignments in
 * Postgres. Times are local (Asia/Ho_Chi_Minh) 'YYYY-MM-DD HH:MM:SS' strings.
 */
import type { ChStore } from '../../db/clickhouse/client.ts'
import type { Db } from '../../db/pg/client.ts'
import { assignments, counters, officers, servicePoints } from '../../db/pg/schema/index.ts'
import {
  dossierRow,
  insertComplaints as insertComplaintRows,
  insertQueueTickets,
  insertStaffingDaily as insertStaffingRows,
  type TicketFixture,
} from './dossier-fixtures.ts'

export interface DossierFx {
  id: string
  commune: string
  procedure?: string
  /** Default (part 1's fixtures): 'Thủ tục <procedure>'. */
  procedureName?: string
  field?: string
  channel?: 1 | 2 | 3
  status?: number
  received: string | null
  due?: string | null
  finished?: string | null
  returned?: string | null
  supplements?: number
  digitised?: boolean
  updated?: string
}

/** Dossiers through part 1's row builder; procedure defaults to 'P-HT' (a civil-status procedure). */
export async function insertDossiers(ch: ChStore, rows: DossierFx[]): Promise<void> {
  const values = rows.map((r) => {
    const row = dossierRow({
      id: r.id,
      commune: r.commune,
      procedure: r.procedure ?? 'P-HT',
      field: r.field,
      channel: r.channel,
      status: r.status,
      received: r.received,
      due: r.due,
      finished: r.finished,
      returned: r.returned,
      supplementCount: r.supplements,
      digitised: r.digitised,
      updated: r.updated,
    })
    return r.procedureName ? { ...row, procedure_name: r.procedureName } : row
  })
  if (values.length) await ch.client.insert({ table: 'dossiers', values, format: 'JSONEachRow' })
}

/** `n` copies of a dossier template, ids `${prefix}-1…n`. */
export function many(n: number, prefix: string, t: Omit<DossierFx, 'id'>): DossierFx[] {
  return Array.from({ length: n }, (_, i) => ({ ...t, id: `${prefix}-${i + 1}` }))
}

export type TicketFx = TicketFixture
export const insertTickets = insertQueueTickets

/** `n` tickets taken on `day` at `hour`:00, :01, … (never called). */
export function ticketsAt(commune: string, day: string, hour: number, n: number, prefix: string): TicketFx[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${day}-${hour}-${i}`,
    commune,
    taken: `${day} ${String(hour).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
  }))
}

export interface StockFx {
  commune: string
  day: string
  received?: number
  finishedEarly?: number
  finishedOnTime?: number
  finishedLate?: number
  notDue?: number
  nearlyDue?: number
  overdue?: number
  /** Counter ratings given that day, levels 1…5 (part 1's rating_1 … rating_5 columns). */
  ratings?: [number, number, number, number, number]
  computedAt?: string
}

/** Rows of part 1's `commune_day` rollup (flows and end-of-day stock) written by hand. */
export async function insertCommuneDay(ch: ChStore, rows: StockFx[]): Promise<void> {
  await ch.client.insert({
    table: 'commune_day',
    format: 'JSONEachRow',
    values: rows.map((r) => ({
      commune_code: r.commune,
      day: r.day,
      received: r.received ?? 0,
      received_online: 0,
      received_land: 0,
      weighted_received: 0,
      finished: (r.finishedEarly ?? 0) + (r.finishedOnTime ?? 0) + (r.finishedLate ?? 0),
      finished_early: r.finishedEarly ?? 0,
      finished_on_time: r.finishedOnTime ?? 0,
      finished_late: r.finishedLate ?? 0,
      finished_cancelled: 0,
      processing_days_sum: 0,
      open_not_due: r.notDue ?? 0,
      open_nearly_due: r.nearlyDue ?? 0,
      open_overdue: r.overdue ?? 0,
      supplement_requested: 0,
      e_result: 0,
      digitised: 0,
      data_reused: 0,
      population_data: 0,
      with_fee: 0,
      paid_online: 0,
      ...Object.fromEntries((r.ratings ?? [0, 0, 0, 0, 0]).map((n, i) => [`rating_${i + 1}`, n])),
      computed_at: r.computedAt ?? '2025-01-01 00:00:00',
    })),
  })
}

/** Complaints: class from the category (harassment / attitude → officials' behaviour), due = received. */
export async function insertComplaints(
  ch: ChStore,
  rows: {
    id: string
    commune: string
    category: 'nhung_nhieu' | 'them_giay_to' | 'yeu_cau_vneid' | 'cham_tre' | 'thai_do' | 'khac'
    received: string
    updated?: string
  }[],
): Promise<void> {
  await insertComplaintRows(
    ch,
    rows.map((r) => ({
      ...r,
      class: r.category === 'nhung_nhieu' || r.category === 'thai_do' ? ('hanh_vi' as const) : ('quy_dinh' as const),
      due: r.received,
    })),
  )
}

export async function insertStaffingDaily(
  ch: ChStore,
  rows: { commune: string; day: string; officers: number; fte: number; counters?: number }[],
): Promise<void> {
  await insertStaffingRows(ch, rows)
}

/** A main centre with `active` active counters (+ `inactive` ones) and officers with the given FTEs,
 * all assigned from 2025-01-01 with no end. */
export async function seedCentre(
  db: Db,
  commune: string,
  opts: { active: number; inactive?: number; fte: number[]; idPrefix?: string },
): Promise<void> {
  const [sp] = await db
    .insert(servicePoints)
    .values({ communeCode: commune, name: `TTPVHCC ${commune}` })
    .returning()
  const labels = [
    ...Array.from({ length: opts.active }, (_, i) => ({ label: `Quầy ${i + 1}`, active: true })),
    ...Array.from({ length: opts.inactive ?? 0 }, (_, i) => ({ label: `Quầy dự phòng ${i + 1}`, active: false })),
  ]
  if (labels.length) await db.insert(counters).values(labels.map((l) => ({ ...l, servicePointId: sp!.id })))
  const prefix = opts.idPrefix ?? `o-${commune}`
  if (opts.fte.length) {
    await db.insert(officers).values(
      opts.fte.map((fte, i) => ({
        id: `${prefix}-${i + 1}`,
        fullName: `Cán bộ ${i + 1}`,
        position: i === 0 && fte < 1 ? 'director' : 'officer',
        homeCommuneCode: commune,
        fte,
      })),
    )
    await db
      .insert(assignments)
      .values(opts.fte.map((_, i) => ({ officerId: `${prefix}-${i + 1}`, communeCode: commune, validFrom: '2025-01-01' })))
  }
}
