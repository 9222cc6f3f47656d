/**
 * Fast time arithmetic for the simulator. Times are whole seconds of Vietnam local time (UTC+7, no DST)
 * since SIM_EPOCH = 2024-01-01T00:00:00+07:00, kept in Int32 columns.
 *
 * Working time: a working day runs 07:30–11:30 and 13:30–17:30 (8 h = 28,800 s). The "working clock"
 * W counts working seconds since the epoch, built from the same calendar as db/lib/workdays.ts
 * (`WorkCalendar`, holidays CSV): W of a working day d lies in [(seq(d) − 1)·28800, seq(d)·28800), and any
 * instant outside working hours maps to the next opening. Deadlines, processing time and supplement pauses
 * are computed on W, then mapped back to clock time, so everything the citizen-facing system records
 * happens in office hours and "n working days" means exactly what the KPI code means by it.
 */
import { WorkCalendar, addDays, dayOfWeek, ymdToDayNumber, dayNumberToYmd } from '../../db/lib/workdays.ts'
import { VN_OFFSET, vnMidnight } from '../../db/lib/vn-time.ts'

export const SIM_EPOCH_YMD = '2024-01-01'
export const SIM_END_YMD = '2031-12-31'
const EPOCH_DAYNUM = ymdToDayNumber(SIM_EPOCH_YMD)
/** Unix ms of SIM_EPOCH (midnight +07:00). */
export const SIM_EPOCH_MS = vnMidnight(SIM_EPOCH_YMD)
export const DAY = 86_400
export const WORK_DAY = 28_800
export const OPEN_AM = 7.5 * 3600
export const CLOSE_AM = 11.5 * 3600
export const OPEN_PM = 13.5 * 3600
export const CLOSE_PM = 17.5 * 3600

/** Day index (days since SIM_EPOCH) of a 'YYYY-MM-DD'. */
export const dayIndex = (ymd: string): number => ymdToDayNumber(ymd) - EPOCH_DAYNUM
export const ymdOf = (day: number): string => dayNumberToYmd(day + EPOCH_DAYNUM)
/** Unix ms → sim seconds (floored). */
export const simSeconds = (ms: number): number => Math.floor((ms - SIM_EPOCH_MS) / 1000)
export const unixMs = (t: number): number => SIM_EPOCH_MS + t * 1000

const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))

export class SimClock {
  readonly days: number
  /** 1 = working day (official calendar). */
  readonly working: Uint8Array
  /** 1 = Saturday that is not a working day and not a day off: centres open in the morning. */
  readonly saturdayMorning: Uint8Array
  readonly dayOff: Uint8Array
  /** Working days in [SIM_EPOCH, day]. */
  readonly seq: Int32Array
  /** The working day whose seq is k (index k). */
  private readonly dayOfSeq: Int32Array
  private readonly ymd: string[]
  readonly dow: Uint8Array

  constructor(readonly calendar: WorkCalendar) {
    this.days = dayIndex(SIM_END_YMD) + 1
    this.working = new Uint8Array(this.days)
    this.saturdayMorning = new Uint8Array(this.days)
    this.dayOff = new Uint8Array(this.days)
    this.seq = new Int32Array(this.days)
    this.dow = new Uint8Array(this.days)
    this.ymd = new Array<string>(this.days)
    const dayOfSeq: number[] = [0]
    let s = 0
    for (let d = 0; d < this.days; d++) {
      const ymd = (this.ymd[d] = ymdOf(d))
      const w = calendar.isWorkingDay(ymd)
      this.dow[d] = dayOfWeek(ymd)
      this.dayOff[d] = calendar.isDayOff(ymd) ? 1 : 0
      if (w) {
        this.working[d] = 1
        s++
        dayOfSeq.push(d)
      } else if (this.dow[d] === 6 && !this.dayOff[d]) this.saturdayMorning[d] = 1
      this.seq[d] = s
    }
    this.dayOfSeq = Int32Array.from(dayOfSeq)
    // Saturday mornings are open only in an ordinary week (the Friday before worked): not inside Tết or a long break.
    for (let d = 1; d < this.days; d++) if (this.saturdayMorning[d] && !this.working[d - 1]) this.saturdayMorning[d] = 0
  }

  ymdOf(day: number): string {
    return this.ymd[day]!
  }

  /** Working clock (seconds) of an instant. */
  toW(t: number): number {
    const d = Math.floor(t / DAY)
    const s = t - d * DAY
    if (!this.working[d]) return this.seq[d]! * WORK_DAY
    let off: number
    if (s < OPEN_AM) off = 0
    else if (s < CLOSE_AM) off = s - OPEN_AM
    else if (s < OPEN_PM) off = CLOSE_AM - OPEN_AM
    else if (s < CLOSE_PM) off = CLOSE_AM - OPEN_AM + s - OPEN_PM
    else off = WORK_DAY
    return (this.seq[d]! - 1) * WORK_DAY + off
  }

  /** Instant of a working-clock value (always inside office hours). */
  fromW(w: number): number {
    const q = Math.floor(w / WORK_DAY)
    const off = w - q * WORK_DAY
    const d = this.dayOfSeq[Math.min(q + 1, this.dayOfSeq.length - 1)]!
    const s = off < CLOSE_AM - OPEN_AM ? OPEN_AM + off : OPEN_PM + (off - (CLOSE_AM - OPEN_AM))
    return d * DAY + Math.round(s)
  }

  /** Working days between two instants, fractional (working seconds / 28,800). */
  workingDaysBetween(a: number, b: number): number {
    return (this.toW(b) - this.toW(a)) / WORK_DAY
  }

  /** ISO 8601 with the +07:00 offset, e.g. 2025-07-01T08:15:00+07:00. */
  iso(t: number): string {
    const d = Math.floor(t / DAY)
    let s = t - d * DAY
    const h = Math.floor(s / 3600)
    s -= h * 3600
    const m = Math.floor(s / 60)
    return `${this.ymd[d]}T${pad2[h]}:${pad2[m]}:${pad2[s - m * 60]}${VN_OFFSET}`
  }

  /** Day index of an instant. */
  dayOf(t: number): number {
    return Math.floor(t / DAY)
  }
}

/** Tết (Lunar New Year) breaks found in the holiday list: [firstDay, lastDay] day indexes, weekends included. */
export function tetBreaks(clock: SimClock, holidays: { date: string; name: string }[]): [number, number][] {
  const days = holidays
    .filter((h) => /nguyên đán/i.test(h.name) && h.date >= SIM_EPOCH_YMD && h.date <= SIM_END_YMD)
    .map((h) => dayIndex(h.date))
    .sort((a, b) => a - b)
  const out: [number, number][] = []
  for (const d of days) {
    const last = out[out.length - 1]
    if (last && d - last[1] <= 3) last[1] = Math.max(last[1], d)
    else out.push([d, d])
  }
  // Stretch each break over the adjoining non-working days (the weekend before and after).
  for (const b of out) {
    while (b[0] > 0 && !clock.working[b[0] - 1]) b[0]--
    while (b[1] < clock.days - 1 && !clock.working[b[1] + 1]) b[1]++
  }
  return out
}

export { addDays }
