/**
 * Recomputes the part-2 rollups for a day range: `commune_day_procedure` (dossiers by reception day and
 * procedure; refresh-procedure.ts) and `commune_hour_queue` (queue tickets by day and hour;
 * refresh_commune_hour_queue.sql). The rollups job calls this after each load, next to part 1's
 * `refreshRollups`, with the days the load touched. Idempotent: re-running a range replaces its rows
 * (ReplacingMergeTree(computed_at)). The "late" column counts open dossiers overdue as of yesterday, so the
 * job should also refresh the recent weeks once a day for open dossiers to age into it.
 */
import { z } from 'zod'
import type { Stores } from '../../../db/stores.ts'
import { rollupCommunes } from '../rollup.server.ts'
import { REFRESH_COMMUNE_DAY_PROCEDURE } from './refresh-procedure.ts'
import { chExec } from './run.server.ts'

const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const Range = z
  .object({ fromDay: Ymd, toDay: Ymd, communes: z.array(z.string().min(1)).optional() })
  .refine((r) => r.fromDay <= r.toDay, { message: 'fromDay must not be after toDay' })

export interface LoadRollupRange {
  fromDay: string
  toDay: string
  /** Default: the province's communes plus any commune that has dossiers (as part 1's refreshRollups). */
  communes?: string[]
}

export async function refreshLoadRollups(stores: Stores, range: LoadRollupRange): Promise<{ ms: number }> {
  const { fromDay, toDay, communes } = Range.parse(range)
  const t0 = performance.now()
  const log = 'job:rollups refreshLoadRollups'
  const scope = communes ?? (await rollupCommunes(stores))
  await stores.ch.client.command({
    query: REFRESH_COMMUNE_DAY_PROCEDURE,
    query_params: { communes: scope, fromDay, toDay },
    clickhouse_settings: { log_comment: log },
  })
  await chExec(stores.ch, 'refresh_commune_hour_queue', { communes: scope, fromDay, toDay }, log)
  return { ms: Math.round(performance.now() - t0) }
}
