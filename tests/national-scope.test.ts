/**
 * The whole country, fast (issue 15, ADR 041), on the real engines: a read whose scope is every commune of a
 * national deployment sends no 3,321-code list (`IN_SCOPE`) and gives the same figures as the list; the long
 * national tables are sorted, searched and paged on the server; the national staffing and 766 pages rank the
 * provinces from the same per-commune rows (counts summed, rates as ratios of sums); ranking 3,321 communes
 * keeps the "1, 2, 2, 4" rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IN_SCOPE, scopeParams } from '../db/clickhouse/query.ts'
import { storesInProvince } from '../db/province-view.ts'
import { backlogByCommune, sumBacklogs } from '../app/kpi/backlog.server.ts'
import { resolveScope } from '../app/kpi/scope.server.ts'
import { onSite, onSiteByCommune, type StaffMember } from '../app/kpi/staffing-model.server.ts'
import { rankProvinceStaffing, type StaffingRow } from '../app/dashboard/staffing.server.ts'
import { rankProvince766, type ScoreRow } from '../app/dashboard/qd766.server.ts'
import { pageIfLong, pageRows, PAGE_OVER } from '../app/lib/paging.ts'
import { rankBy } from '../app/lib/charts/table.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { insertDossiers, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const PHU_XUAN = '19753' // Huế (46)
const FROM = '2026-03-09'
const TO = '2026-03-13'

/** `n` dossiers received Monday, due Wednesday: `onTime` finished Tuesday, the rest Thursday (late). */
function batch(prefix: string, commune: string, onTime: number, late: number): DossierFixture[] {
  const base = { commune, received: '2026-03-09 08:00', due: '2026-03-11 17:00' }
  return [
    ...Array.from({ length: onTime }, (_, i) => ({ ...base, id: `${prefix}-ok-${i}`, finished: '2026-03-10 10:00' })),
    ...Array.from({ length: late }, (_, i) => ({ ...base, id: `${prefix}-late-${i}`, finished: '2026-03-12 10:00' })),
  ]
}

let s: TestStores
beforeAll(async () => {
  s = await openTestStores({ PROVINCE_CODE: 'all' })
  await insertDossiers(s.ch, [...batch('H', QT.dongHoi, 3, 1), ...batch('P', PHU_XUAN, 1, 2)])
  await refreshRollups(s, { fromDay: '2026-02-01', toDay: '2026-03-31', communes: [QT.dongHoi, PHU_XUAN] })
}, 120_000)
afterAll(async () => s?.dispose())

describe('the scope filter of a national read', () => {
  it('sends no list when the scope is every commune of the deployment, and a list otherwise', async () => {
    const { codes } = await resolveScope(s)
    expect(codes).toHaveLength(3321)
    expect(scopeParams(s.ch, IN_SCOPE.text, { communes: codes }, 'query')).toEqual({ communes: [], every_commune: true })
    // In another order, too; one commune short is a list; a statement (the rollups' grid) always gets the list.
    expect(scopeParams(s.ch, IN_SCOPE.text, { communes: [...codes].reverse() }, 'query').every_commune).toBe(true)
    expect(scopeParams(s.ch, IN_SCOPE.text, { communes: codes.slice(1) }, 'query')).toEqual({
      communes: codes.slice(1),
      every_commune: false,
    })
    expect(scopeParams(s.ch, IN_SCOPE.text, { communes: codes }, 'command')).toEqual({ communes: codes, every_commune: false })
  })

  it('gives the nation the figures of its communes, and a province (a list) the same per-commune figures', async () => {
    const { codes } = await resolveScope(s)
    const nation = await backlogByCommune(s, codes, FROM, TO)
    const hue = await backlogByCommune(storesInProvince(s, '46'), [PHU_XUAN], FROM, TO)
    const qt = await backlogByCommune(s, [QT.dongHoi], FROM, TO)
    expect(nation.size).toBe(3321)
    expect([nation.get(QT.dongHoi)!.received, nation.get(QT.dongHoi)!.processedLate]).toEqual([4, 1])
    expect([nation.get(PHU_XUAN)!.received, nation.get(PHU_XUAN)!.processedLate]).toEqual([3, 2])
    expect(nation.get(PHU_XUAN)).toEqual(hue.get(PHU_XUAN))
    expect(nation.get(QT.dongHoi)).toEqual(qt.get(QT.dongHoi))
    const all = sumBacklogs([...nation.values()])
    // 4 of 7 processed on time.
    expect([all.received, all.processed, all.processedLate, all.onTimeRate]).toEqual([7, 7, 3, 4 / 7])
  })
})

describe('a long table paged on the server', () => {
  const names = ['Đông Hà', 'Đồng Hới', 'Ba Đình', 'Hải Châu']
  const rows = Array.from({ length: 250 }, (_, i) => ({ code: String(10000 + i), name: `${names[i % 4]} ${i}`, v: i % 7 === 0 ? null : i }))
  const spec = {
    text: (r: (typeof rows)[number]) => [r.name],
    value: (r: (typeof rows)[number], key: string) => (key === 'v' || key === 'name' ? r[key] : undefined),
    sort: { key: 'v', dir: 'desc' as const },
  }

  it('sorts (missing values last), cuts pages of 50 and counts what the search kept', () => {
    const p2 = pageRows(rows, new URLSearchParams('page=2'), spec)
    expect(p2.paging).toMatchObject({ page: 2, pages: 5, total: 250, matched: 250, offset: 50, sort: 'v', dir: 'desc', q: '' })
    expect(p2.rows.map((r) => r.v).slice(0, 3)).toEqual([191, 190, 188])
    const last = pageRows(rows, new URLSearchParams('page=99'), spec)
    expect(last.paging.page).toBe(5)
    expect(last.rows.at(-1)!.v).toBeNull()
  })

  it('searches without diacritics, sorts on a known column only, and leaves a province-sized table whole', () => {
    const found = pageRows(rows, new URLSearchParams('q=dong ha&sort=v&dir=asc'), spec)
    expect(found.paging).toMatchObject({ matched: 63, pages: 2, sort: 'v', dir: 'asc' })
    expect(found.rows.slice(0, 2).map((r) => r.name)).toEqual(['Đông Hà 4', 'Đông Hà 8'])
    expect(pageRows(rows, new URLSearchParams('sort=nope&dir=asc'), spec).paging).toMatchObject({ sort: 'v', dir: 'desc' })
    expect(pageIfLong(rows.slice(0, PAGE_OVER), new URLSearchParams('page=2'), spec)).toEqual({
      rows: rows.slice(0, PAGE_OVER),
      paging: null,
    })
  })
})

describe('the national pages rank the provinces from the commune rows', () => {
  const provinces = [
    { code: '44', name: 'Quảng Trị' },
    { code: '46', name: 'Huế' },
  ]
  const provinceOf = new Map([
    ['A', '44'],
    ['B', '44'],
    ['C', '46'],
  ])

  it('staffing: sums required, assigned and the positive gaps; counts the overloaded communes', () => {
    const row = (code: string, required: number | null, assigned: number | null, level: StaffingRow['level']) =>
      ({
        code,
        name: code,
        required,
        assigned,
        gap: required !== null && assigned !== null ? required - assigned : null,
        predictedLate: 1.5,
        level,
      }) as StaffingRow
    const ranked = rankProvinceStaffing(
      [row('A', 6, 4, 'overload'), row('B', 3, 5, 'normal'), row('C', 5, 4, 'watch')],
      provinceOf,
      provinces,
    )
    expect(
      ranked.map((p) => [
        p.code,
        p.communes,
        p.required,
        p.assigned,
        p.gap,
        p.shortage,
        p.predictedLate,
        p.overloadCommunes,
        p.watchCommunes,
      ]),
    ).toEqual([
      ['44', 2, 9, 9, 0, 2, 3, 1, 0],
      ['46', 1, 5, 4, 1, 1, 1.5, 0, 1],
    ])
  })

  it('766: TDGQ is Σ on time ÷ Σ to process (not a mean of rates); no province total', () => {
    const row = (code: string, num: number, den: number, share: number, rank: number) =>
      ({ code, name: code, tdgqNumerator: num, tdgqDenominator: den, share, rank, total: share * 80 }) as unknown as ScoreRow
    const [qt, hue] = rankProvince766([row('A', 9, 10, 0.9, 1), row('B', 0, 2, 0.5, 3), row('C', 2, 5, 0.7, 2)], provinceOf, provinces)
    expect(qt).toMatchObject({
      code: '44',
      communes: 2,
      scored: 2,
      tdgqNumerator: 9,
      tdgqDenominator: 12,
      tdgqRate: 0.75,
      bestName: 'A',
      worstName: 'B',
    })
    expect(hue).toMatchObject({ code: '46', tdgqRate: 0.4, bestShare: 0.7 })
    expect(qt).not.toHaveProperty('total')
  })

  it('ranks ties alike ("1, 2, 2, 4") and groups the staff on site per commune as onSite does', () => {
    const vals = [5, 3, null, 3, 1, Number.NaN]
    const r = rankBy(vals, (v) => v, true)
    expect(vals.map((v) => r.get(v))).toEqual([1, 2, null, 2, 4, null])
    const staff: StaffMember[] = [
      { id: '1', name: 'a', position: '', skills: ['ho_tich'], fte: 1, commune: 'A' },
      { id: '2', name: 'b', position: '', skills: [], fte: 0.5, commune: 'C' },
      { id: '3', name: 'c', position: '', skills: [], fte: 1, commune: null },
      { id: '4', name: 'd', position: '', skills: [], fte: 1, commune: 'A' },
    ]
    const by = onSiteByCommune(staff)
    for (const c of ['A', 'B', 'C']) expect(by.get(c) ?? []).toEqual(onSite(staff, c))
  })
})
