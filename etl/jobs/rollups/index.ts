/**
 * After each load (triggered by the scheduler) and every 15 minutes as a safety net: recompute the rollup cells
 * the loads changed (cells.ts, ADR 040: only those (commune, day) cells, reading only their dossiers; the first
 * run, with no watermark yet, recomputes the days the loads touched by range: `refreshRollups`,
 * `refreshLoadRollups`), today for every commune once a day (the open stock moves with the calendar), then run the steps registered to
 * follow them (after.ts: the alert rules, registered by the composition root). The job keeps its own watermark: the newest `loaded_at` it has rolled up, so a
 * trigger that was lost (process stopped between a load and its rollups) is caught by the next run.
 * An explicit window (CLI --from/--to) recomputes those days and leaves the watermark alone.
 */
import { refreshRollups } from './commune-day.ts'
import { refreshLoadRollups } from './load-rollups.ts'
import type { Stores } from '../../../db/stores.ts'
import type { JobDefinition } from '../../job.ts'
import { advanceWatermark, getWatermark } from '../../state/watermarks.ts'
import { isoVn, vnDay } from '../../../db/lib/vn-time.ts'
import { runAfterRollups } from './after.ts'
import { changedRange, changedSince, markAt, type RollupMark } from './range.ts'
import { refreshChangedCells } from './cells.ts'

/** The job state that remembers the last day whose cells were recomputed for every commune (`rollToday`). */
const DAY_ROLL = 'rollups-day'

/**
 * Every rollup the dashboard reads: commune × day, then the load rollups (commune × day × procedure, commune × hour queue).
 * With `communes`, the range is recomputed for those communes only, and today for every commune (whose
 * open stock moves with the clock even when nothing of theirs changed).
 */
async function refreshAll(stores: Stores, fromDay: string, toDay: string, communes?: string[]) {
  const scope = communes?.length ? communes : undefined
  const both = async (range: { fromDay: string; toDay: string; communes?: string[] }) => {
    const rollups = await refreshRollups(stores, range)
    const load = await refreshLoadRollups(stores, range)
    return { ...rollups, loadMs: load.ms }
  }
  const changed = await both({ fromDay, toDay, communes: scope })
  if (!scope || fromDay === toDay) return { ...changed, communes: scope?.length ?? null }
  const today = await both({ fromDay: toDay, toDay })
  return { days: changed.days, rows: changed.rows + today.rows, communes: scope.length, loadMs: changed.loadMs + today.loadMs }
}

/**
 * Today for every commune, once a day: a commune with no change today still has open dossiers whose end-of-day
 * stock must appear on today's row. Returns the rows written (0 when today was already done).
 */
async function rollToday(stores: Stores, today: string): Promise<number> {
  const done = await getWatermark(stores.pg.db, DAY_ROLL)
  if (done && vnDay(done.at.getTime()) >= today) return 0
  const at = new Date()
  const r = await refreshAll(stores, today, today)
  await advanceWatermark(stores.pg.db, DAY_ROLL, at, null)
  return r.rows
}

/** Days whose open-dossier stock moves with time alone (a dossier becomes nearly due, then overdue). */
export const RECENT_DAYS = 60

/**
 * Nightly: recompute the RECENT_DAYS days up to the tick's scheduled day even if no record changed, because
 * end-of-day stock and the "late" counts of still-open dossiers change as the calendar moves.
 */
export const rollupsRecentJob: JobDefinition = {
  name: 'rollups-recent',
  schedule: '30 0 * * *',
  description: 'Tổng hợp lại 60 ngày gần nhất hằng đêm / nightly recompute of the last 60 days',
  async run({ stores, scheduledAt }) {
    // The days before the tick's scheduled time: a tick run late (after waiting for loads) or caught up after
    // a busy one still covers the days it was due for.
    const due = (scheduledAt ?? new Date()).getTime()
    const toDay = vnDay(due)
    const fromDay = vnDay(due - RECENT_DAYS * 86_400_000)
    const rollups = await refreshAll(stores, fromDay, toDay)
    await advanceWatermark(stores.pg.db, DAY_ROLL, new Date(due), null)
    const after = await runAfterRollups(stores)
    return {
      job: 'rollups-recent',
      read: RECENT_DAYS + 1,
      loaded: RECENT_DAYS + 1,
      rejected: {},
      watermark: null,
      fromDay,
      toDay,
      rollups,
      ...after,
    }
  },
}

export const rollupsJob: JobDefinition = {
  name: 'rollups',
  schedule: '*/15 * * * *',
  description: 'Tổng hợp theo xã × ngày và cảnh báo / rollups per commune × day, then alerts',
  async run({ stores, window, log, options }) {
    let fromDay: string
    let toDay: string
    let communes: string[] | undefined
    let mark: RollupMark | null = null
    if (window.from) {
      fromDay = vnDay(window.from.getTime())
      toDay = window.to ? vnDay(window.to.getTime() - 1) : vnDay(Date.now())
    } else {
      const wm = await getWatermark(stores.pg.db, 'rollups')
      const prev = wm ? { at: wm.at.getTime(), seen: Number(wm.lastId ?? -1) } : null
      if (prev) return await runCells(stores, prev, options?.overlapMs, log)
      const range = await changedRange(stores, prev, options?.overlapMs)
      if (!range) {
        const after = await runAfterRollups(stores)
        return { job: 'rollups', read: 0, loaded: 0, rejected: {}, watermark: wm ? isoVn(wm.at.getTime()) : null, ...after }
      }
      ;({ fromDay, toDay, mark, communes } = range)
    }
    log?.info('refreshing rollups', { fromDay, toDay, communes: communes?.length ?? 'all' })
    const rollups = await refreshAll(stores, fromDay, toDay, communes)
    if (toDay === vnDay(Date.now())) await advanceWatermark(stores.pg.db, DAY_ROLL, new Date(), null)
    const after = await runAfterRollups(stores)
    let watermark: string | null
    if (mark !== null) watermark = isoVn((await advanceWatermark(stores.pg.db, 'rollups', new Date(mark.at), String(mark.seen))).getTime())
    else {
      const wm = await getWatermark(stores.pg.db, 'rollups')
      watermark = wm ? isoVn(wm.at.getTime()) : null
    }
    const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000) + 1
    return { job: 'rollups', read: days, loaded: days, rejected: {}, watermark, fromDay, toDay, rollups, ...after }
  },
}

/** A run after an earlier one: the changed cells only (cells.ts), then today for every commune once a day. */
async function runCells(stores: Stores, prev: RollupMark, overlapMs: number | undefined, log: Parameters<JobDefinition['run']>[0]['log']) {
  const wm = () => isoVn(prev.at)
  const today = vnDay(Date.now())
  const cells = await refreshChangedCells(stores, await changedSince(stores, prev, overlapMs), today)
  if (cells.mark === null) {
    const after = await runAfterRollups(stores)
    return { job: 'rollups', read: 0, loaded: 0, rejected: {}, watermark: wm(), ...after }
  }
  log?.info('refreshed rollup cells', { cells: cells.cells, communes: cells.communes, ms: cells.ms })
  const todayRows = await rollToday(stores, today)
  const after = await runAfterRollups(stores)
  const mark = await markAt(stores, cells.mark, overlapMs)
  const watermark = isoVn((await advanceWatermark(stores.pg.db, 'rollups', new Date(mark.at), String(mark.seen))).getTime())
  return {
    job: 'rollups',
    read: cells.cells,
    loaded: cells.cells,
    rejected: {},
    watermark,
    fromDay: cells.fromDay ?? today,
    toDay: today,
    rollups: { ...cells, rows: cells.cells + todayRows, todayRows },
    ...after,
  }
}
