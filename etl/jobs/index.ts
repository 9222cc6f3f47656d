/** The registry of ETL jobs; the scheduler and the CLI both read it. */
import type { JobDefinition } from '../job.ts'
import { calendarJob } from './calendar.ts'
import { complaintsJob } from './complaints/index.ts'
import { dossiersJob } from './dossiers/index.ts'
import { dvcqgPushJob } from './dvcqg-push/index.ts'
import { equipmentSnapshotJob } from './equipment-snapshot/index.ts'
import { queueTicketsJob } from './queue-tickets/index.ts'
import { ratingsJob } from './ratings/index.ts'
import { reconcileJob } from './reconcile/index.ts'
import { reportsJob } from './reports.ts'
import { rollupsJob, rollupsRecentJob } from './rollups/index.ts'
import { staffingSnapshotJob } from './staffing-snapshot/index.ts'

export const jobs: JobDefinition[] = [
  calendarJob,
  dossiersJob,
  dvcqgPushJob,
  ratingsJob,
  complaintsJob,
  queueTicketsJob,
  staffingSnapshotJob,
  equipmentSnapshotJob,
  rollupsJob,
  rollupsRecentJob,
  reconcileJob,
  reportsJob,
]

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((j) => j.name === name)
}
