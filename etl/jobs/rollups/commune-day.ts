/**
 * Rollups for the dashboard and the KPI API (decision 003): `commune_day` — one row per commune × day with
 * the day's flows (received, finished early / on time / late, …), the end-of-day stock of open dossiers
 * (not yet due / nearly due / overdue, ageing buckets), the processing-time histogram, the counter ratings,
 * the dossier-level dissatisfaction counts of the 766 index, and how many events come from synthetic data
 * (synthetic_events). Definitions: db/clickhouse/dossier-facts.ts; the SQL: sql/commune-day.ts.
 *
 * `refreshRollups` recomputes a day range from `dossiers FINAL` / `ratings FINAL` / `complaints FINAL`.
 * It is idempotent (ReplacingMergeTree(computed_at); every commune × day of the range is rewritten, zeros
 * included) and exact under re-delivered and out-of-order versions.
 *
 * Which range to refresh after a load: from the earliest reception day of the dossiers the load changed
 * (their end-of-day stock changes from then on) up to today; after a ratings or complaints load, from the
 * earliest reception day of the dossiers they name (the dissatisfaction counts follow the dossier) and the
 * rating days. Days after today are allowed (the stock is then a projection with today's knowledge).
 */
import { z } from 'zod'
import { provinceCommunes } from '../../../db/pg/reads/communes.ts'
import type { Stores } from '../../../db/stores.ts'
import { addDays, ymdToDayNumber } from '../../../db/lib/workdays.ts'
import { YmdDay } from '../../../db/lib/vn-time.ts'
import { NEARLY_DUE_WORKING_DAYS } from '../../../db/clickhouse/dossier-facts.ts'
import { refreshCommuneDay } from './sql/commune-day.ts'
import { dossierCommunes } from './sql/communes.ts'

/** Longest range recomputed by one statement (bounds the size of the commune × day grid). */
const CHUNK_DAYS = 366

const Ymd = YmdDay

const RefreshOptions = z
  .object({
    fromDay: Ymd,
    toDay: Ymd,
    communes: z.array(z.string().min(1)).optional(),
    nearlyDueDays: z.number().int().min(0).max(30).optional(),
  })
  .refine((o) => o.fromDay <= o.toDay, { message: 'fromDay must not be after toDay' })

export interface RefreshRollupsOptions {
  fromDay: string
  toDay: string
  /** Default: every commune of the province plus any other commune that has dossiers. */
  communes?: string[]
  /** Default NEARLY_DUE_WORKING_DAYS. */
  nearlyDueDays?: number
}

/** Recomputes `commune_day` for [fromDay, toDay] (inclusive). Returns the days covered and rows written. */
export async function refreshRollups(stores: Stores, opts: RefreshRollupsOptions): Promise<{ days: number; rows: number }> {
  const o = RefreshOptions.parse(opts)
  const scope = o.communes ?? (await rollupCommunes(stores))
  const days = ymdToDayNumber(o.toDay) - ymdToDayNumber(o.fromDay) + 1
  if (scope.length === 0) return { days, rows: 0 }
  for (let start = o.fromDay; start <= o.toDay; start = addDays(start, CHUNK_DAYS)) {
    const end = [addDays(start, CHUNK_DAYS - 1), o.toDay].sort()[0]!
    await refreshCommuneDay(
      stores.ch,
      {
        communes: scope,
        from: start,
        to: end,
        days: ymdToDayNumber(end) - ymdToDayNumber(start) + 1,
        nearlyDueDays: o.nearlyDueDays ?? NEARLY_DUE_WORKING_DAYS,
      },
      'job:rollups refreshRollups',
    )
  }
  return { days, rows: days * scope.length }
}

/** The province's communes (Postgres) plus any commune code present in dossiers. */
export async function rollupCommunes(stores: Stores): Promise<string[]> {
  const [own, seen] = await Promise.all([
    provinceCommunes(stores.pg.db, stores.config.PROVINCE_CODE),
    dossierCommunes(stores.ch, {}, 'job:rollups rollupCommunes'),
  ])
  return [...new Set([...own.map((r) => r.code), ...seen.map((r) => r.commune_code)])].sort()
}
