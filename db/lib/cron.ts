/**
 * Cron expressions, one library for everything (croner, ADR 014): the ETL scheduler's ticks and the
 * freshness banner's "when should this job last have run" read the same expression the same way, in
 * Asia/Ho_Chi_Minh. 5 fields, or 6 with seconds; names (`MON-FRI`, `JAN`), lists, ranges and steps; when both
 * day fields are restricted, either may match (standard cron).
 */
import { Cron } from 'croner'
import { VN_TIME_ZONE } from './vn-time.ts'

const OPTIONS = { timezone: VN_TIME_ZONE, mode: '5-or-6-parts' } as const

/** A schedule for computing fire times (never fires). Throws with the expression in the message when invalid. */
export function cronSchedule(expr: string): Cron {
  try {
    return new Cron(expr.trim(), { ...OPTIONS, paused: true })
  } catch (e) {
    throw new Error(`invalid cron expression "${expr}": ${(e as Error).message}`, { cause: e })
  }
}

export function isValidCron(expr: string): boolean {
  try {
    cronSchedule(expr)
    return true
  } catch {
    return false
  }
}

/** The latest fire time at or before `at` (null if none in the last `maxDays` days). */
export function previousFire(expr: string, at: Date, maxDays = 40): Date | null {
  const [t] = cronSchedule(expr).previousRuns(1, new Date(at.getTime() + 1))
  return t && t.getTime() >= at.getTime() - maxDays * 86_400_000 ? t : null
}

/** The first fire time after `after`. */
export function nextFire(expr: string, after: Date): Date | null {
  return cronSchedule(expr).nextRun(after)
}

export interface Ticking {
  stop(): void
}

/**
 * Calls `onTick` with each scheduled time of `expr` (the fire time it was scheduled for, not the moment the
 * timer woke up). A tick whose previous `onTick` is still running is not dropped: `onTick` decides.
 */
export function everyTick(expr: string, onTick: (scheduledAt: Date) => void, name?: string): Ticking {
  const schedule = cronSchedule(expr)
  const job = new Cron(expr.trim(), { ...OPTIONS, name, catch: true }, (self) => {
    const firedAt = self.currentRun() ?? new Date()
    onTick(schedule.previousRuns(1, new Date(firedAt.getTime() + 1))[0] ?? firedAt)
  })
  return { stop: () => job.stop() }
}
