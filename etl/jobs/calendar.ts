/** Daily: copy the working-day calendar (which admins extend) from Postgres into ClickHouse. */
import { rebuildWorkdays } from '../../db/seed/workdays.ts'
import type { JobDefinition } from '../job.ts'

export const calendarJob: JobDefinition = {
  name: 'calendar',
  schedule: '10 0 * * *',
  description: 'Lịch ngày làm việc → ClickHouse / working-day calendar → ClickHouse',
  async run({ stores }) {
    const days = await rebuildWorkdays(stores.pg.db, stores.ch)
    return { job: 'calendar', read: days, loaded: days, rejected: {}, watermark: null }
  },
}
