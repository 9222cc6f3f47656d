/**
 * Which days the rollups must recompute: every day from the earliest business day (reception, rating,
 * complaint or ticket day, and the reception day of a dossier a new rating or complaint names) of any row
 * loaded since the last rollups run, up to today — a changed dossier moves the open-stock counts of every
 * day after its reception (commune-day.ts says the same).
 *
 * Only the communes those rows belong to are recomputed over that range (a late update of one old dossier no
 * longer recomputes the whole province's history); today is recomputed for every commune.
 *
 * The mark is the newest `loaded_at` seen. A batch inserted concurrently can commit *after* a run with a
 * slightly older `loaded_at`, so the run also remembers how many rows it saw in the 2 minutes up to its mark;
 * the next run looks back those 2 minutes only if that count has changed since (a late commit), and
 * otherwise starts strictly after the mark — so an idle re-run recomputes nothing.
 */
import type { Stores } from '../../../db/stores.ts'
import { vnDay } from '../../../db/lib/vn-time.ts'
import { changedRows, loadedBetween } from './sql/changed.ts'

export const ROLLUP_LOOKBACK_MS = 2 * 60_000

export interface RollupMark {
  /** Epoch ms of the newest loaded_at covered. */
  at: number
  /** Rows seen with loaded_at in (at − look-back, at] when it was set. */
  seen: number
}

export interface RollupRange {
  fromDay: string
  toDay: string
  /** The communes whose rows changed: only their rollups can differ before today. */
  communes: string[]
  mark: RollupMark
}

const caller = 'etl:rollups changedRange'

async function countBetween(stores: Stores, fromMs: number, toMs: number): Promise<number> {
  return (await loadedBetween(stores.ch, { from: fromMs, to: toMs }, caller))[0]!.n
}

/** Where the next run starts (epoch ms): the mark, or the look-back before it when a late commit landed there. */
export async function changedSince(stores: Stores, prev: RollupMark | null, lookbackMs = ROLLUP_LOOKBACK_MS): Promise<number> {
  if (!prev) return 0
  return (await countBetween(stores, prev.at - lookbackMs, prev.at)) === prev.seen ? prev.at : prev.at - lookbackMs
}

/** The mark to store after a run that covered rows up to `at` (epoch ms). */
export async function markAt(stores: Stores, at: number, lookbackMs = ROLLUP_LOOKBACK_MS): Promise<RollupMark> {
  return { at, seen: await countBetween(stores, at - lookbackMs, at) }
}

export async function changedRange(stores: Stores, prev: RollupMark | null, lookbackMs = ROLLUP_LOOKBACK_MS): Promise<RollupRange | null> {
  const since = await changedSince(stores, prev, lookbackMs)
  const [row] = await changedRows(stores.ch, { since }, caller)
  if (!row || row.n === 0 || row.from_day === null || row.mark === null) return null
  const today = vnDay(Date.now())
  return {
    fromDay: row.from_day < today ? row.from_day : today,
    toDay: today,
    communes: row.communes,
    mark: await markAt(stores, row.mark, lookbackMs),
  }
}
