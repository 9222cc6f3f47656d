import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import { alertThresholds, alerts } from '../db/pg/schema/index.ts'
import { breachesOf, evaluateAlerts, listAlerts } from '../app/kpi/alerts.server.ts'
import { sayAlert } from '../app/i18n/messages.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { insertCommuneDay, insertComplaints } from './support/kpi2-fixtures.ts'

// Window: the 30 days ending Sun 31 August 2025 (2–31 August); carried over = open at the end of 1 August.
const A = '18880' // Đồng Hới — province thresholds
const B = '18871' // Đồng Sơn — its own late-rate thresholds (watch 40%, critical 50%)
const t1 = new Date('2025-08-31T10:00:00+07:00')
const t2 = new Date('2025-08-31T11:00:00+07:00')
const t3 = new Date('2025-08-31T12:00:00+07:00')
const t4 = new Date('2025-08-31T13:00:00+07:00')

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  for (const c of [A, B]) {
    await insertCommuneDay(s.ch, [
      { commune: c, day: '2025-08-01', notDue: 10 },
      // 20 received; 12 finished on time and 3 late; 6 ratings of 4, 2 of 5 and 2 of 1.
      {
        commune: c,
        day: '2025-08-15',
        received: 20,
        finishedOnTime: 12,
        finishedLate: 3,
        notDue: 15,
        ratings: c === A ? [2, 0, 0, 6, 2] : [0, 0, 0, 0, 0],
      },
      { commune: c, day: '2025-08-31', notDue: 10, overdue: 5 },
    ])
  }
  await insertComplaints(s.ch, [
    { id: 'k1', commune: A, category: 'nhung_nhieu', received: '2025-08-20 09:00:00' },
    { id: 'k1', commune: A, category: 'nhung_nhieu', received: '2025-08-20 09:00:00', updated: '2025-08-21 00:00:00' }, // re-sent: once
    { id: 'k2', commune: A, category: 'them_giay_to', received: '2025-08-21 09:00:00' },
    { id: 'k3', commune: B, category: 'nhung_nhieu', received: '2025-07-20 09:00:00' }, // before the window
  ])
  await s.pg.db.insert(alertThresholds).values({ kpi: 'late_rate', communeCode: B, op: 'above', watch: 0.4, critical: 0.5 })
})
afterAll(async () => s?.dispose())

const openOf = async (c: string) =>
  (
    await s.pg.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.communeCode, c), isNull(alerts.clearedAt)))
      .orderBy(alerts.kpi)
  ).map((a) => ({
    kpi: a.kpi,
    level: a.level,
    value: Math.round(a.value * 10_000) / 10_000,
    threshold: a.threshold,
    since: a.since.toISOString(),
    lastSeen: a.lastSeen.toISOString(),
  }))

describe('alerts: open, stay open with the same since, clear on recovery; thresholds per commune', () => {
  it('opens one alert per condition in breach, at the level crossed (default thresholds, ADR 024)', async () => {
    expect(await evaluateAlerts(s, { now: t1 })).toEqual({ opened: 3, cleared: 0, open: 3 })
    const since = t1.toISOString()
    // to process = 10 carried + 20 received = 30; late = (3 late + 5 overdue) / 30 = 26.7 % > 22 % → nghiêm trọng.
    // Lateness is watched by the late rate alone: no on-time alert repeats it (it was the pair late + on-time).
    expect(await openOf(A)).toEqual([
      { kpi: 'harassment_complaints', level: 'watch', value: 1, threshold: 0, since, lastSeen: since },
      { kpi: 'late_rate', level: 'critical', value: 0.2667, threshold: 0.22, since, lastSeen: since },
      { kpi: 'satisfied_share', level: 'watch', value: 0.8, threshold: 0.85, since, lastSeen: since }, // 8 of 10 rated 4–5
    ])
    // B: the same 26,7% late rate is under its own 40% watch threshold; no ratings → no satisfaction alert.
    expect(await openOf(B)).toEqual([])
  })

  it('a second evaluation with the same figures keeps `since` and moves `lastSeen`', async () => {
    expect(await evaluateAlerts(s, { now: t2 })).toEqual({ opened: 0, cleared: 0, open: 3 })
    const late = (await openOf(A)).find((a) => a.kpi === 'late_rate')!
    expect(late).toMatchObject({ since: t1.toISOString(), lastSeen: t2.toISOString() })
  })

  it('clears itself when the value recovers, and the list shows open alerts first', async () => {
    // Recomputed rollup rows (newer computed_at): nothing late, nothing overdue.
    await insertCommuneDay(s.ch, [
      {
        commune: A,
        day: '2025-08-15',
        received: 20,
        finishedOnTime: 15,
        notDue: 15,
        ratings: [2, 0, 0, 6, 2],
        computedAt: '2025-09-01 00:00:00',
      },
      { commune: A, day: '2025-08-31', notDue: 15, computedAt: '2025-09-01 00:00:00' },
    ])
    expect(await evaluateAlerts(s, { now: t3 })).toEqual({ opened: 0, cleared: 1, open: 2 })
    expect((await openOf(A)).map((a) => a.kpi)).toEqual(['harassment_complaints', 'satisfied_share'])
    const list = await listAlerts(s, { commune: A })
    // Open first; among the two theo dõi, the larger first: 2 ratings below satisfied, then 1 complaint.
    expect(list.map((a) => [a.kpi, a.level, a.size, a.clearedAt])).toEqual([
      ['satisfied_share', 'watch', 2, null],
      ['harassment_complaints', 'watch', 1, null],
      ['late_rate', 'critical', null, t3.toISOString()],
    ])
    expect(list[2]).toMatchObject({ communeName: 'Đồng Hới', since: t1.toISOString(), lastSeen: t2.toISOString() })
    expect(sayAlert('vi', list[2]!)).toBe('Tỷ lệ trễ hạn: 26,7% (ngưỡng nghiêm trọng 22%)')
    expect(sayAlert('en', list[2]!)).toBe('Late rate: 26.7% (critical threshold 22%)')
    expect(list[0]).toMatchObject({ sizeUnit: 'ratings' })
    expect(sayAlert('vi', list[0]!)).toBe('Tỷ lệ hài lòng: 80% (ngưỡng cần theo dõi 85%)')
    expect((await listAlerts(s, { open: true })).map((a) => a.commune)).toEqual([A, A])
  })

  it('a commune threshold edit takes effect at the next evaluation', async () => {
    await s.pg.db.insert(alertThresholds).values({ kpi: 'satisfied_share', communeCode: A, op: 'below', watch: 0.7, critical: 0.5 })
    expect(await evaluateAlerts(s, { now: t3 })).toEqual({ opened: 0, cleared: 1, open: 1 })
    expect((await openOf(A)).map((a) => a.kpi)).toEqual(['harassment_complaints'])
  })

  it('an on-time threshold an admin adds joins the lateness condition: one alert, the more severe, never the pair', async () => {
    // B: late 26.7 % (its own thresholds now watch 20 %, critical 30 % → theo dõi); on time 12 / 15 = 80 % < 85 % → nghiêm trọng.
    await s.pg.db.insert(alertThresholds).values({ kpi: 'on_time_rate', communeCode: null, op: 'below', watch: 0.9, critical: 0.85 })
    await s.pg.db
      .update(alertThresholds)
      .set({ watch: 0.2, critical: 0.3 })
      .where(and(eq(alertThresholds.kpi, 'late_rate'), eq(alertThresholds.communeCode, B)))
    expect(await evaluateAlerts(s, { now: t4 })).toEqual({ opened: 1, cleared: 0, open: 2 })
    expect((await openOf(B)).map((a) => [a.kpi, a.level])).toEqual([['on_time_rate', 'critical']])
    // Nghiêm trọng before theo dõi whatever the commune; size = B's 3 dossiers processed late.
    expect((await listAlerts(s, { open: true })).map((a) => [a.commune, a.kpi, a.level, a.size])).toEqual([
      [B, 'on_time_rate', 'critical', 3],
      [A, 'harassment_complaints', 'watch', 1],
    ])
  })

  it('on a tie of levels the late rate is kept (it also counts open overdue dossiers)', () => {
    const th = new Map([
      ['late_rate', { kpi: 'late_rate', op: 'above' as const, watch: 0.1, critical: 0.2, source: 'province' as const }],
      ['on_time_rate', { kpi: 'on_time_rate', op: 'below' as const, watch: 0.9, critical: 0.8, source: 'province' as const }],
    ])
    const v = {
      late_rate: 0.15,
      on_time_rate: 0.85,
      overdue_open: null,
      utilisation: null,
      satisfied_share: null,
      harassment_complaints: 0,
    }
    expect(Object.fromEntries(breachesOf(v, th))).toEqual({ late_rate: { level: 'watch', threshold: 0.1 }, on_time_rate: null })
    expect(Object.fromEntries(breachesOf({ ...v, late_rate: 0.25 }, th))).toEqual({
      late_rate: { level: 'critical', threshold: 0.2 },
      on_time_rate: null,
    })
  })
})
