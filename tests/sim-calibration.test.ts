/**
 * The simulator against the published figures of docs/design.md §5 (Quảng Trị, 1 Jan – 10 Oct 2026) and the
 * shapes the dashboard must show: weekday pattern, Saturday mornings, nothing received on days off, the
 * Tết surge and dip, the post-merger lateness surge, land slower and later, the second supplement rule,
 * due dates on the official working-day calendar. One full-volume build of the province, 1 June 2025 –
 * 31 October 2026 (≈ 450k dossiers, a few seconds).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { toLocalYmd } from '../db/lib/workdays.ts'
import { calendarFromCsv } from '../db/lib/holidays-csv.ts'
import { buildSimData, resolveDataOptions, type SimData } from '../etl/sim/build.ts'
import { PROCEDURES } from '../etl/sim/catalogue.ts'
import { dayIndex, unixMs } from '../etl/sim/clock.ts'
import { outcome, periodStats, type PeriodStats } from '../etl/sim/stats.ts'
import fs from 'node:fs'
import path from 'node:path'
import { referenceDir } from '../db/paths.ts'

let S: SimData
let steady: PeriodStats
beforeAll(async () => {
  S = await buildSimData(resolveDataOptions({ provinceCode: '44', seed: 20250701, start: '2025-06-01' }), dayIndex('2026-10-31'))
  steady = periodStats(S, '2026-01-01', '2026-10-10')
})

const cal = calendarFromCsv(fs.readFileSync(path.join(referenceDir, 'vn-holidays.csv'), 'utf8'))
const ymd = (t: number) => toLocalYmd(new Date(unixMs(t)))

describe('calibration to Quảng Trị 2026 (docs/design.md §5)', () => {
  it('receives ≈ 256,133 dossiers from 1 January to 10 October 2026, ≈ 1,300 per working day', () => {
    expect(steady.received).toBeGreaterThan(243_000)
    expect(steady.received).toBeLessThan(269_000)
    expect(steady.perWorkingDay).toBeGreaterThan(1_235)
    expect(steady.perWorkingDay).toBeLessThan(1_365)
  })

  it('runs ≈ 86.3% on time with ≈ 4.43 working days of processing; land is slower and later', () => {
    expect(steady.onTimeShare).toBeGreaterThan(0.843)
    expect(steady.onTimeShare).toBeLessThan(0.883)
    expect(steady.avgProcessingDays).toBeGreaterThan(4.1)
    expect(steady.avgProcessingDays).toBeLessThan(4.75)
    expect(steady.landOnTimeShare).toBeLessThan(steady.onTimeShare - 0.1)
    expect(steady.landAvgProcessingDays).toBeGreaterThan(2 * steady.avgProcessingDays)
  })

  it('matches the digitisation and payment ratios: e-result ≈ 81.8%, digitised ≈ 28%, population data ≈ 54.1%, fees paid online ≈ 89.7%', () => {
    expect(steady.eResultShare).toBeGreaterThan(0.79)
    expect(steady.eResultShare).toBeLessThan(0.85)
    expect(steady.digitisedShare).toBeGreaterThan(0.25)
    expect(steady.digitisedShare).toBeLessThan(0.31)
    expect(steady.populationDataShare).toBeGreaterThan(0.51)
    expect(steady.populationDataShare).toBeLessThan(0.57)
    expect(steady.feePaidOnlineShare).toBeGreaterThan(0.87)
    expect(steady.feePaidOnlineShare).toBeLessThan(0.92)
    expect(steady.onlineShare).toBeGreaterThan(0.5)
    expect(steady.onlineShare).toBeLessThan(0.63)
  })

  it('has ≈ 185 complaints (≈ 79% about rules, ≈ 18% about behaviour, ≈ 49% handled on time) and ≈ 90% satisfied ratings', () => {
    expect(steady.complaints).toBeGreaterThan(140)
    expect(steady.complaints).toBeLessThan(235)
    expect(steady.complaintBehaviourShare).toBeGreaterThan(0.1)
    expect(steady.complaintBehaviourShare).toBeLessThan(0.3)
    expect(steady.complaintHandledOnTimeShare).toBeGreaterThan(0.38)
    expect(steady.complaintHandledOnTimeShare).toBeLessThan(0.6)
    expect(steady.satisfiedShare).toBeGreaterThan(0.87)
    expect(steady.satisfiedShare).toBeLessThan(0.93)
  })

  it('spreads 10–17 dossiers per commune per working day, about 5× between small and large communes', () => {
    const perCommune = new Map<number, number>()
    const a = dayIndex('2026-01-01') * 86_400
    const b = dayIndex('2026-10-11') * 86_400
    for (let d = 0; d < S.dossiers.day.length; d++) {
      const t = S.dossiers.submit[d]!
      if (t >= a && t < b) perCommune.set(S.dossiers.commune[d]!, (perCommune.get(S.dossiers.commune[d]!) ?? 0) + 1)
    }
    // Cồn Cỏ (an island district of ~140 people) aside.
    const rates = S.province.communes.filter((c) => (c.population ?? 0) > 1000).map((c) => perCommune.get(c.idx)! / steady.workingDays)
    rates.sort((x, y) => x - y)
    const median = rates[Math.floor(rates.length / 2)]!
    expect(median).toBeGreaterThan(12)
    expect(median).toBeLessThan(19)
    expect(rates[rates.length - 1]! / rates[0]!).toBeGreaterThan(3.5)
    expect(rates[rates.length - 1]! / rates[0]!).toBeLessThan(7)
  })
})

describe('the shapes over time', () => {
  it('Monday is the peak, Friday lower, Saturday mornings a small share, nothing is received on Sundays or days off', () => {
    const w = steady.receivedByWeekday
    expect(w[0]).toBe(0)
    expect(w[1]!).toBeGreaterThan(w[3]!)
    expect(w[5]!).toBeLessThan(w[3]!)
    expect(steady.receivedBySaturday).toBeGreaterThan(0)
    expect(steady.receivedBySaturday / steady.received).toBeLessThan(0.04)
    expect(steady.receivedOnDaysOff).toBe(0)
    const holidays = [
      '2025-09-01',
      '2025-09-02',
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-20',
      '2026-04-30',
      '2026-05-01',
      '2026-09-02',
    ]
    const onHolidays = new Map(holidays.map((h) => [dayIndex(h), 0]))
    for (let d = 0; d < S.dossiers.day.length; d++) {
      const o = outcome(S, d)
      if (o.recvT < 0) continue
      const day = Math.floor(o.recvT / 86_400)
      if (onHolidays.has(day)) onHolidays.set(day, onHolidays.get(day)! + 1)
    }
    expect([...onHolidays.values()]).toEqual(holidays.map(() => 0))
  })

  it('surges before Tết 2026 and dips after it', () => {
    const before = periodStats(S, '2026-02-02', '2026-02-13')
    const after = periodStats(S, '2026-02-23', '2026-02-27')
    const ordinary = periodStats(S, '2026-03-09', '2026-03-27')
    expect(before.perWorkingDay).toBeGreaterThan(1.12 * ordinary.perWorkingDay)
    expect(after.perWorkingDay).toBeLessThan(0.8 * ordinary.perWorkingDay)
  })

  it('the merger: lateness surges for the first months after 1 July 2025 and eases by the end of the year', () => {
    const june = periodStats(S, '2025-06-01', '2025-06-30')
    const surge = periodStats(S, '2025-07-01', '2025-09-30')
    const end = periodStats(S, '2025-11-15', '2025-12-31')
    expect(surge.onTimeShare).toBeLessThan(steady.onTimeShare - 0.06)
    expect(june.onTimeShare).toBeGreaterThan(steady.onTimeShare)
    expect(end.onTimeShare).toBeGreaterThan(surge.onTimeShare + 0.04)
    expect(june.preMergerLabels).toBe(june.received - june.postMergerCodeLabels)
    expect(june.postMergerCodeLabels).toBe(0)
    expect(surge.postMergerCodeLabels).toBe(surge.received)
    // Devolved procedures (land, household business, building, social protection) appear with the merger.
    const devolved = new Set(PROCEDURES.flatMap((p, i) => (p.devolved ? [i] : [])))
    let early = 0
    for (let d = 0; d < S.dossiers.day.length; d++)
      if (S.dossiers.day[d]! < dayIndex('2025-07-01') && devolved.has(S.dossiers.proc[d]!)) early++
    expect(early).toBe(0)
  })

  it('a second supplement request makes a dossier late; supplements are paused time', () => {
    let twice = 0
    let once = 0
    for (let d = 0; d < S.dossiers.day.length; d++) {
      const o = outcome(S, d)
      if (o.onTime === null) continue
      if (o.supplements >= 2) {
        twice++
        expect(o.onTime).toBe(false)
      } else if (o.supplements === 1 && o.finalStatus >= 9) {
        once++
        expect(o.pausedW).toBeGreaterThan(0)
      }
    }
    expect(once).toBeGreaterThan(10 * twice * 0.3)
    expect(twice).toBeGreaterThan(500)
  })

  it('NgayHenTra is the statutory number of working days after reception on the official calendar', () => {
    let checked = 0
    for (let d = 0; d < S.dossiers.day.length; d += 7) {
      const o = outcome(S, d)
      const stat = PROCEDURES[S.dossiers.proc[d]!]!.statutoryDays
      if (o.recvT < 0 || stat === 0) continue
      const recvDay = ymd(o.recvT)
      const secs = o.recvT % 86_400
      // Received on a working day during office hours: the due date is exactly `stat` working days later.
      if (!cal.isWorkingDay(recvDay) || secs < 7.5 * 3600 || secs >= 17.5 * 3600 || (secs >= 11.5 * 3600 && secs < 13.5 * 3600)) continue
      expect(ymd(S.dossiers.due[d]!), `dossier ${d}`).toBe(cal.addWorkingDays(recvDay, stat))
      checked++
    }
    expect(checked).toBeGreaterThan(10_000)
  })
})
