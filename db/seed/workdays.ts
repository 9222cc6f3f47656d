/**
 * Copies the working-day calendar (Postgres `holidays`, which admins extend each year) into ClickHouse
 * `workdays`, so SQL can count working days with the same definition as db/lib/workdays.ts.
 */
import type { ChStore } from '../clickhouse/client.ts'
import type { Db } from '../pg/client.ts'
import { holidays } from '../pg/schema/index.ts'
import { WorkCalendar, WORKDAY_EPOCH, addDays } from '../lib/workdays.ts'

export const CALENDAR_END = '2030-12-31'

export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.select({ date: holidays.date, kind: holidays.kind, name: holidays.name }).from(holidays)
  return new WorkCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as 'holiday' | 'day_off' | 'makeup_workday', name: r.name })))
}

export async function rebuildWorkdays(db: Db, ch: ChStore): Promise<number> {
  const cal = await loadCalendar(db)
  const builtAt = new Date().toISOString()
  const values: { day: string; is_working: number; seq: number; built_at: string }[] = []
  for (let d = WORKDAY_EPOCH; d <= CALENDAR_END; d = addDays(d, 1))
    values.push({ day: d, is_working: cal.isWorkingDay(d) ? 1 : 0, seq: cal.workdaySeq(d), built_at: builtAt })
  await ch.client.insert({ table: 'workdays', values, format: 'JSONEachRow' })
  return values.length
}
