/**
 * Calibration figures of a built history, computed from what the source serves (final versions), with
 * the docs/design.md §3 rules: on time = W(end) − paused working time ≤ W(due) and fewer than two supplement
 * requests. Used by the calibration tests and `npm run sim -- --stats`.
 */
import type { SimData } from './build.ts'
import { PROCEDURES } from './catalogue.ts'
import { MERGER_T } from './dossier-gen.ts'
import { dayIndex, WORK_DAY } from './clock.ts'
import { F_DIGITISED, F_ERESULT, F_POPDATA } from './store.ts'
import { S_PROCESSING, S_RECEIVED, S_RESOLVED, S_RETURNED, S_STOPPED, S_SUPPLEMENT, S_WITHDRAWN } from './lifecycle.ts'

export interface Outcome {
  recvT: number
  endT: number
  supplements: number
  pausedW: number
  onTime: boolean | null
  /** Status of the last version. */
  finalStatus: number
}

/** The final state of dossier d (all versions). */
export function outcome(S: SimData, d: number): Outcome {
  const D = S.dossiers
  const idx = S.index.dossiers
  const end = d + 1 < D.vStart.length ? D.vStart[d + 1]! : idx.time.length
  let recvT = -1
  let endT = -1
  let supplements = 0
  let pausedW = 0
  let req = -1
  for (let k = D.vStart[d]!; k < end; k++) {
    const s = D.vStatus[k]!
    const t = idx.time[k]!
    if (s === S_RECEIVED) recvT = t
    else if (s === S_SUPPLEMENT) {
      supplements++
      req = t
    } else if (s === S_PROCESSING && req >= 0) {
      pausedW += S.clock.toW(t) - S.clock.toW(req)
      req = -1
    } else if ((s === S_RESOLVED || s === S_WITHDRAWN || s === S_STOPPED) && endT < 0) endT = t
  }
  const onTime = recvT < 0 || endT < 0 ? null : supplements < 2 && S.clock.toW(endT) - pausedW <= S.clock.toW(D.due[d]!)
  return { recvT, endT, supplements, pausedW, onTime, finalStatus: D.vStatus[end - 1]! }
}

export interface PeriodStats {
  from: string
  to: string
  received: number
  workingDays: number
  perWorkingDay: number
  finished: number
  onTimeShare: number
  avgProcessingDays: number
  landOnTimeShare: number
  landAvgProcessingDays: number
  onlineShare: number
  eResultShare: number
  digitisedShare: number
  populationDataShare: number
  feePaidOnlineShare: number
  supplementShare: number
  twoSupplementShare: number
  receivedOnDaysOff: number
  receivedBySaturday: number
  receivedByWeekday: number[]
  preMergerLabels: number
  postMergerCodeLabels: number
  communeDailyMean: { p10: number; p90: number; min: number; max: number }
  ratings: number
  satisfiedShare: number
  complaints: number
  complaintBehaviourShare: number
  complaintHandledOnTimeShare: number
}

/** Figures for dossiers received in [from, to] (local dates). */
export function periodStats(S: SimData, from: string, to: string): PeriodStats {
  const a = dayIndex(from) * 86_400
  const b = (dayIndex(to) + 1) * 86_400
  const D = S.dossiers
  const clock = S.clock
  const nCommunes = S.province.communes.length
  const perCommune = new Float64Array(nCommunes)
  let received = 0,
    finished = 0,
    onTime = 0,
    procW = 0,
    land = 0,
    landOnTime = 0,
    landProcW = 0
  let online = 0,
    eResult = 0,
    resolved = 0,
    digitised = 0,
    pop = 0,
    fee = 0,
    feeOnline = 0,
    supp = 0,
    supp2 = 0
  let daysOff = 0,
    saturday = 0,
    pre = 0,
    postCode = 0
  const weekday = [0, 0, 0, 0, 0, 0, 0]
  for (let d = 0; d < D.day.length; d++) {
    const o = outcome(S, d)
    if (o.recvT < a || o.recvT >= b) continue
    received++
    const day = clock.dayOf(o.recvT)
    perCommune[D.commune[d]!]!++
    weekday[clock.dow[day]!]!++
    if (!clock.working[day]) {
      if (clock.saturdayMorning[day]) saturday++
      else daysOff++
    }
    if (D.label[d]! < nCommunes) postCode++
    else if (o.recvT < MERGER_T) pre++
    const isLand = PROCEDURES[D.proc[d]!]!.field === 'dat_dai'
    if (D.channel[d] === 2) online++
    if (D.flags[d]! & F_DIGITISED) digitised++
    if (D.flags[d]! & F_POPDATA) pop++
    if (D.fee[d]! > 0) {
      fee++
      if (D.paid[d]! > 0) feeOnline++
    }
    if (o.supplements > 0) supp++
    if (o.supplements > 1) supp2++
    if (o.onTime !== null) {
      finished++
      const days = (clock.toW(o.endT) - clock.toW(o.recvT)) / WORK_DAY
      procW += days
      if (o.onTime) onTime++
      if (isLand) {
        land++
        if (o.onTime) landOnTime++
        landProcW += days
      }
      const last = D.vStatus[(d + 1 < D.vStart.length ? D.vStart[d + 1]! : D.vStatus.length) - 1]!
      if (last === S_RESOLVED || last === S_RETURNED) {
        resolved++
        if (D.flags[d]! & F_ERESULT) eResult++
      }
    }
  }
  let workingDays = 0
  for (let day = dayIndex(from); day <= dayIndex(to); day++) if (clock.working[day]) workingDays++
  const means = [...perCommune].map((n) => n / Math.max(1, workingDays)).sort((x, y) => x - y)
  const q = (p: number) => means[Math.min(means.length - 1, Math.floor(p * means.length))]!

  let ratings = 0,
    satisfied = 0
  for (let r = 0; r < S.ratings.time.length; r++) {
    const t = S.ratings.time[r]!
    if (t < a || t >= b) continue
    ratings++
    if (S.ratings.level[r]! >= 4) satisfied++
  }
  let complaints = 0,
    behaviour = 0,
    handledOnTime = 0
  for (let c = 0; c < S.complaints.recv.length; c++) {
    const t = S.complaints.recv[c]!
    if (t < a || t >= b) continue
    complaints++
    if (S.complaints.cls[c] === 1) behaviour++
    const h = S.complaints.handled[c]!
    if (h >= 0 && h <= S.complaints.due[c]!) handledOnTime++
  }
  const r = (x: number, n: number) => (n ? x / n : NaN)
  return {
    from,
    to,
    received,
    workingDays,
    perWorkingDay: r(received, workingDays),
    finished,
    onTimeShare: r(onTime, finished),
    avgProcessingDays: r(procW, finished),
    landOnTimeShare: r(landOnTime, land),
    landAvgProcessingDays: r(landProcW, land),
    onlineShare: r(online, received),
    eResultShare: r(eResult, resolved),
    digitisedShare: r(digitised, received),
    populationDataShare: r(pop, received),
    feePaidOnlineShare: r(feeOnline, fee),
    supplementShare: r(supp, received),
    twoSupplementShare: r(supp2, received),
    receivedOnDaysOff: daysOff,
    receivedBySaturday: saturday,
    receivedByWeekday: weekday,
    preMergerLabels: pre,
    postMergerCodeLabels: postCode,
    communeDailyMean: { p10: q(0.1), p90: q(0.9), min: means[0]!, max: means[means.length - 1]! },
    ratings,
    satisfiedShare: r(satisfied, ratings),
    complaints,
    complaintBehaviourShare: r(behaviour, complaints),
    complaintHandledOnTimeShare: r(handledOnTime, complaints),
  }
}
