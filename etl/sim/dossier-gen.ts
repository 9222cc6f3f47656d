/**
 * Generates one (day, commune): its dossiers, the ratings and complaints that follow from them. Each kind
 * has its own seeded stream per (day, commune), so the history never depends on the horizon or on the
 * other kinds.
 */
import { PROCEDURES, feeOf } from './catalogue.ts'
import { CLOSE_AM, CLOSE_PM, DAY, OPEN_AM, OPEN_PM, WORK_DAY, type SimClock } from './clock.ts'
import { liveDossier, type Life } from './lifecycle.ts'
import { Rng } from './prng.ts'
import type { ProvinceModel, SimCommune } from './province.ts'
import { F_DIGITISED, F_ERESULT, F_LATE, F_POPDATA, F_REUSE, F_VNEID, type Building } from './store.ts'
import { MERGER_DAY, preMergerVolume, type DayProfile, procedureMix } from './volume.ts'

export const TAG_DOSSIER = 0x444f5353
export const TAG_RATING = 0x52415445
export const TAG_COMPLAINT = 0x434f4d50

/** Calibrated so that 2026 runs ≈ 86% on time (docs/design.md §5). */
export const LATE_K = 1.45
/** Calibrated to ≈ 185 complaints per 10 months for Quảng Trị. */
export const COMPLAINT_K = 0.00049
export const MERGER_T = MERGER_DAY * DAY

const RATING_LATE = [0.08, 0.18, 0.35, 0.7, 1]
const RATING_ON_TIME = [0.006, 0.018, 0.065, 0.36, 1]

export interface GenContext {
  seed: number
  scale: number
  clock: SimClock
  province: ProvinceModel
  profile: DayProfile
  mix: ReturnType<typeof procedureMix>
  b: Building
}

/** A counter-hours arrival: 62% in the morning; Saturday: morning only. */
export function counterSecond(rng: Rng, morningOnly: boolean, lastAfternoon = CLOSE_PM - 1800): number {
  if (morningOnly || rng.chance(0.62)) return Math.floor(OPEN_AM + rng.next() * (CLOSE_AM - 900 - OPEN_AM))
  return Math.floor(OPEN_PM + rng.next() * (lastAfternoon - OPEN_PM))
}

const ONLINE_HOURS = [0, 6, 8, 12, 14, 18, 24]
const ONLINE_CUM = [0.04, 0.12, 0.42, 0.52, 0.8, 1]
function onlineSecond(rng: Rng): number {
  const b = rng.pickCumulative(ONLINE_CUM)
  return Math.floor((ONLINE_HOURS[b]! + rng.next() * (ONLINE_HOURS[b + 1]! - ONLINE_HOURS[b]!)) * 3600)
}

function unitLabel(rng: Rng, p: ProvinceModel, c: SimCommune, t: number): number {
  const u = rng.next()
  const k = rng.next()
  if (t >= MERGER_T) return c.idx
  if (u < 0.008) return p.unknownLabels[Math.floor(k * p.unknownLabels.length)]!
  // A commune formed only from parts of old units: every old record names a split unit (the ETL needs a share).
  if (c.splitLabels.length && (u < 0.023 || c.wholeLabels.length === 0)) return c.splitLabels[Math.floor(k * c.splitLabels.length)]!
  // No lineage at all (formed_from not parsed): the commune code is the best the old system could say.
  if (c.wholeLabels.length === 0) return c.idx
  const i = Math.floor(k * c.wholeLabels.length)
  const variant = c.variantLabels[i]!
  return variant >= 0 && u > 0.94 ? variant : c.wholeLabels[i]!
}

const POPDATA: Record<string, number> = {
  ho_tich: 0.8,
  bao_tro_xa_hoi: 0.72,
  dat_dai: 0.52,
  kinh_doanh: 0.5,
  xay_dung: 0.45,
  chung_thuc: 0.3,
  khac: 0.55,
}

/** Dossiers of one commune on one day; returns the next daily sequence number. */
export function generateDossiers(ctx: GenContext, day: number, c: SimCommune, seq: number, complaintSeq: { n: number }): number {
  const { profile: p, clock, b } = ctx
  const share = p.onlineShare[day]!
  const vol = c.load * ctx.scale * (day < MERGER_DAY ? preMergerVolume : 1)
  const lamIn = vol * p.inPerson[day]! * (1 - share)
  const lamOn = vol * p.online[day]! * share
  if (lamIn + lamOn <= 0) return seq
  const code = Number(c.code)
  const rng = Rng.of(ctx.seed, TAG_DOSSIER, day, code)
  const rr = Rng.of(ctx.seed, TAG_RATING, day, code)
  const rc = Rng.of(ctx.seed, TAG_COMPLAINT, day, code)
  const n = rng.poisson(lamIn + lamOn)
  const pOnline = lamOn / (lamIn + lamOn)
  const cum = day < MERGER_DAY ? ctx.mix.pre : ctx.mix.post
  const saturday = clock.working[day] === 0
  for (let i = 0; i < n; i++) {
    const procIdx = rng.pickCumulative(cum)
    const proc = PROCEDURES[procIdx]!
    const online = lamIn === 0 || rng.chance(Math.min(0.97, (pOnline * proc.online) / ctx.mix.avgOnline))
    const channel = online ? 2 : rng.chance(0.03) ? 3 : 1
    let submitT: number
    let recvT: number
    if (online) {
      submitT = day * DAY + onlineSecond(rng)
      recvT = clock.fromW(clock.toW(submitT) + 300 + Math.min(2 * WORK_DAY, Math.round(rng.exp(1.5 * 3600))))
    } else submitT = recvT = day * DAY + counterSecond(rng, saturday)
    const refused = online && rng.chance(0.03)
    const eResult = rng.chance(online ? 0.9 : 0.72)
    const digitised = rng.chance(online ? 0.38 : 0.15)
    let flags = (eResult ? F_ERESULT : 0) | (digitised ? F_DIGITISED : 0)
    if (rng.chance(digitised ? 0.45 : 0.12)) flags |= F_REUSE
    if (rng.chance(POPDATA[proc.field]!)) flags |= F_POPDATA
    if (rng.chance(online ? 0.88 : 0.04)) flags |= F_VNEID
    const fee = feeOf(proc, 1 + rng.poisson(2.2))
    const paid = fee > 0 && rng.chance(online ? 0.97 : 0.84) ? (rng.chance(0.35) ? 1 : 2) : 0
    const handlers = c.handlers[proc.field]
    const officer = handlers[Math.floor(rng.next() * handlers.length)]!
    const label = unitLabel(rng, ctx.province, c, recvT)
    const pLate = Math.min(0.85, proc.lateBase * p.lateRegime[day]! * c.perf * LATE_K)
    const life = liveDossier(clock, rng, { proc, online, submitT, recvT, refused, pLate, eResult })
    if (life.late) flags |= F_LATE

    const d = b.dossiers.day.push(day)
    b.dossiers.seq.push(++seq)
    b.dossiers.commune.push(c.idx)
    b.dossiers.label.push(label)
    b.dossiers.proc.push(procIdx)
    b.dossiers.channel.push(channel)
    b.dossiers.flags.push(flags)
    b.dossiers.paid.push(paid)
    b.dossiers.fee.push(fee)
    b.dossiers.officer.push(officer)
    b.dossiers.submit.push(submitT)
    b.dossiers.due.push(life.dueT)
    b.dossiers.vStart.push(b.dossierVersions.length)
    for (let k = 0; k < life.n; k++) {
      b.dossierVersions.add(d, life.t[k]!)
      b.dossiers.vStatus.push(life.s[k]!)
    }
    if (life.resolved) rate(ctx, rr, d, c, life, label, online)
    if (!refused && rc.chance(COMPLAINT_K * (life.late ? 5 : 1) * p.complaint[day]!))
      complain(ctx, rc, day, d, c, life, label, channel, complaintSeq)
  }
  return seq
}

function rate(ctx: GenContext, rng: Rng, d: number, c: SimCommune, life: Life, label: number, online: boolean): void {
  if (!rng.chance(0.42)) return
  const last = life.t[life.n - 1]!
  const counter = !online && rng.chance(0.92)
  const time = last + (counter ? rng.int(30, 900) : 60 + Math.round(rng.exp(6 * 3600)))
  const cum = life.late ? RATING_LATE : RATING_ON_TIME
  const u = rng.next()
  let level = 1
  while (level < 5 && u >= cum[level - 1]!) level++
  const r = ctx.b.ratings
  const i = r.dossier.push(d)
  r.level.push(level)
  r.channel.push(counter ? 0 : 1)
  r.label.push(time < MERGER_T ? label : c.idx)
  r.time.push(time)
  ctx.b.ratingVersions.add(i, time)
}

function complain(
  ctx: GenContext,
  rng: Rng,
  day: number,
  d: number,
  c: SimCommune,
  life: Life,
  label: number,
  channel: number,
  seq: { n: number },
): void {
  const { clock } = ctx
  const recvW = life.late
    ? life.dueW + rng.between(0, 5) * WORK_DAY
    : life.recvW + rng.between(0, 1) * (life.endW - life.recvW + 2 * WORK_DAY)
  const recv = clock.fromW(Math.round(recvW))
  const due = clock.fromW(clock.toW(recv) + 15 * WORK_DAY)
  const behaviour = rng.chance(18 / 97)
  let cat: number
  if (behaviour) {
    const u = rng.next()
    cat = u < 0.25 ? 0 : u < 0.55 ? 1 : u < 0.75 ? (channel === 2 ? 1 : 2) : u < 0.95 ? 4 : 5
  } else cat = rng.chance(life.late ? 0.7 : 0.15) ? 3 : 5
  const u = rng.next()
  const handled =
    u < 0.49
      ? clock.fromW(clock.toW(recv) + Math.round(rng.between(0.5, 14.8) * WORK_DAY))
      : u < 0.95
        ? clock.fromW(clock.toW(recv) + Math.round(rng.between(15.3, 40) * WORK_DAY))
        : -1
  const r = rng.next()
  const satisfied = handled < 0 ? -1 : r < 0.62 ? 1 : r < 0.8 ? 0 : -1
  const withDossier = rng.chance(0.85)
  const t = ctx.b.complaints
  const i = t.day.push(day)
  t.seq.push(++seq.n)
  t.dossier.push(withDossier ? d : -1)
  t.commune.push(c.idx)
  t.label.push(recv < MERGER_T ? label : c.idx)
  t.cls.push(behaviour ? 1 : 0)
  t.cat.push(cat)
  t.recv.push(recv)
  t.due.push(due)
  t.handled.push(handled)
  t.satisfied.push(satisfied)
  const v = ctx.b.complaintVersions
  v.add(i, recv)
  if (handled >= 0) {
    v.add(i, Math.max(handled, recv + 1))
    if (satisfied >= 0) v.add(i, Math.max(clock.fromW(clock.toW(handled) + Math.round(rng.between(0.5, 5) * WORK_DAY)), handled + 2))
  }
}
