/** URL filters: every view is linkable, bad params fall back instead of failing, periods resolve exactly. */
import { describe, expect, it } from 'vitest'
import { parseFilters, periodParams, resolvePeriod, withParams } from '../app/lib/url-filters.ts'

describe('parseFilters', () => {
  it('gives the defaults for an empty query string', () => {
    expect(parseFilters('')).toEqual({ period: '30d', compare: 'previous', type: 'all', kpi: 'on_time_rate', q: '', page: 1 })
  })

  it('keeps valid values and replaces malformed ones by the default', () => {
    const f = parseFilters('period=custom&from=2026-02-30&to=2026-03-31&compare=last_year&type=phuong&kpi=nope&page=-3&sort=name&dir=up')
    expect(f.period).toBe('custom')
    expect(f.from).toBeUndefined() // 30 February does not exist
    expect(f.to).toBe('2026-03-31')
    expect(f.compare).toBe('last_year')
    expect(f.type).toBe('phuong')
    expect(f.kpi).toBe('on_time_rate')
    expect(f.page).toBe(1)
    expect(f.sort).toBe('name')
    expect(f.dir).toBeUndefined()
  })
})

describe('resolvePeriod', () => {
  const today = '2026-11-24'
  it('last 30 days against the 30 days before', () => {
    const r = resolvePeriod({ period: '30d', compare: 'previous' }, today)
    expect(r.current).toEqual({ from: '2026-10-26', to: '2026-11-24', days: 30 })
    expect(r.comparison).toEqual({ from: '2026-09-26', to: '2026-10-25', days: 30 })
    expect(r.grain).toBe('day')
  })

  it('quarter to date, compared with the same dates last year', () => {
    const r = resolvePeriod({ period: 'quarter', compare: 'last_year' }, today)
    expect(r.current).toEqual({ from: '2026-10-01', to: '2026-11-24', days: 55 })
    expect(r.comparison).toEqual({ from: '2025-10-01', to: '2025-11-24', days: 55 })
  })

  it('year to date runs weekly; a custom range across the 1 July 2025 merger is kept as given', () => {
    expect(resolvePeriod({ period: 'ytd', compare: 'previous' }, today).grain).toBe('week')
    const r = resolvePeriod({ period: 'custom', from: '2025-01-01', to: '2026-06-30', compare: 'previous' }, today)
    expect(r.current).toEqual({ from: '2025-01-01', to: '2026-06-30', days: 546 })
    expect(r.comparison).toEqual({ from: '2023-07-05', to: '2024-12-31', days: 546 })
    expect(r.grain).toBe('month')
  })

  it('29 February compared with last year becomes 28 February; a reversed custom range falls back to 30 days', () => {
    const r = resolvePeriod({ period: 'custom', from: '2028-02-01', to: '2028-02-29', compare: 'last_year' }, today)
    expect(r.comparison).toEqual({ from: '2027-02-01', to: '2027-02-28', days: 28 })
    const bad = resolvePeriod({ period: 'custom', from: '2026-05-01', to: '2026-04-01', compare: 'previous' }, today)
    expect(bad.preset).toBe('30d')
    expect(bad.current.from).toBe('2026-10-26')
  })
})

describe('withParams / periodParams', () => {
  it('changes one param, removes empty ones and resets the page', () => {
    expect(withParams('period=ytd&kpi=backlog&page=3', { kpi: 'overdue' })).toBe('?period=ytd&kpi=overdue')
    expect(withParams('period=ytd&q=dong', { q: '' })).toBe('?period=ytd')
    expect(withParams('a=1', { page: 2 })).toBe('?a=1&page=2')
  })
  it('keeps only the period when moving between pages', () => {
    expect(periodParams('period=custom&from=2026-01-01&to=2026-02-01&kpi=backlog&q=x&compare=last_year')).toBe(
      '?period=custom&from=2026-01-01&to=2026-02-01&compare=last_year',
    )
    expect(periodParams('kpi=backlog')).toBe('')
  })
})

describe('comparison periods follow the KPI engine (app/kpi/period.ts)', () => {
  it('a whole calendar month compares with the previous calendar month, not 31 days before', () => {
    const r = resolvePeriod({ period: 'custom', from: '2026-03-01', to: '2026-03-31', compare: 'previous' }, '2026-11-24')
    expect(r.comparison).toEqual({ from: '2026-02-01', to: '2026-02-28', days: 28 })
  })
})
