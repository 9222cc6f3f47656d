/**
 * Seeded randomness for the simulator. Every stream is derived from (seed, tags…) by hashing, so the
 * records of one (day, commune) never depend on what was generated before them: the history is the same
 * whatever the horizon, and a record can be regenerated on its own.
 */

/** 32-bit FNV-1a over a string (seeds given as text). */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Mixes integers into one 32-bit stream seed (murmur3 finaliser per step). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    h = (h + 0x6d2b79f5) | 0
  }
  return h >>> 0
}

/** mulberry32: small, fast, good enough for synthetic data (not for anything secret). */
export class Rng {
  private s: number
  constructor(seed: number) {
    this.s = seed >>> 0
  }

  static of(...parts: number[]): Rng {
    return new Rng(mix(...parts))
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo)
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }

  /** Poisson count (Knuth for small means, a rounded normal above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()))
    const l = Math.exp(-mean)
    let k = 0
    let p = 1
    do {
      k++
      p *= this.next()
    } while (p > l)
    return k - 1
  }

  /** An index drawn from cumulative weights (ascending, last = total). */
  pickCumulative(cum: ArrayLike<number>): number {
    const x = this.next() * cum[cum.length - 1]!
    let lo = 0
    let hi = cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
}

/** Cumulative sums of weights, for `Rng.pickCumulative`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let s = 0
  weights.forEach((w, i) => (out[i] = s += w))
  return out
}

/** A stable seed from the user's `--seed` (a number or any text). */
export function seedOf(seed: number | string): number {
  return typeof seed === 'number' && Number.isFinite(seed) ? seed >>> 0 : hashString(String(seed))
}
