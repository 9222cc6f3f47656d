/**
 * The dossiers behind a count (issue 14 item 4, ADR 026) and a commune's worklist. The rows come from
 * queries/dossier-list.ts, whose class conditions are the counts' own (db/clickhouse/dossier-facts.ts), so a
 * list of class C for a commune and period has exactly as many rows as the count C shown for them.
 * Officers are named from Postgres (officers.full_name: staff, not citizens); no citizen data is read.
 */
import { inArray } from 'drizzle-orm'
import { officers } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { NEARLY_DUE_WORKING_DAYS } from '../../db/clickhouse/dossier-facts.ts'
import { dossierCountQuery, dossierListQuery, type DossierClass, type DossierListRow, type DossierSort } from './queries/dossier-list.ts'
import { todayVn } from './period.ts'
import { KpiQuery, resolveScope } from './scope.server.ts'

export { DOSSIER_CLASSES, DOSSIER_SORTS, type DossierClass, type DossierSort } from './queries/dossier-list.ts'

export interface DossierItem {
  commune: string
  dossierId: string
  procedureCode: string
  procedureName: string
  /** 1 in person, 2 online, 3 postal. */
  channel: number
  /** Source status 1…10 (docs/design.md §3). */
  status: number
  officerId: string
  /** The officer's name, or null when the id is not in the staff register. */
  officerName: string | null
  supplementCount: number
  /** Calendar days 'YYYY-MM-DD' (Asia/Ho_Chi_Minh); '' when none. */
  receivedDay: string
  dueDay: string
  endedDay: string
  /** Working days past the effective due day (at the end of processing, or at `asOf` while open). */
  overdueDays: number
  /** For ratings / complaints: the day of the rating or complaint, and its level / category. */
  eventDay: string
  note: string
}

export interface DossierList {
  cls: DossierClass
  from: string
  to: string
  /** The stock day the in-process classes are read at: `to`, or today when the period runs past it. */
  asOf: string
  total: number
  page: number
  pageSize: number
  items: DossierItem[]
}

export interface DossierListQuery extends KpiQuery {
  cls: DossierClass
  sort?: DossierSort
  desc?: boolean
  /** 1-based. */
  page?: number
  pageSize?: number
  /** When given, only these communes (a commune user's scope), intersected with `commune`/the province. */
  allowed?: 'all' | string[]
}

/** The in-process stock is that of the period's last day, or of today for a period running into the future. */
export function stockDay(to: string, today = todayVn()): string {
  return to < today ? to : today
}

async function officerNames(stores: Stores, ids: string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids.filter(Boolean))]
  if (uniq.length === 0) return new Map()
  const rows = await stores.pg.db.select({ id: officers.id, name: officers.fullName }).from(officers).where(inArray(officers.id, uniq))
  return new Map(rows.map((r) => [r.id, r.name]))
}

function itemOf(r: DossierListRow, names: Map<string, string>): DossierItem {
  return {
    commune: r.commune_code,
    dossierId: r.dossier_id,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    channel: r.channel,
    status: r.status,
    officerId: r.officer_id,
    officerName: names.get(r.officer_id) ?? null,
    supplementCount: r.supplement_count,
    receivedDay: r.received_day,
    dueDay: r.due_day,
    endedDay: r.ended_day,
    overdueDays: r.overdue_days ?? 0,
    eventDay: r.event_day,
    note: r.note,
  }
}

/** The communes a list covers: the one asked for (or the province), limited to what the caller may see. */
async function listCommunes(stores: Stores, commune: string | undefined, allowed: 'all' | string[]): Promise<string[]> {
  const scope = await resolveScope(stores, commune)
  return allowed === 'all' ? scope.codes : scope.codes.filter((c) => allowed.includes(c))
}

/** One page of the dossiers of a class, with the class's total (= the count the pages show). */
export async function listDossiers(stores: Stores, q: DossierListQuery): Promise<DossierList> {
  const { commune, from, to } = KpiQuery.parse(q)
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 100_000)
  const page = Math.max(q.page ?? 1, 1)
  const asOf = stockDay(to)
  const communes = await listCommunes(stores, commune, q.allowed ?? 'all')
  const base = { communes, from, to, asOf, nearlyDueDays: NEARLY_DUE_WORKING_DAYS }
  if (communes.length === 0) return { cls: q.cls, from, to, asOf, total: 0, page, pageSize, items: [] }
  const [count, rows] = await Promise.all([
    dossierCountQuery(q.cls)(stores.ch, base, 'kpi:listDossiers'),
    dossierListQuery(q.cls, q.sort ?? 'received', q.desc ?? false)(
      stores.ch,
      { ...base, limit: pageSize, offset: (page - 1) * pageSize },
      'kpi:listDossiers',
    ),
  ])
  const names = await officerNames(
    stores,
    rows.map((r) => r.officer_id),
  )
  return { cls: q.cls, from, to, asOf, total: count[0]?.n ?? 0, page, pageSize, items: rows.map((r) => itemOf(r, names)) }
}

export interface OfficerWork {
  officerId: string
  officerName: string | null
  overdue: DossierItem[]
  nearlyDue: DossierItem[]
}

export interface Worklist {
  commune: string
  asOf: string
  overdue: number
  nearlyDue: number
  /** By officer: most overdue first, then most nearly due; an unassigned dossier is under officer ''. */
  byOfficer: OfficerWork[]
}

/** A commune's open overdue and nearly-due dossiers at the end of `day` (default today), by officer. */
export async function getWorklist(stores: Stores, commune: string, day = todayVn(), limit = 500): Promise<Worklist> {
  const q = { commune, from: day, to: day, sort: 'overdue_days' as const, desc: true, pageSize: limit }
  const [od, nd] = await Promise.all([
    listDossiers(stores, { ...q, cls: 'in_process_overdue' }),
    listDossiers(stores, { ...q, cls: 'in_process_nearly_due', sort: 'due', desc: false }),
  ])
  const by = new Map<string, OfficerWork>()
  const slot = (d: DossierItem) => {
    let w = by.get(d.officerId)
    if (!w) by.set(d.officerId, (w = { officerId: d.officerId, officerName: d.officerName, overdue: [], nearlyDue: [] }))
    return w
  }
  for (const d of od.items) slot(d).overdue.push(d)
  for (const d of nd.items) slot(d).nearlyDue.push(d)
  const byOfficer = [...by.values()].sort(
    (a, b) => b.overdue.length - a.overdue.length || b.nearlyDue.length - a.nearlyDue.length || a.officerId.localeCompare(b.officerId),
  )
  return { commune, asOf: od.asOf, overdue: od.total, nearlyDue: nd.total, byOfficer }
}
