/** Daily (and after assignment edits, via `snapshotStaffing`): staffing per commune into `staffing_daily`. */
import type { JobDefinition } from '../../job.ts'
import { vnDay } from '../../../db/lib/vn-time.ts'
import { snapshotStaffing } from './snapshot.ts'

export { snapshotStaffing, type DayRange } from './snapshot.ts'

export const staffingSnapshotJob: JobDefinition = {
  name: 'staffing-snapshot',
  schedule: '20 0 * * *',
  description: 'Ảnh chụp nhân sự theo ngày / daily staffing snapshot',
  async run({ stores, window }) {
    // A window snapshots each of its days (assignments have history), up to today if open-ended; none = today.
    const fromDay = window.from ? vnDay(window.from.getTime()) : undefined
    const toDay = window.to ? vnDay(window.to.getTime() - 1) : fromDay ? vnDay(Date.now()) : undefined
    const r = await snapshotStaffing(stores, { fromDay, toDay })
    return { job: 'staffing-snapshot', read: r.rows, loaded: r.rows, rejected: {}, watermark: null, days: r.days }
  },
}
