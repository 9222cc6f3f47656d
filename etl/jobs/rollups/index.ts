/**
 * After each load (triggered by the scheduler) and every 15 minutes as a safety net: recompute the rollups
 * for the days the loads touched (`refreshRollups`, KPI engine), then evaluate the alerts on them
 * (`evaluateAlerts`). The job keeps its own watermark: the newest `loaded_at` it has rolled up, so a
 * trigger that was lost (process stopped between a load and its rollups) is caught by the next run.
 * An explicit window (CLI --from/--to) recomputes those days and leaves the watermark alone.
 */
import { refreshRollups } from '../../../app/kpi/rollup.server.ts'
import { evaluateAlerts } from '../../../app/kpi/alerts.server.ts'
import type { JobDefinition } from '../../job.ts'
import { advanceWatermark, getWatermark } from '../../state/watermarks.ts'
import { isoVn, vnDay } from '../../validate/fields.ts'
import { changedRange, type RollupMark } from './range.ts'

export const rollupsJob: JobDefinition = {
  name: 'rollups',
  schedule: '*/15 * * * *',
  description: 'Tổng hợp theo xã × ngày và cảnh báo / rollups per commune × day, then alerts',
  async run({ stores, window, log, options }) {
    let fromDay: string
    let toDay: string
    let mark: RollupMark | null = null
    if (window.from) {
      fromDay = vnDay(window.from.getTime())
      toDay = window.to ? vnDay(window.to.getTime() - 1) : vnDay(Date.now())
    } else {
      const wm = await getWatermark(stores.pg.db, 'rollups')
      const prev = wm ? { at: wm.at.getTime(), seen: Number(wm.lastId ?? -1) } : null
      const range = await changedRange(stores, prev, options?.overlapMs)
      if (!range) {
        const alerts = await evaluateAlerts(stores)
        return { job: 'rollups', read: 0, loaded: 0, rejected: {}, watermark: wm ? isoVn(wm.at.getTime()) : null, alerts }
      }
      ;({ fromDay, toDay, mark } = range)
    }
    log?.info('refreshing rollups', { fromDay, toDay })
    const rollups = await refreshRollups(stores, { fromDay, toDay })
    const alerts = await evaluateAlerts(stores)
    let watermark: string | null = null
    if (mark !== null) watermark = isoVn((await advanceWatermark(stores.pg.db, 'rollups', new Date(mark.at), String(mark.seen))).getTime())
    else {
      const wm = await getWatermark(stores.pg.db, 'rollups')
      watermark = wm ? isoVn(wm.at.getTime()) : null
    }
    const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000) + 1
    return { job: 'rollups', read: days, loaded: days, rejected: {}, watermark, fromDay, toDay, rollups, alerts }
  },
}
