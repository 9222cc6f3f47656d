/**
 * The life of one received dossier on the working clock (clock.ts): reception → processing →
 * supplement requests (the clock stops while the citizen is away) → resolved → returned, or withdrawn /
 * stopped part-way. Each status change is a version with its own CapNhatLuc.
 *
 * On time (docs/design.md §3): W(end of processing) − paused working time ≤ W(NgayHenTra), and a second
 * supplement request makes the dossier late whatever the dates. NgayHenTra is NOT moved by pauses: the
 * consumer adds `SoGioChoBoSung` (working hours) to it.
 */
import { WORK_DAY, type SimClock } from './clock.ts'
import type { Procedure } from './catalogue.ts'
import type { Rng } from './prng.ts'

export const S_SUBMITTED = 1
export const S_RECEIVED = 2
export const S_NOT_RECEIVED = 3
export const S_PROCESSING = 4
export const S_SUPPLEMENT = 5
export const S_FINANCIAL = 6
export const S_WITHDRAWN = 7
export const S_STOPPED = 8
export const S_RESOLVED = 9
export const S_RETURNED = 10

export interface Life {
  n: number
  /** Version times (sim seconds, strictly increasing) and statuses. */
  t: Int32Array
  s: Uint8Array
  dueT: number
  recvW: number
  dueW: number
  /** End of processing on the working clock (resolution, or the withdraw/stop time). */
  endW: number
  late: boolean
  resolved: boolean
}

export interface LifeInput {
  proc: Procedure
  online: boolean
  submitT: number
  recvT: number
  refused: boolean
  pLate: number
  eResult: boolean
}

const MAX = 16
const life: Life = {
  n: 0,
  t: new Int32Array(MAX),
  s: new Uint8Array(MAX),
  dueT: -1,
  recvW: 0,
  dueW: 0,
  endW: 0,
  late: false,
  resolved: false,
}
const w = new Float64Array(MAX)

/** Fills and returns a shared Life (valid until the next call). */
export function liveDossier(clock: SimClock, rng: Rng, x: LifeInput): Life {
  const L = life
  L.n = 0
  L.late = false
  L.resolved = false
  L.dueT = -1
  const push = (wt: number, status: number, clockT?: number) => {
    w[L.n] = wt
    L.t[L.n] = clockT ?? clock.fromW(Math.round(wt))
    L.s[L.n] = status
    L.n++
  }
  if (x.online) push(-1, S_SUBMITTED, x.submitT)
  const recvW = clock.toW(x.recvT)
  L.recvW = recvW
  if (x.refused) {
    push(recvW, S_NOT_RECEIVED, x.recvT)
    L.endW = recvW
    return monotonic(L)
  }
  push(recvW, S_RECEIVED, x.recvT)
  const allowed = x.proc.statutoryDays === 0 ? 4 * 3600 : x.proc.statutoryDays * WORK_DAY
  const dueW = recvW + allowed
  L.dueW = dueW
  L.dueT = clock.fromW(dueW)

  const supp = rng.chance(x.proc.supplementRate) ? (rng.chance(0.22) ? 2 : 1) : 0
  const late = supp === 2 || rng.chance(x.pLate)
  let active: number
  if (supp === 2) active = allowed * rng.between(0.3, 1.2)
  else if (late) active = allowed + 1800 + allowed * rng.between(0.05, 0.8) + rng.exp(2 * WORK_DAY)
  else active = Math.max(300, allowed * (0.03 + 0.94 * rng.next() ** x.proc.earliness))
  const pauses = [0, 0].map(() => Math.min(15 * WORK_DAY, Math.max(1800, Math.round(rng.exp(3 * WORK_DAY) / 1800) * 1800)))
  const outcome = rng.next()

  let cur = recvW + Math.min(active * 0.1, 1800)
  push(cur, S_PROCESSING)
  let used = cur - recvW
  let paused = 0
  for (let k = 0; k < supp; k++) {
    const a = Math.max(60, active * rng.between(0.1, 0.35))
    cur += a
    used += a
    push(cur, S_SUPPLEMENT)
    cur += pauses[k]!
    paused += pauses[k]!
    push(cur, S_PROCESSING)
  }
  const endW = recvW + Math.max(active, used + 60) + paused
  if (x.proc.field === 'dat_dai' && x.proc.feeVnd > 0 && rng.chance(0.35)) {
    push(cur + (endW - cur) * 0.55, S_FINANCIAL)
    push(cur + (endW - cur) * 0.8, S_PROCESSING)
  }
  if (outcome < 0.013) {
    // Withdrawn by the citizen (7) or stopped (8) part-way: later versions never happen.
    const cut = recvW + (endW - recvW) * rng.between(0.2, 0.9)
    let k = L.n
    while (k > 2 && w[k - 1]! >= cut) k--
    let pausedBefore = 0
    let requests = 0
    for (let i = 0; i < k; i++) {
      if (L.s[i] === S_SUPPLEMENT) {
        requests++
        if (i + 1 < k) pausedBefore += w[i + 1]! - w[i]!
      }
    }
    L.n = k
    push(cut, outcome < 0.009 ? S_WITHDRAWN : S_STOPPED)
    L.endW = cut
    L.late = requests >= 2 || cut - pausedBefore > dueW
    return monotonic(L)
  }
  push(endW, S_RESOLVED)
  L.endW = endW
  L.late = late
  L.resolved = true
  if (!rng.chance(0.03)) {
    const delay = x.online || x.eResult ? rng.between(120, 1800) : 600 + rng.exp(0.8 * WORK_DAY)
    push(endW + delay, S_RETURNED)
  }
  return monotonic(L)
}

function monotonic(L: Life): Life {
  for (let i = 1; i < L.n; i++) if (L.t[i]! <= L.t[i - 1]!) L.t[i] = L.t[i - 1]! + 1
  return L
}
