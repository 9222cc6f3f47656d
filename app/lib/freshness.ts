/**
 * Is a job late against its schedule? A small matcher for the cron expressions the jobs use (5 fields, or 6
 * with seconds as node-cron allows: `*`, lists, ranges, steps; evaluated in Asia/Ho_Chi_Minh, which has no
 * DST) finds the last time the job should have started; a job is late when its last successful run started
 * before that time (with a grace period for a run in progress).
 */

const OFFSET_MS = 7 * 3_600_000

function parseField(field: string, min: number, max: number): Set<number> {
  const out = new Set<number>()
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined]
    const step = stepText ? Number(stepText) : 1
    let lo = min
    let hi = max
    if (range !== '*') {
      const [a, b] = range.split('-')
      lo = Number(a)
      hi = b !== undefined ? Number(b) : stepText ? max : lo
    }
    if (![lo, hi, step].every(Number.isInteger) || step < 1) throw new Error(`bad cron field "${field}"`)
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return out
}

export interface CronMatcher {
  matches(d: Date): boolean
}

export function parseCron(expr: string): CronMatcher {
  const parts = expr.trim().split(/\s+/)
  const f = parts.length === 6 ? parts.slice(1) : parts
  if (f.length !== 5) throw new Error(`bad cron expression "${expr}"`)
  const [mi, h, dom, mo, dow] = [
    parseField(f[0]!, 0, 59),
    parseField(f[1]!, 0, 23),
    parseField(f[2]!, 1, 31),
    parseField(f[3]!, 1, 12),
    parseField(f[4]!, 0, 7),
  ]
  if (dow.has(7)) dow.add(0)
  const domStar = f[2] === '*'
  const dowStar = f[4] === '*'
  return {
    matches(d: Date) {
      const l = new Date(d.getTime() + OFFSET_MS)
      if (!mi.has(l.getUTCMinutes()) || !h.has(l.getUTCHours()) || !mo.has(l.getUTCMonth() + 1)) return false
      const okDom = dom.has(l.getUTCDate())
      const okDow = dow.has(l.getUTCDay())
      // Standard cron: when both day fields are restricted, either may match.
      return domStar || dowStar ? okDom && okDow : okDom || okDow
    },
  }
}

/** The latest minute ≤ `before` at which the expression fires (searching back up to `maxDays`). */
export function previousFire(expr: string, before: Date, maxDays = 40): Date | null {
  const m = parseCron(expr)
  let t = Math.floor(before.getTime() / 60_000) * 60_000
  const stop = t - maxDays * 86_400_000
  for (; t >= stop; t -= 60_000) if (m.matches(new Date(t))) return new Date(t)
  return null
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
