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

/** Running counts over the dossiers received in a window (periodStats). */
interface DossierCounts {
  perCommune: Float64Array
  weekday: number[]
  received: number
  finished: number
  onTime: number
  procW: number
  land: number
  landOnTime: number
  landProcW: number
  online: number
  eResult: number
  resolved: number
  digitised: number
  pop: number
  fee: number
  feeOnline: number
  supp: number
  supp2: number
  daysOff: number
  saturday: number
  pre: number
  postCode: number
}

/** When, where, through which channel and with which features dossier d was received. */
function countReceipt(S: SimData, c: DossierCounts, d: number, o: Outcome): void {
  const D = S.dossiers
  const clock = S.clock
  c.received++
  const day = clock.dayOf(o.recvT)
  c.perCommune[D.commune[d]!]!++
  c.weekday[clock.dow[day]!]!++
  if (!clock.working[day]) {
    if (clock.saturdayMorning[day]) c.saturday++
    else c.daysOff++
  }
  if (D.label[d]! < S.province.communes.length) c.postCode++
  else if (o.recvT < MERGER_T) c.pre++
  if (D.channel[d] === 2) c.online++
  if (D.flags[d]! & F_DIGITISED) c.digitised++
  if (D.flags[d]! & F_POPDATA) c.pop++
  if (D.fee[d]! > 0) {
    c.fee++
    if (D.paid[d]! > 0) c.feeOnline++
  }
  if (o.supplements > 0) c.supp++
  if (o.supplements > 1) c.supp2++
}

/** A finished dossier: on time or not, its processing days (land apart), and an e-result when resolved. */
function countFinished(S: SimData, c: DossierCounts, d: number, o: Outcome): void {
  const D = S.dossiers
  const isLand = PROCEDURES[D.proc[d]!]!.field === 'dat_dai'
  c.finished++
  const days = (S.clock.toW(o.endT) - S.clock.toW(o.recvT)) / WORK_DAY
  c.procW += days
  if (o.onTime) c.onTime++
  if (isLand) {
    c.land++
    if (o.onTime) c.landOnTime++
    c.landProcW += days
  }
  const last = D.vStatus[(d + 1 < D.vStart.length ? D.vStart[d + 1]! : D.vStatus.length) - 1]!
  if (last === S_RESOLVED || last === S_RETURNED) {
    c.resolved++
    if (D.flags[d]! & F_ERESULT) c.eResult++
  }
}

/** The counts over the dossiers received in [a, b) (seconds). */
function dossierCounts(S: SimData, a: number, b: number): DossierCounts {
  const c: DossierCounts = {
    perCommune: new Float64Array(S.province.communes.length),
    weekday: [0, 0, 0, 0, 0, 0, 0],
    received: 0,
    finished: 0,
    onTime: 0,
    procW: 0,
    land: 0,
    landOnTime: 0,
    landProcW: 0,
    online: 0,
    eResult: 0,
    resolved: 0,
    digitised: 0,
    pop: 0,
    fee: 0,
    feeOnline: 0,
    supp: 0,
    supp2: 0,
    daysOff: 0,
    saturday: 0,
    pre: 0,
    postCode: 0,
  }
  for (let d = 0; d < S.dossiers.day.length; d++) {
    const o = outcome(S, d)
    if (o.recvT < a || o.recvT >= b) continue
    countReceipt(S, c, d, o)
    if (o.onTime !== null) countFinished(S, c, d, o)
  }
  return c
}

/** Ratings in [a, b), and how many were satisfied (level 4 or 5). */
function ratingCounts(S: SimData, a: number, b: number): { ratings: number; satisfied: number } {
  let ratings = 0,
    satisfied = 0
  for (let r = 0; r < S.ratings.time.length; r++) {
    const t = S.ratings.time[r]!
    if (t < a || t >= b) continue
    ratings++
    if (S.ratings.level[r]! >= 4) satisfied++
  }
  return { ratings, satisfied }
}

/** Complaints received in [a, b): how many, how many about behaviour, how many handled by their due time. */
function complaintCounts(S: SimData, a: number, b: number): { complaints: number; behaviour: number; handledOnTime: number } {
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
  return { complaints, behaviour, handledOnTime }
}

/** Working days in [from, to], and the spread of the communes' daily means over them. */
function communeSpread(S: SimData, perCommune: Float64Array, from: string, to: string) {
  let workingDays = 0
  for (let day = dayIndex(from); day <= dayIndex(to); day++) if (S.clock.working[day]) workingDays++
  const means = [...perCommune].map((n) => n / Math.max(1, workingDays)).sort((x, y) => x - y)
  const q = (p: number) => means[Math.min(means.length - 1, Math.floor(p * means.length))]!
  return { workingDays, communeDailyMean: { p10: q(0.1), p90: q(0.9), min: means[0]!, max: means[means.length - 1]! } }
}

/** Figures for dossiers received in [from, to] (local dates). */
export function periodStats(S: SimData, from: string, to: string): PeriodStats {
  const a = dayIndex(from) * 86_400
  const b = (dayIndex(to) + 1) * 86_400
  const c = dossierCounts(S, a, b)
  const { workingDays, communeDailyMean } = communeSpread(S, c.perCommune, from, to)
  const { ratings, satisfied } = ratingCounts(S, a, b)
  const { complaints, behaviour, handledOnTime } = complaintCounts(S, a, b)
  const r = (x: number, n: number) => (n ? x / n : NaN)
  return {
    from,
    to,
    received: c.received,
    workingDays,
    perWorkingDay: r(c.received, workingDays),
    finished: c.finished,
    onTimeShare: r(c.onTime, c.finished),
    avgProcessingDays: r(c.procW, c.finished),
    landOnTimeShare: r(c.landOnTime, c.land),
    landAvgProcessingDays: r(c.landProcW, c.land),
    onlineShare: r(c.online, c.received),
    eResultShare: r(c.eResult, c.resolved),
    digitisedShare: r(c.digitised, c.received),
    populationDataShare: r(c.pop, c.received),
    feePaidOnlineShare: r(c.feeOnline, c.fee),
    supplementShare: r(c.supp, c.received),
    twoSupplementShare: r(c.supp2, c.received),
    receivedOnDaysOff: c.daysOff,
    receivedBySaturday: c.saturday,
    receivedByWeekday: c.weekday,
    preMergerLabels: c.pre,
    postMergerCodeLabels: c.postCode,
    communeDailyMean,
    ratings,
    satisfiedShare: r(satisfied, ratings),
    complaints,
    complaintBehaviourShare: r(behaviour, complaints),
    complaintHandledOnTimeShare: r(handledOnTime, complaints),
  }
}
