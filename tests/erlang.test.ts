import { describe, expect, it } from 'vitest'
import { erlangC, queueMetrics, requiredServers } from '../app/kpi/erlang'

// Reference values computed independently with 40-digit arithmetic (mpmath), both by the Erlang B
// recursion and by the direct sum  C = (A^N/N!·N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N!·N/(N−A)).
// Classic call-centre example: 200 arrivals/hour × 3 minutes = 10 Erlangs; target 80 % within 20 s.
//   N   Erlang C          mean wait (min)    P(wait > 20 s)     service level
//   11  0.682118204689    2.04635461407      0.610386188271     0.389613811729
//   12  0.449388224298    0.674082336447     0.359841959626     0.640158040374
//   13  0.285270453036    0.285270453036     0.204405211582     0.795594788418
//   14  0.174131933595    0.130598950196     0.111649980821     0.888350019179

describe('erlangC', () => {
  it('matches the textbook A = 10 Erlangs table', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4)
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4)
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4)
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4)
    expect(erlangC(11, 10)).toBeCloseTo(0.682118204689, 10)
  })

  it('small commune by hand: A = 2, N = 3 → 4/9', () => {
    // B(1) = 2/3, B(2) = (4/3)/(2 + 4/3) = 2/5, B(3) = (4/5)/(3 + 4/5) = 4/19
    // C = 3·(4/19) / (3 − 2·(15/19)) = (12/19) / (27/19) = 4/9
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12)
  })

  it('is stable for large N (no factorial overflow)', () => {
    const c = erlangC(400, 380)
    expect(c).toBeGreaterThan(0)
    expect(c).toBeLessThan(1)
  })

  it('edge cases: no load → 0; overload → 1; bad input throws', () => {
    expect(erlangC(3, 0)).toBe(0)
    expect(erlangC(3, 3)).toBe(1)
    expect(erlangC(3, 4.5)).toBe(1)
    expect(() => erlangC(0, 1)).toThrow(RangeError)
    expect(() => erlangC(2.5, 1)).toThrow(RangeError)
  })
})

describe('queueMetrics', () => {
  it('classic example, 11 counters', () => {
    const q = queueMetrics({ arrivalsPerHour: 200, handlingMinutes: 3, servers: 11, targetWaitMinutes: 20 / 60 })
    expect(q.offeredLoad).toBe(10)
    expect(q.utilisation).toBeCloseTo(10 / 11, 12)
    expect(q.probWait).toBeCloseTo(0.6821, 4)
    expect(q.avgWaitMinutes).toBeCloseTo(2.0464, 4) // 0.682118 × 3 / (11 − 10)
    expect(q.probWaitOverTarget).toBeCloseTo(0.6104, 4) // 0.682118 × e^(−1 × (1/3) / 3)
    expect(q.serviceLevel).toBeCloseTo(0.3896, 4)
    expect(q.stable).toBe(true)
  })

  it('commune counter: 12 arrivals/h, 10 min each, 3 counters, target 15 min', () => {
    const q = queueMetrics({ arrivalsPerHour: 12, handlingMinutes: 10, servers: 3, targetWaitMinutes: 15 })
    // A = 12 × 10 / 60 = 2; C = 4/9; Wq = (4/9) × 10 / (3 − 2) = 4.4444; P(W > 15) = (4/9)·e^(−1.5) = 0.099169
    expect(q.utilisation).toBeCloseTo(2 / 3, 12)
    expect(q.avgWaitMinutes).toBeCloseTo(40 / 9, 10)
    expect(q.probWaitOverTarget).toBeCloseTo(0.099169, 6)
    expect(q.serviceLevel).toBeCloseTo(0.900831, 6)
  })

  it('unstable when utilisation ≥ 1', () => {
    const q = queueMetrics({ arrivalsPerHour: 12, handlingMinutes: 10, servers: 2, targetWaitMinutes: 15 })
    expect(q).toEqual({
      offeredLoad: 2,
      utilisation: 1,
      probWait: 1,
      avgWaitMinutes: Infinity,
      probWaitOverTarget: 1,
      serviceLevel: 0,
      stable: false,
    })
  })

  it('no arrivals: nobody waits', () => {
    const q = queueMetrics({ arrivalsPerHour: 0, handlingMinutes: 10, servers: 1, targetWaitMinutes: 5 })
    expect(q.probWait).toBe(0)
    expect(q.avgWaitMinutes).toBe(0)
    expect(q.serviceLevel).toBe(1)
  })
})

describe('requiredServers', () => {
  const base = { arrivalsPerHour: 200, handlingMinutes: 3, targetWaitMinutes: 20 / 60 }
  it('80 % within 20 s at 10 Erlangs needs 14 (13 gives 79.56 %)', () => {
    expect(requiredServers({ ...base, targetServiceLevel: 0.8 })).toBe(14)
    expect(requiredServers({ ...base, targetServiceLevel: 0.79 })).toBe(13)
    expect(requiredServers({ ...base, targetServiceLevel: 0.3 })).toBe(11) // first stable N already meets it
  })
  it('commune: 12/h × 10 min, 90 % within 15 min needs 3 (90.08 %), 95 % needs 4', () => {
    const c = { arrivalsPerHour: 12, handlingMinutes: 10, targetWaitMinutes: 15 }
    expect(requiredServers({ ...c, targetServiceLevel: 0.9 })).toBe(3)
    // N = 4: C = 0.173913 (= 4/23), P(W > 15) = 0.173913 × e^(−2 × 1.5) = 0.008659 → 99.13 %
    expect(requiredServers({ ...c, targetServiceLevel: 0.95 })).toBe(4)
  })
  it('no arrivals still needs one counter; an impossible bound throws', () => {
    expect(requiredServers({ arrivalsPerHour: 0, handlingMinutes: 5, targetWaitMinutes: 5, targetServiceLevel: 0.9 })).toBe(1)
    expect(() => requiredServers({ ...base, targetServiceLevel: 0.8, maxServers: 12 })).toThrow(RangeError)
  })
})
