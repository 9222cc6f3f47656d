import { describe, expect, it } from 'vitest'
import { compareAllocations, equalSplit, lpBound, optimiseBudget, proportionalSplit, type BudgetItem } from '../app/planning/budget.ts'
import { itemWeight, lineReasonVi } from '../app/planning/priority.ts'
import { numberToVietnameseWords, vndInWords } from '../app/planning/vnd-words.ts'

const M = 1_000_000
const item = (commune: string, type: string, gap: number, price: number, weight: number): BudgetItem => ({
  commune,
  communeName: `Xã ${commune}`,
  type,
  typeName: type,
  required: gap,
  working: 0,
  gap,
  unitPriceVnd: price,
  weight,
  reason: `thiếu ${gap}`,
})
/**
 * Ceiling 10 M. A: a kiosk 6 M worth 7. B: two printers 5 M each worth 5. C: three rating devices 1 M worth 0.5.
 * By hand: 2 printers = 10 M → 10 (the best); kiosk + 3 devices = 9 M → 8.5; kiosk alone → 7 (what greedy
 * by value per VND buys: the kiosk first, then no printer fits).
 */
const items = [item('A', 'kiosk', 1, 6 * M, 7), item('B', 'printer', 2, 5 * M, 5), item('C', 'rating_device', 3, 1 * M, 0.5)]

describe('budget planner: optimum known by hand', () => {
  it('the DP finds the optimum (two printers, 10) where greedy by value per VND stops at 7', () => {
    const a = optimiseBudget(items, 10 * M)
    expect(a.lines.map((l) => [l.commune, l.type, l.quantity, l.amountVnd])).toEqual([['B', 'printer', 2, 10 * M]])
    expect(a.weightedClosed).toBe(10)
    expect(a.spentVnd).toBe(10 * M)
    expect(a.exact).toBe(true)
    expect(a.upperBound).toBeCloseTo(11, 9) // LP: the kiosk (7), then 4 M of printers at 1 per M (4)
    expect(a.perMillionVnd).toBe(1)
  })

  it('never exceeds the ceiling, even with an odd ceiling or coarsened money units', () => {
    for (const ceiling of [0, 999_999, 6 * M, 10 * M + 1, 13 * M]) {
      const a = optimiseBudget(items, ceiling)
      expect(a.spentVnd).toBeLessThanOrEqual(ceiling)
      expect(a.weightedClosed).toBeLessThanOrEqual(lpBound(items, ceiling) + 1e-9)
    }
    expect(optimiseBudget(items, 13 * M).weightedClosed).toBe(13) // kiosk + 1 printer + 2 devices = 13 M → 7 + 5 + 1 (2 printers + 3 devices: 11.5)
    const coarse = optimiseBudget(items, 10 * M, { maxTableBits: 20 })
    expect(coarse.spentVnd).toBeLessThanOrEqual(10 * M)
    expect(coarse.exact).toBe(false)
  })

  it('equal split: 3,333,333 VND each — only C can buy (3 devices → 1.5)', () => {
    const e = equalSplit(items, 10 * M)
    expect(e.lines.map((l) => [l.commune, l.quantity])).toEqual([['C', 3]])
    expect(e.weightedClosed).toBe(1.5)
    expect(e.spentVnd).toBe(3 * M)
  })

  it('need-proportional split: shares 6 : 10 : 3 of 10 M — B buys one printer, C one device', () => {
    const p = proportionalSplit(items, 10 * M)
    expect(p.lines.map((l) => [l.commune, l.quantity])).toEqual([
      ['B', 1],
      ['C', 1],
    ])
    expect(p.weightedClosed).toBe(5.5)
    expect(p.spentVnd).toBe(6 * M)
  })

  it('compares the three side by side', () => {
    const c = compareAllocations(items, 10 * M)
    expect([c.optimal.weightedClosed, c.equal.weightedClosed, c.proportional.weightedClosed]).toEqual([10, 1.5, 5.5])
  })

  it('respects each gap: never buys more than is missing', () => {
    const a = optimiseBudget(items, 100 * M)
    expect(a.lines.map((l) => [l.type, l.quantity])).toEqual([
      ['kiosk', 1],
      ['printer', 2],
      ['rating_device', 3],
    ])
    expect(a.spentVnd).toBe(19 * M)
  })
})

describe('priorities', () => {
  it('weight per unit = commune weight × type importance (unknown types count 1); the reason names the gap', () => {
    expect(itemWeight(1.6, 'computer')).toBeCloseTo(4.8, 9)
    expect(itemWeight(1.6, 'kiosk')).toBeCloseTo(1.6, 9)
    expect(itemWeight(2, 'solar_panel')).toBe(2)
    expect(itemWeight(2, 'computer', { computer: 5 })).toBe(10)
    expect(lineReasonVi(2, 4, 'Máy tính', ['Địa bàn khó khăn (+0,3)'])).toBe('Thiếu 2/4 máy tính theo định mức; Địa bàn khó khăn (+0,3)')
  })
})

describe('the total in words (Bằng chữ)', () => {
  it('reads VND amounts the way finance documents write them', () => {
    expect(vndInWords(1_250_000)).toBe('Một triệu hai trăm năm mươi nghìn đồng')
    expect(vndInWords(1_998_500_000)).toBe('Một tỷ chín trăm chín mươi tám triệu năm trăm nghìn đồng')
    expect(vndInWords(2_005_000_000)).toBe('Hai tỷ không trăm linh năm triệu đồng')
    expect(vndInWords(1_000_005)).toBe('Một triệu không trăm linh năm đồng')
    expect(vndInWords(1_000_000_000_000)).toBe('Một nghìn tỷ đồng')
    expect([15, 21, 24, 105, 110, 0].map((n) => numberToVietnameseWords(n))).toEqual([
      'mười lăm',
      'hai mươi mốt',
      'hai mươi tư',
      'một trăm linh năm',
      'một trăm mười',
      'không',
    ])
  })
})
