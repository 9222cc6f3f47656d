/**
 * Recomputes the load rollups for a day range: `commune_day_procedure` (dossiers by reception day and
 * procedure; sql/commune-day-procedure.ts) and `commune_hour_queue` (queue tickets by day and hour;
 * sql/commune-hour-queue.ts). The rollups job calls this after each load, next to `refreshRollups`
 * (commune-day.ts), with the days the load touched. Idempotent: re-running a range replaces its rows
 * (ReplacingMergeTree(computed_at)). The "late" column counts open dossiers overdue as of yesterday, so the
 * job should also refresh the recent weeks once a day for open dossiers to age into it.
 */
import { z } from 'zod'
import type { Stores } from '../../../db/stores.ts'
import { YmdDay } from '../../../db/lib/vn-time.ts'
import { rollupCommunes } from './commune-day.ts'
import { refreshCommuneDayProcedure } from './sql/commune-day-procedure.ts'
import { refreshCommuneHourQueue } from './sql/commune-hour-queue.ts'

const Ymd = YmdDay
const Range = z
  .object({ fromDay: Ymd, toDay: Ymd, communes: z.array(z.string().min(1)).optional() })
  .refine((r) => r.fromDay <= r.toDay, { message: 'fromDay must not be after toDay' })

export interface LoadRollupRange {
  fromDay: string
  toDay: string
  /** Default: the province's communes plus any commune that has dossiers (as refreshRollups). */
  communes?: string[]
}

export async function refreshLoadRollups(stores: Stores, range: LoadRollupRange): Promise<{ ms: number }> {
  const { fromDay, toDay, communes } = Range.parse(range)
  const t0 = performance.now()
  const log = 'job:rollups refreshLoadRollups'
  const scope = communes ?? (await rollupCommunes(stores))
  await refreshCommuneDayProcedure(stores.ch, { communes: scope, fromDay, toDay }, log)
  await refreshCommuneHourQueue(stores.ch, { communes: scope, fromDay, toDay }, log)
  return { ms: Math.round(performance.now() - t0) }
}
