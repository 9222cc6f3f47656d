/**
 * Issue 18's pure pieces: the period presets and the dd/mm/yyyy custom dates, partial trend buckets, the
 * Vietnamese money input, the first-load state, the map switch that skips the loader, and one spelling (new tone
 * placement) across the dictionaries and the reference names the pages show.
 */
import { describe, expect, it } from 'vitest'
import { parseDayInput, parseFilters, resolvePeriod, ymdToVi } from '../app/lib/url-filters.ts'
import { isPartialBucket } from '../app/kpi/trend.server.ts'
import { trendBuckets } from '../app/kpi/period.ts'
import { parseViMoney } from '../app/dashboard/forms.ts'
import { parseBudgetParams } from '../app/planning/budget-page.server.ts'
import { firstLoadState } from '../app/dashboard/shell.server.ts'
import { skipParamRevalidation } from '../app/components/table/revalidate.ts'
import { NAV } from '../app/components/layout/nav.ts'
import { homePathFor, reach } from '../app/auth/permissions.ts'
import { messages } from '../app/i18n/messages.ts'
import { newToneSpelling } from '../db/lib/text.ts'
import { readReference } from '../db/reference/load.ts'
import type { JobFreshness } from '../app/lib/freshness.ts'

const TODAY = '2026-12-07' // a Monday

describe('periods', () => {
  it('day and week presets end today; the week starts on Monday', () => {
    expect(resolvePeriod(parseFilters('period=day'), TODAY).current).toEqual({ from: TODAY, to: TODAY, days: 1 })
    expect(resolvePeriod(parseFilters('period=week'), '2026-12-10').current).toEqual({ from: '2026-12-07', to: '2026-12-10', days: 4 })
    expect(resolvePeriod(parseFilters('period=ytd'), TODAY).current.from).toBe('2026-01-01')
  })

  it('custom dates typed as dd/mm/yyyy are used (they fell back to 30 days before)', () => {
    const p = resolvePeriod(parseFilters('period=custom&from=01/11/2026&to=15/11/2026'), TODAY)
    expect(p.preset).toBe('custom')
    expect(p.current).toEqual({ from: '2026-11-01', to: '2026-11-15', days: 15 })
    expect(p.customInvalid).toBeUndefined()
    // Links keep the ISO form working; d/m/yyyy and dd.mm.yyyy are read too.
    expect(resolvePeriod(parseFilters('period=custom&from=2026-11-01&to=2026-11-15'), TODAY).current.days).toBe(15)
    expect(parseDayInput('1/2/2026')).toBe('2026-02-01')
    expect(parseDayInput('01.02.2026')).toBe('2026-02-01')
    expect(ymdToVi('2026-02-01')).toBe('01/02/2026')
  })

  it('custom dates that cannot be used say so (30 days shown meanwhile), never silently', () => {
    for (const q of [
      'period=custom',
      'period=custom&from=31/02/2026&to=01/03/2026',
      'period=custom&from=15/11/2026&to=01/11/2026',
      'period=custom&from=11/31/2026&to=12/01/2026',
    ]) {
      const p = resolvePeriod(parseFilters(q), TODAY)
      expect(p.customInvalid, q).toBe(true)
      expect(p.current).toEqual({ from: '2026-11-08', to: TODAY, days: 30 })
    }
    expect(parseDayInput('12/31/2026')).toBeNull() // mm/dd/yyyy is not a date here
  })

  it('a week or month the range covers only in part is partial: the current 7-day month is flagged', () => {
    const months = trendBuckets('2025-01-01', TODAY, 'month')
    expect(months).toHaveLength(24)
    expect(months.filter((b) => isPartialBucket(b, 'month'))).toEqual([{ start: '2026-12-01', from: '2026-12-01', to: TODAY }])
    const weeks = trendBuckets('2026-11-04', '2026-11-26', 'week') // Wednesday → Thursday
    expect(weeks.map((b) => isPartialBucket(b, 'week'))).toEqual([true, true, true, true].map((_, i) => i === 0 || i === 3))
    expect(isPartialBucket({ start: TODAY, from: TODAY, to: TODAY }, 'day')).toBe(false)
  })
})

describe('money as people write it', () => {
  it('reads "2 tỷ", "500 triệu", "1.500.000.000", "1 tỷ 200 triệu", "2,5 tỷ"', () => {
    expect(parseViMoney('2 tỷ')).toBe(2_000_000_000)
    expect(parseViMoney('2tỷ')).toBe(2_000_000_000)
    expect(parseViMoney('2,5 tỷ')).toBe(2_500_000_000)
    expect(parseViMoney('500 triệu')).toBe(500_000_000)
    expect(parseViMoney('500 TRIỆU')).toBe(500_000_000)
    expect(parseViMoney('1.500.000.000')).toBe(1_500_000_000)
    expect(parseViMoney('1.500.000.000 đ')).toBe(1_500_000_000)
    expect(parseViMoney('1 tỷ 200 triệu')).toBe(1_200_000_000)
    expect(parseViMoney('300 nghìn')).toBe(300_000)
    expect(parseViMoney('')).toBeUndefined()
    expect(parseViMoney('hai tỷ')).toBeNaN()
    expect(parseViMoney('2 tỷ rưỡi')).toBeNaN()
    expect(parseViMoney('2 cái')).toBeNaN()
  })

  it('the budget page takes "2 tỷ" and answers a Vietnamese sentence otherwise (was "ceiling: Invalid input: expected number, received NaN")', () => {
    const ok = parseBudgetParams(new URLSearchParams('ceiling=2 tỷ&year=2027'))
    expect(ok).toMatchObject({ ok: true, data: { ceiling: 2_000_000_000, year: 2027 } })
    const bad = parseBudgetParams(new URLSearchParams('ceiling=hai tỷ&year=2027'))
    expect(bad).toEqual({ ok: false, error: 'budget.err.ceiling' })
    expect(messages.vi['budget.err.ceiling' as keyof typeof messages.vi]).toContain('2 tỷ, 500 triệu, 1.500.000.000')
    expect(messages.vi['budget.weighted' as keyof typeof messages.vi]).not.toContain('trọng số')
    expect(messages.vi['budget.bound' as keyof typeof messages.vi]).not.toContain('Cận trên')
  })
})

const job = (name: string, lastSuccessAt: string | null, lastStatus: string | null): JobFreshness => ({
  job: name,
  schedule: '*/5 * * * *',
  lastSuccessAt,
  lastRunAt: lastStatus ? '2026-12-07T01:00:00.000Z' : null,
  lastStatus,
  expectedSince: null,
  late: false,
})

describe('first load and the frame', () => {
  it('the first pull is running until the rollups have run once, with how many jobs are done', () => {
    const running = [job('dossiers', null, 'running'), job('ratings', '2026-12-07T01:00:00Z', 'ok'), job('rollups', null, null)]
    expect(firstLoadState(running, true)).toEqual({ done: 1, total: 3, running: ['dossiers'] })
    expect(firstLoadState(running, false)).toEqual({ done: 1, total: 3, running: ['dossiers'] })
    // Nothing running and no scheduler: nothing is loading (an empty install says "no data" instead).
    expect(firstLoadState([job('dossiers', null, null), job('rollups', null, null)], false)).toBeNull()
    expect(firstLoadState([job('dossiers', null, null), job('rollups', '2026-12-07T01:00:00Z', 'ok')], true)).toBeNull()
  })

  it('the map indicator (kpi) changes the URL without running the loader; the period still does', () => {
    const should = skipParamRevalidation('kpi')
    const args = (a: string, b: string) =>
      ({ currentUrl: new URL(`http://x/${a}`), nextUrl: new URL(`http://x/${b}`), defaultShouldRevalidate: true }) as Parameters<
        typeof should
      >[0]
    expect(should(args('?period=7d', '?period=7d&kpi=backlog'))).toBe(false)
    expect(should(args('?period=7d&kpi=backlog', '?period=30d&kpi=backlog'))).toBe(true)
  })

  it('the brand link goes to a page the viewer may open (an admin: not the overview, which answers 403)', () => {
    const visible = (roles: ('admin' | 'leadership')[]) => NAV.filter((n) => reach({ roles, communeCode: null }, n.perm) === 'all')
    expect(homePathFor({ roles: ['admin'], communeCode: null })).toBe('/admin/users')
    expect(homePathFor({ roles: ['it'], communeCode: null })).toBe('/data')
    expect(homePathFor({ roles: ['leadership'], communeCode: null })).toBe('/')
    // /settings and /admin are in an administrator's menu.
    expect(visible(['admin']).map((n) => n.to)).toEqual(['/settings', '/admin/users'])
  })
})

/** "oa", "oe", "uy" with the tone on the second vowel at the end of a syllable (not after q). */
const OLD_TONE = /(?<![qQ])([oO][àáảãạèéẻẽẹ]|[uU][ỳýỷỹỵ])(?![\p{L}])/u

describe('one spelling: new tone placement', () => {
  it('newToneSpelling moves the mark and keeps the case; quý and longer syllables are left alone', () => {
    expect(newToneSpelling('Thanh Hoá')).toBe('Thanh Hóa')
    expect(newToneSpelling('Thuỷ')).toBe('Thủy')
    expect(newToneSpelling('khoẻ mạnh')).toBe('khỏe mạnh')
    expect(newToneSpelling('QUẢNG HOÀ')).toBe('QUẢNG HÒA')
    expect(newToneSpelling('quý, hoàng, thuyền, Hóa')).toBe('quý, hoàng, thuyền, Hóa')
  })

  it('no dictionary string uses the old placement', () => {
    for (const lang of ['vi', 'en'] as const)
      for (const [k, v] of Object.entries(messages[lang])) expect(OLD_TONE.test(v), `${lang} ${k}: ${v}`).toBe(false)
  })

  it('reference names shown on the pages use the new placement (the national file writes Hoá, Thuỷ)', () => {
    const ref = readReference()
    const shown = [
      ...ref.provinces.flatMap((p) => [p.name, p.fullName]),
      ...ref.communes.flatMap((c) => [c.name, c.fullName, c.formedFromText]),
      ...ref.lineage.map((l) => l.oldUnitName),
    ]
    expect(shown.filter((s) => OLD_TONE.test(s))).toEqual([])
    expect(ref.provinces.find((p) => p.code === '38')?.name).toBe('Thanh Hóa')
    expect(ref.communes.find((c) => c.code === '18904')?.name).toBe('Dân Hóa')
  })
})
