/**
 * Staffing per commune and day (ClickHouse `staffing_daily`) from Postgres assignments, so load per officer
 * can be computed over time without joining Postgres. Call `snapshotStaffing(stores)` after editing
 * assignments (Home Affairs' decisions) to refresh today; the daily job does the same.
 *
 * On a day an active officer counts once, at the commune of the assignment covering that day; a secondment
 * or reallocation covering the day wins over the home assignment (the officer works there), and among
 * equals the latest `validFrom`. `seconded_in` counts officers there on a secondment. Counters are the
 * active counters of the commune's service points (counters have no history: today's count for every day).
 * Every commune of the province gets a row for every day, zero staff included: a gap is shown, not hidden.
 * Re-snapshotting a day replaces it (ReplacingMergeTree(snapshot_at)).
 */
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type { Stores } from '../../../db/stores.ts'
import { assignments, communes, counters, officers, servicePoints } from '../../../db/pg/schema/index.ts'
import { addDays } from '../../../db/lib/workdays.ts'
import { chTime, vnDay } from '../../../db/lib/vn-time.ts'
import { BatchWriter } from '../../load/insert.ts'
import { scratchRoot } from '../../load/scratch.ts'
import { inProvince } from '../../../db/pg/reads/communes.ts'

export interface DayRange {
  /** 'YYYY-MM-DD' (Asia/Ho_Chi_Minh); default today. */
  fromDay?: string
  /** Inclusive; default `fromDay`. */
  toDay?: string
}

export const STAFFING_COLUMNS = [
  ['commune_code', 'String'],
  ['day', 'Date'],
  ['officers', 'UInt16'],
  ['fte', 'Float32'],
  ['seconded_in', 'UInt16'],
  ['counters', 'UInt16'],
  ['snapshot_at', "DateTime64(3, 'Asia/Ho_Chi_Minh')"],
] as const

const MAX_DAYS = 3660

export async function snapshotStaffing(stores: Stores, range: DayRange = {}): Promise<{ days: number; rows: number }> {
  const db = stores.pg.db
  const province = stores.config.PROVINCE_CODE
  const fromDay = range.fromDay ?? vnDay(Date.now())
  const toDay = range.toDay ?? fromDay
  if (toDay < fromDay) throw new Error(`staffing snapshot: ${toDay} is before ${fromDay}`)
  const codes = (await db.select({ code: communes.code }).from(communes).where(inProvince(province))).map((c) => c.code)
  const provinceSet = new Set(codes)
  const rows = await db
    .select({
      id: assignments.id,
      officerId: assignments.officerId,
      commune: assignments.communeCode,
      kind: assignments.kind,
      validFrom: assignments.validFrom,
      validTo: assignments.validTo,
      fte: officers.fte,
    })
    .from(assignments)
    .innerJoin(officers, eq(officers.id, assignments.officerId))
    .where(
      and(eq(officers.active, true), lte(assignments.validFrom, toDay), or(isNull(assignments.validTo), gte(assignments.validTo, fromDay))),
    )
  const counterRows = await db
    .select({ commune: servicePoints.communeCode })
    .from(counters)
    .innerJoin(servicePoints, eq(servicePoints.id, counters.servicePointId))
    .where(eq(counters.active, true))
  const counterCount = new Map<string, number>()
  for (const r of counterRows) counterCount.set(r.commune, (counterCount.get(r.commune) ?? 0) + 1)

  const writer = new BatchWriter(
    stores.ch,
    { table: 'staffing_daily', columns: STAFFING_COLUMNS, comment: 'etl:staffing-snapshot' },
    undefined,
    {
      dir: scratchRoot(stores.config.dataDir),
    },
  )
  const snapshotAt = chTime(Date.now())
  const rank = (k: string) => (k === 'home' ? 0 : 1)
  let days = 0
  let written = 0
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    if (++days > MAX_DAYS) throw new Error(`staffing snapshot: more than ${MAX_DAYS} days asked`)
    const chosen = new Map<string, (typeof rows)[number]>()
    for (const a of rows) {
      if (a.validFrom > day || (a.validTo !== null && a.validTo < day)) continue
      const prev = chosen.get(a.officerId)
      if (
        !prev ||
        rank(a.kind) > rank(prev.kind) ||
        (rank(a.kind) === rank(prev.kind) && (a.validFrom > prev.validFrom || (a.validFrom === prev.validFrom && a.id > prev.id)))
      )
        chosen.set(a.officerId, a)
    }
    const per = new Map<string, { n: number; fte: number; sec: number }>()
    for (const a of chosen.values()) {
      if (!provinceSet.has(a.commune)) continue
      const p = per.get(a.commune) ?? { n: 0, fte: 0, sec: 0 }
      p.n++
      p.fte += a.fte
      if (a.kind === 'secondment') p.sec++
      per.set(a.commune, p)
    }
    for (const code of codes) {
      const p = per.get(code) ?? { n: 0, fte: 0, sec: 0 }
      writer.add([code, day, p.n, Math.round(p.fte * 1000) / 1000, p.sec, counterCount.get(code) ?? 0, snapshotAt])
      written++
    }
    if (writer.size >= 50_000) await writer.flush()
  }
  await writer.flush()
  return { days, rows: written }
}
