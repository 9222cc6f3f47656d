/**
 * Hand-written facts for KPI tests: insert a few dossiers, ratings, complaints, queue tickets and daily
 * staffing/equipment snapshots straight into ClickHouse, with sensible defaults so a test states only what
 * it is about.
 *
 * Times are Asia/Ho_Chi_Minh wall-clock strings 'YYYY-MM-DD HH:MM' (or with ':SS'), stored as written in the
 * columns' time zone. A bare 'YYYY-MM-DD' means 08:00 that day.
 *
 *   await insertDossiers(s.ch, [
 *     { id: 'A', commune: QT.dongHoi, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-04 17:00' },
 *     { id: 'B', commune: QT.dongHoi, received: '2026-03-02', due: '2026-03-04 17:00' }, // still open
 *   ])
 */
import type { ChStore } from '../../db/clickhouse/client.ts'

/** A few real Quảng Trị (province 44) commune codes. */
export const QT = {
  dongHoi: '18880', // Phường Đồng Hới
  dongSon: '18871', // Phường Đồng Sơn
  dongThuan: '18859', // Phường Đồng Thuận
  minhHoa: '18901', // Xã Minh Hoá
} as const

/** 'YYYY-MM-DD' → 'YYYY-MM-DD 08:00:00'; 'YYYY-MM-DD HH:MM' → '…:00'; full strings unchanged. */
export function vnTime(t: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `${t} 08:00:00`
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(t)) return `${t.replace('T', ' ')}:00`
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(t)) return t.replace('T', ' ')
  throw new Error(`fixture time must be 'YYYY-MM-DD[ HH:MM[:SS]]' (Asia/Ho_Chi_Minh), got ${JSON.stringify(t)}`)
}
const opt = (t: string | null | undefined) => (t ? vnTime(t) : null)
const latest = (...ts: (string | null | undefined)[]) =>
  ts
    .filter((x): x is string => !!x)
    .map(vnTime)
    .sort()
    .at(-1) ?? '2026-01-01 00:00:00'

export interface DossierFixture {
  id: string
  commune: string
  /** NgayTiepNhan; null = never received (status 1 or 3). */
  received: string | null
  due?: string | null
  /** NgayKetThucXuLy. */
  finished?: string | null
  /** NgayTra. */
  returned?: string | null
  /** Default: 10 if returned, 9 if finished, 2 if received, else 1. */
  status?: number
  submitted?: string | null
  field?: string
  procedure?: string
  channel?: 1 | 2 | 3
  onlineLevel?: '' | 'toan_trinh' | 'mot_phan'
  supplementCount?: number
  supplementHours?: number
  fee?: number
  paidOnline?: 0 | 1 | 2
  eResult?: boolean
  digitised?: boolean
  dataReused?: boolean
  populationData?: boolean
  vneid?: boolean
  officer?: string
  /** MaDonVi as delivered (a pre-merger unit name before 2025-07-01). Default: the commune code. */
  sourceUnit?: string
  /** CapNhatLuc. Default: the latest of the other times. */
  updated?: string
  synthetic?: boolean
}

export function dossierRow(f: DossierFixture) {
  const status = f.status ?? (f.returned ? 10 : f.finished ? 9 : f.received ? 2 : 1)
  return {
    dossier_id: f.id,
    commune_code: f.commune,
    source_unit: f.sourceUnit ?? f.commune,
    procedure_code: f.procedure ?? `${f.field ?? 'ho_tich'}-01`,
    procedure_name: `Thủ tục ${f.procedure ?? f.field ?? 'ho_tich'}`,
    field_code: f.field ?? 'ho_tich',
    field_name: f.field ?? 'ho_tich',
    channel: f.channel ?? 1,
    online_level: f.onlineLevel ?? '',
    status,
    submitted_at: opt(f.submitted),
    received_at: opt(f.received),
    due_at: opt(f.due),
    finished_at: opt(f.finished),
    returned_at: opt(f.returned),
    supplement_count: f.supplementCount ?? 0,
    supplement_hours: f.supplementHours ?? 0,
    fee_vnd: f.fee ?? 0,
    paid_online: f.paidOnline ?? 0,
    e_result: f.eResult ?? false,
    digitised: f.digitised ?? false,
    data_reused: f.dataReused ?? false,
    population_data: f.populationData ?? false,
    vneid: f.vneid ?? false,
    officer_id: f.officer ?? '',
    updated_at: f.updated ? vnTime(f.updated) : latest(f.submitted, f.received, f.finished, f.returned),
    synthetic: f.synthetic ?? false,
  }
}

export async function insertDossiers(ch: ChStore, rows: DossierFixture[]): Promise<void> {
  if (rows.length) await ch.client.insert({ table: 'dossiers', values: rows.map(dossierRow), format: 'JSONEachRow' })
}

export interface RatingFixture {
  id: string
  dossier: string
  commune: string
  /** 1 very dissatisfied … 5 very satisfied. */
  level: 1 | 2 | 3 | 4 | 5
  at: string
  channel?: 'tai_quay' | 'truc_tuyen'
  updated?: string
}

export async function insertRatings(ch: ChStore, rows: RatingFixture[]): Promise<void> {
  if (!rows.length) return
  const values = rows.map((r) => ({
    rating_id: r.id,
    dossier_id: r.dossier,
    commune_code: r.commune,
    level: r.level,
    rated_at: vnTime(r.at),
    channel: r.channel ?? 'tai_quay',
    updated_at: vnTime(r.updated ?? r.at),
  }))
  await ch.client.insert({ table: 'ratings', values, format: 'JSONEachRow' })
}

export interface ComplaintFixture {
  id: string
  commune: string
  dossier?: string | null
  class: 'quy_dinh' | 'hanh_vi'
  category: 'nhung_nhieu' | 'them_giay_to' | 'yeu_cau_vneid' | 'cham_tre' | 'thai_do' | 'khac'
  received: string
  due: string
  handled?: string | null
  satisfied?: boolean | null
  updated?: string
}

export async function insertComplaints(ch: ChStore, rows: ComplaintFixture[]): Promise<void> {
  if (!rows.length) return
  const values = rows.map((c) => ({
    complaint_id: c.id,
    commune_code: c.commune,
    dossier_id: c.dossier ?? null,
    class: c.class,
    category: c.category,
    received_at: vnTime(c.received),
    due_at: vnTime(c.due),
    handled_at: opt(c.handled),
    satisfied: c.satisfied ?? null,
    updated_at: c.updated ? vnTime(c.updated) : latest(c.received, c.handled),
  }))
  await ch.client.insert({ table: 'complaints', values, format: 'JSONEachRow' })
}

export interface TicketFixture {
  id: string
  commune: string
  counter?: string
  taken: string
  called?: string | null
  done?: string | null
}

export async function insertQueueTickets(ch: ChStore, rows: TicketFixture[]): Promise<void> {
  if (!rows.length) return
  const values = rows.map((t) => ({
    ticket_id: t.id,
    commune_code: t.commune,
    counter: t.counter ?? '1',
    taken_at: vnTime(t.taken),
    called_at: opt(t.called),
    done_at: opt(t.done),
    updated_at: latest(t.taken, t.called, t.done),
  }))
  await ch.client.insert({ table: 'queue_tickets', values, format: 'JSONEachRow' })
}

export interface StaffingDayFixture {
  commune: string
  day: string
  officers: number
  fte?: number
  secondedIn?: number
  counters?: number
}

export async function insertStaffingDaily(ch: ChStore, rows: StaffingDayFixture[]): Promise<void> {
  if (!rows.length) return
  const values = rows.map((r) => ({
    commune_code: r.commune,
    day: r.day,
    officers: r.officers,
    fte: r.fte ?? r.officers,
    seconded_in: r.secondedIn ?? 0,
    counters: r.counters ?? Math.max(1, r.officers - 1),
    snapshot_at: `${r.day} 23:00:00`,
  }))
  await ch.client.insert({ table: 'staffing_daily', values, format: 'JSONEachRow' })
}

export interface EquipmentDayFixture {
  commune: string
  day: string
  type: string
  working: number
  broken?: number
}

export async function insertEquipmentDaily(ch: ChStore, rows: EquipmentDayFixture[]): Promise<void> {
  if (!rows.length) return
  const values = rows.map((r) => ({
    commune_code: r.commune,
    day: r.day,
    type_code: r.type,
    working: r.working,
    broken: r.broken ?? 0,
    snapshot_at: `${r.day} 23:00:00`,
  }))
  await ch.client.insert({ table: 'equipment_daily', values, format: 'JSONEachRow' })
}
