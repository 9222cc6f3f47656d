/**
 * Counter queueing with the Erlang C model (M/M/N): Poisson arrivals, exponential handling times,
 * N identical counters, one shared queue (a ticket machine), nobody leaves the queue.
 * docs/design.md §3 "Staffing": no official staff-per-volume norm exists, so required counter staff comes from
 * this model on counter arrivals and handling time, to a target wait.
 *
 * Notation: λ arrivals per minute, h mean handling minutes, A = λ·h offered load in Erlangs, N servers,
 * ρ = A / N utilisation.
 *   Erlang B by the stable recursion  B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1))
 *   Erlang C (probability an arrival waits)  C = N·B(N) / (N − A·(1 − B(N)))        (A < N)
 *   mean wait  Wq = C · h / (N − A)
 *   P(wait > t) = C · exp(−(N − A) · t / h)
 *   service level = 1 − P(wait > t)
 * The recursion never forms A^N or N!, so it is exact to double precision for any N (hundreds of counters).
 */

/** Probability that an arriving customer has to wait (Erlang C). 1 when the system is unstable (A ≥ N). */
export function erlangC(servers: number, offeredLoadErlangs: number): number {
  const n = servers
  const a = offeredLoadErlangs
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`erlangC: servers must be an integer ≥ 1, got ${n}`)
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`erlangC: load must be finite and ≥ 0, got ${a}`)
  if (a === 0) return 0
  if (a >= n) return 1
  let b = 1
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b)
  return (n * b) / (n - a * (1 - b))
}

export interface QueueInput {
  arrivalsPerHour: number
  handlingMinutes: number
  servers: number
  /** The wait the service level is measured against, e.g. 15 minutes. */
  targetWaitMinutes: number
}

export interface QueueMetrics {
  /** Offered load in Erlangs (busy counters needed on average). */
  offeredLoad: number
  /** ρ = A / N; may exceed 1 (then `stable` is false). */
  utilisation: number
  probWait: number
  avgWaitMinutes: number
  probWaitOverTarget: number
  /** 1 − P(wait > target). */
  serviceLevel: number
  /** false when utilisation ≥ 1: the queue grows without bound (probWait 1, avgWait ∞, service level 0). */
  stable: boolean
}

function checkLoad(arrivalsPerHour: number, handlingMinutes: number, targetWaitMinutes: number): number {
  if (!Number.isFinite(arrivalsPerHour) || arrivalsPerHour < 0) {
    throw new RangeError(`arrivalsPerHour must be ≥ 0, got ${arrivalsPerHour}`)
  }
  if (!Number.isFinite(handlingMinutes) || handlingMinutes <= 0) {
    throw new RangeError(`handlingMinutes must be > 0, got ${handlingMinutes}`)
  }
  if (!Number.isFinite(targetWaitMinutes) || targetWaitMinutes < 0) {
    throw new RangeError(`targetWaitMinutes must be ≥ 0, got ${targetWaitMinutes}`)
  }
  return (arrivalsPerHour * handlingMinutes) / 60
}

export function queueMetrics(input: QueueInput): QueueMetrics {
  const { handlingMinutes: h, servers: n, targetWaitMinutes: t } = input
  const a = checkLoad(input.arrivalsPerHour, h, t)
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`servers must be an integer ≥ 1, got ${n}`)
  const utilisation = a / n
  if (a >= n) {
    return {
      offeredLoad: a,
      utilisation,
      probWait: 1,
      avgWaitMinutes: Infinity,
      probWaitOverTarget: 1,
      serviceLevel: 0,
      stable: false,
    }
  }
  const c = erlangC(n, a)
  const probWaitOverTarget = c * Math.exp((-(n - a) * t) / h)
  return {
    offeredLoad: a,
    utilisation,
    probWait: c,
    avgWaitMinutes: (c * h) / (n - a),
    probWaitOverTarget,
    serviceLevel: 1 - probWaitOverTarget,
    stable: true,
  }
}

export interface StaffingInput {
  arrivalsPerHour: number
  handlingMinutes: number
  targetWaitMinutes: number
  /** e.g. 0.8 for "80 % served within the target wait". Must be < 1. */
  targetServiceLevel: number
  /** Safety bound on the search; default 10 000 counters. */
  maxServers?: number
}

/**
 * Smallest number of counters N (≥ 1) with A < N and service level ≥ target. With no arrivals, 1 (a centre
 * that is open needs someone at the counter). Throws if maxServers is not enough.
 */
export function requiredServers(input: StaffingInput): number {
  const { handlingMinutes: h, targetWaitMinutes: t, targetServiceLevel: sl } = input
  const a = checkLoad(input.arrivalsPerHour, h, t)
  if (!(sl >= 0 && sl < 1)) throw new RangeError(`targetServiceLevel must be in [0, 1), got ${sl}`)
  const max = input.maxServers ?? 10_000
  for (let n = Math.max(1, Math.floor(a) + 1); n <= max; n++) {
    const c = erlangC(n, a)
    if (1 - c * Math.exp((-(n - a) * t) / h) >= sl) return n
  }
  throw new RangeError(`requiredServers: more than ${max} counters needed (load ${a} Erlangs)`)
}
