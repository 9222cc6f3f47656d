/** The registry of ETL jobs; the scheduler and the CLI both read it. */
import type { JobDefinition } from '../job.ts'
import { calendarJob } from './calendar.ts'

export const jobs: JobDefinition[] = [calendarJob]

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((j) => j.name === name)
}
