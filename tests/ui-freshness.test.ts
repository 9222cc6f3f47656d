/** The stale-data banner's rule: a job is late when it missed a scheduled start (Asia/Ho_Chi_Minh). */
import { describe, expect, it } from 'vitest'
import { assessFreshness, parseCron, previousFire } from '../app/lib/freshness.ts'

describe('cron', () => {
  it('finds the last fire time of a 5-minute and a daily 00:10 (UTC+7) schedule', () => {
    const now = new Date('2026-11-24T10:07:30Z')
    expect(previousFire('*/5 * * * *', now)?.toISOString()).toBe('2026-11-24T10:05:00.000Z')
    // 00:10 in Hồ Chí Minh City is 17:10 UTC the day before.
    expect(previousFire('10 0 * * *', now)?.toISOString()).toBe('2026-11-23T17:10:00.000Z')
  })
  it('weekday ranges, lists and 6-field expressions', () => {
    const m = parseCron('0 30 8,14 * * 1-5')
    expect(m.matches(new Date('2026-11-24T01:30:00Z'))).toBe(true) // Tue 08:30 local
    expect(m.matches(new Date('2026-11-22T01:30:00Z'))).toBe(false) // Sunday
    expect(() => parseCron('* * *')).toThrow()
  })
})

describe('assessFreshness', () => {
  const job = { name: 'dossiers', schedule: '*/5 * * * *' }
  const now = new Date('2026-11-24T10:07:30Z')
  it('on time when the last success started after the last due start (15 min grace)', () => {
    const f = assessFreshness(job, new Date('2026-11-24T09:50:02Z'), { at: new Date('2026-11-24T10:05:00Z'), status: 'running' }, now)
    expect(f.expectedSince).toBe('2026-11-24T09:50:00.000Z')
    expect(f.late).toBe(false)
  })
  it('late when the last success is older, or there never was one', () => {
    expect(
      assessFreshness(job, new Date('2026-11-24T09:40:00Z'), { at: new Date('2026-11-24T10:05:00Z'), status: 'failed' }, now).late,
    ).toBe(true)
    const never = assessFreshness(job, null, null, now)
    expect(never.late).toBe(true)
    expect(never.lastSuccessAt).toBeNull()
  })
})

describe('assessFreshness after a restart', () => {
  const daily = { name: 'calendar', schedule: '10 0 * * *' }
  const now = new Date('2026-11-24T10:00:00Z') // 17:00 local
  const startedAt = new Date('2026-11-24T09:00:00Z') // after today's 00:10 local run was due
  it("a daily job that ran yesterday is not late just because the server started after today's run", () => {
    const f = assessFreshness(
      daily,
      new Date('2026-11-22T17:10:05Z'),
      { at: new Date('2026-11-22T17:10:00Z'), status: 'ok' },
      now,
      undefined,
      startedAt,
    )
    expect(f.expectedSince).toBe('2026-11-23T17:10:00.000Z')
    expect(f.late).toBe(false)
  })
  it('but it is late when it also missed the run before, or when the missed run fell after the start', () => {
    expect(assessFreshness(daily, new Date('2026-11-21T17:10:05Z'), null, now, undefined, startedAt).late).toBe(true)
    expect(assessFreshness(daily, new Date('2026-11-22T17:10:05Z'), null, now, undefined, new Date('2026-11-23T12:00:00Z')).late).toBe(true)
    // Never ran, and this process could not have run it yet: not (yet) late.
    expect(assessFreshness(daily, null, null, now, undefined, startedAt).late).toBe(false)
  })
})
