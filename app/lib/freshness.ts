/**
 * Is a job late against its schedule? The last time the job should have started comes from the same cron
 * library the scheduler uses (db/lib/cron.ts, croner, in Asia/Ho_Chi_Minh); a job is late when its last
 * successful run started before that time (with a grace period for a run in progress).
 */
import { cronSchedule, previousFire } from '../../db/lib/cron.ts'

export { previousFire }

export interface CronMatcher {
  matches(d: Date): boolean
}

/** Whether an instant is a fire time of `expr` (throws on an invalid expression). */
export function parseCron(expr: string): CronMatcher {
  const schedule = cronSchedule(expr)
  return { matches: (d: Date) => schedule.match(d) }
}

export interface JobFreshness {
  job: string
  schedule: string
  lastSuccessAt: string | null
  lastRunAt: string | null
  lastStatus: string | null
  /** When the job should last have started (minus grace). */
  expectedSince: string | null
  late: boolean
}

/**
 * `grace` covers a run that started on time and is still going: a job is only late when it missed a
 * scheduled start that is more than `graceMs` in the past. `startedAt` is when this process (and its
 * scheduler) started: a start that fell before it could not have been run by it, so the job is then late
 * only if it also missed the scheduled start before that one (a restart does not raise a false alarm, a
 * job that keeps not running still does).
 */
export function assessFreshness(
  job: { name: string; schedule: string },
  lastSuccess: Date | null,
  lastRun: { at: Date; status: string } | null,
  now: Date,
  graceMs = 15 * 60_000,
  startedAt: Date | null = null,
): JobFreshness {
  const expected = previousFire(job.schedule, new Date(now.getTime() - graceMs))
  const missed = (t: Date) => lastSuccess === null || lastSuccess.getTime() < t.getTime() - 60_000
  let late = expected !== null && missed(expected)
  if (late && expected && startedAt && expected.getTime() < startedAt.getTime()) {
    const before = previousFire(job.schedule, new Date(expected.getTime() - 60_000))
    late = lastSuccess !== null && before !== null && missed(before)
  }
  return {
    job: job.name,
    schedule: job.schedule,
    lastSuccessAt: lastSuccess?.toISOString() ?? null,
    lastRunAt: lastRun?.at.toISOString() ?? null,
    lastStatus: lastRun?.status ?? null,
    expectedSince: expected?.toISOString() ?? null,
    late,
  }
}
