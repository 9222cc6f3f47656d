/**
 * The page tables that the exports share: totals are ratios of sums (never averages of rates), a
 * not-computed 766 group stays out of the totals, equipment lines sum per type, complaint categories
 * land in their class, and the overview's map indicators read the right figure in the right direction.
 */
import { describe, expect, it } from 'vitest'
import { computeTotals } from '../app/lib/table-spec.ts'
import { overviewExport, MAP_KPI_SPECS } from '../app/dashboard/overview.tables.ts'
import { qd766Table, historyRows } from '../app/dashboard/commune.tables.ts'
import { byType, communeRows } from '../app/dashboard/equipment.tables.ts'
import { categoryRows, satisfactionTable } from '../app/dashboard/satisfaction.tables.ts'
import type { OverviewRow } from '../app/dashboard/overview.server.ts'
import type { SatisfactionRow } from '../app/dashboard/satisfaction.server.ts'
import type { EquipmentGap, Line766, TrendPoint, Complaints } from '../app/kpi/index.server.ts'

const row = (o: Partial<OverviewRow>): OverviewRow => ({
  code: '00001',
  name: 'A',
  type: 'xa',
  formedByMerger: false,
  received: null,
  toProcess: null,
  backlog: null,
  overdue: null,
  processed: null,
  processedOnTime: null,
  lateCount: null,
  onTimeRate: null,
  lateRate: null,
  satisfiedShare: null,
  satisfied: null,
  rated: null,
  receivedPerDay: null,
  perOfficerPerDay: null,
  overload: null,
  overloadNoData: false,
  overloadReasons: [],
  utilisation: null,
  qd766Total: null,
  qd766OutOf: null,
  qd766Share: null,
  equipmentGapVnd: null,
  ...o,
})

describe('overview table', () => {
  const rows = [
    row({
      code: '1',
      received: 100,
      toProcess: 120,
      processed: 80,
      processedOnTime: 76,
      lateCount: 10,
      onTimeRate: 0.95,
      satisfied: 9,
      rated: 10,
      backlog: 40,
      overdue: 6,
      equipmentGapVnd: 18_000_000,
      receivedPerDay: 5,
    }),
    row({
      code: '2',
      received: 10,
      toProcess: 20,
      processed: 20,
      processedOnTime: 10,
      lateCount: 10,
      onTimeRate: 0.5,
      satisfied: 0,
      rated: 0,
      backlog: 0,
      overdue: 0,
      equipmentGapVnd: 0,
      receivedPerDay: 0.5,
    }),
    // A commune whose figures could not be read: blank, and left out of the sums (never a zero).
    row({ code: '3' }),
  ]
  it('totals are sums for counts and ratios of sums for rates', () => {
    const t = computeTotals(overviewExport('vi', rows, []))
    expect(t.received).toBe(110)
    expect(t.backlog).toBe(40)
    expect(t.overdue).toBe(6)
    expect(t.equipmentGapVnd).toBe(18_000_000)
    expect(t.receivedPerDay).toBe(5.5)
    expect(t.onTimeRate).toBeCloseTo(86 / 100, 12) // not (0.95 + 0.5) / 2
    expect(t.lateRate).toBeCloseTo(20 / 140, 12)
    expect(t.satisfiedShare).toBeCloseTo(9 / 10, 12)
  })
  it('headers are Vietnamese by default and English on request', () => {
    expect(
      overviewExport('vi', rows, [])
        .columns.map((c) => c.header)
        .slice(0, 4),
    ).toEqual(['Đơn vị', 'Mã', 'Loại', 'Tiếp nhận'])
    expect(
      overviewExport('en', rows, [])
        .columns.map((c) => c.header)
        .slice(0, 4),
    ).toEqual(['Unit', 'Code', 'Type', 'Received'])
  })
  it('map indicators: overload is a level 0–2 with fixed classes; rates are read as fractions', () => {
    expect(MAP_KPI_SPECS.overload.value(row({ overload: 'watch' }))).toBe(1)
    expect(MAP_KPI_SPECS.overload.thresholds).toEqual([1, 2])
    expect(MAP_KPI_SPECS.on_time_rate.value(rows[0]!)).toBe(0.95)
    expect(MAP_KPI_SPECS.on_time_rate.higherIsBetter).toBe(true)
    expect(MAP_KPI_SPECS.backlog.higherIsBetter).toBe(false)
  })
})

describe('766 breakdown table', () => {
  const line = (code: string, group: string, points: number | null, max: number): Line766 =>
    ({
      code,
      group,
      max,
      basis: 'portal',
      numerator: null,
      denominator: null,
      rate: null,
      points,
      source: 'q766.source.none',
    }) as Line766
  const lines = [
    line('TDGQ', 'TDGQ', 17.27, 20),
    line('PAYMENT_ONLINE', 'TTTT', 5.52, 6),
    line('PAYMENT_FORMALITY', 'TTTT', null, 2),
    line('PETITION_PROCESSING_ON_TIME', 'MDHL', 2.95, 6),
  ]
  it('a line of a not-computed group stays out of the totals, so they equal the index total', () => {
    const t = computeTotals(qd766Table('vi', lines, [], { TDGQ: 17.27, TTTT: null, MDHL: 2.95 }))
    expect(t.points).toBe(20.22)
    expect(t.max).toBe(26)
  })
})

describe('commune history rows', () => {
  it('a month the rollup has no day for stays blank (a gap), not zero', () => {
    const pts = [
      {
        start: '2025-06-01',
        from: '2025-06-01',
        to: '2025-06-30',
        computed: false,
        backlog: null,
        avgProcessingDays: null,
        satisfiedShare: null,
      },
      {
        start: '2025-07-01',
        from: '2025-07-01',
        to: '2025-07-31',
        computed: true,
        avgProcessingDays: 3,
        satisfiedShare: 0.9,
        backlog: { received: 50, processed: 40, processedLate: 4, inProcess: 12, inProcessOverdue: 2, onTimeRate: 0.9 },
      },
    ] as unknown as TrendPoint[]
    expect(historyRows(pts)).toEqual([
      {
        month: '2025-06-01',
        from: '2025-06-01',
        to: '2025-06-30',
        received: null,
        processed: null,
        processedLate: null,
        inProcess: null,
        overdue: null,
        onTimeRate: null,
      },
      {
        month: '2025-07-01',
        from: '2025-07-01',
        to: '2025-07-31',
        received: 50,
        processed: 40,
        processedLate: 4,
        inProcess: 12,
        overdue: 2,
        onTimeRate: 0.9,
      },
    ])
  })
})

describe('equipment tables', () => {
  const line = (commune: string, type: string, required: number, working: number, gap: number, price: number) => ({
    commune,
    type,
    nameVi: type,
    nameEn: type,
    basis: 'counter' as const,
    required,
    working,
    broken: 0,
    gap,
    unitPriceVnd: price,
    costVnd: gap * price,
  })
  const gap = {
    commune: null,
    from: '',
    to: '',
    weights: { merged: 0.3, disadvantaged: 0.3, load: 0.2, digitisation: 0.2 },
    gapVnd: 0,
    lines: [
      line('A', 'computer', 3, 1, 2, 18_000_000),
      line('B', 'computer', 2, 2, 0, 18_000_000),
      line('A', 'kiosk', 1, 0, 1, 60_000_000),
    ],
    perCommune: [
      {
        commune: 'A',
        name: 'Xã A',
        countersConfigured: 3,
        countersNeeded: null,
        counters: 3,
        hasInventory: true,
        gapVnd: 96_000_000,
        priority: 1,
        weight: 1.6,
        reasons: [],
      },
      {
        commune: 'B',
        name: 'Xã B',
        countersConfigured: 2,
        countersNeeded: null,
        counters: 2,
        hasInventory: true,
        gapVnd: 0,
        priority: null,
        weight: 1,
        reasons: [],
      },
    ],
  } as EquipmentGap
  it('sums lines per type, most expensive first, and counts the communes short', () => {
    expect(byType(gap.lines).map((r) => [r.type, r.required, r.working, r.gap, r.costVnd, r.communesShort])).toEqual([
      ['kiosk', 1, 0, 1, 60_000_000, 1],
      ['computer', 5, 3, 2, 36_000_000, 1],
    ])
  })
  it('counts units missing per commune', () => {
    expect(communeRows(gap).map((r) => [r.code, r.gapUnits, r.gapVnd, r.priority])).toEqual([
      ['A', 3, 96_000_000, 1],
      ['B', 0, 0, null],
    ])
  })
})

describe('satisfaction tables', () => {
  it('harassment, extra papers and VNeID demanded are complaints about officials\u2019 behaviour', () => {
    const z = { total: 0, handled: 0, onTime: 0, overdue: 0, answered: 0, satisfied: 0 }
    const c = {
      byCategory: {
        nhung_nhieu: { ...z, total: 2 },
        them_giay_to: z,
        yeu_cau_vneid: { ...z, total: 1 },
        cham_tre: { ...z, total: 5 },
        thai_do: z,
        khac: z,
      },
    } as unknown as Complaints
    const rows = categoryRows(c)
    expect(rows.filter((r) => r.cls === 'hanh_vi').map((r) => r.key)).toEqual(['nhung_nhieu', 'them_giay_to', 'yeu_cau_vneid', 'thai_do'])
    expect(rows.find((r) => r.key === 'cham_tre')).toMatchObject({ cls: 'quy_dinh', total: 5 })
  })
  it('the share satisfied totals as satisfied / rated over the communes', () => {
    const r = (rated: number, satisfied: number, complaints: number, onTime: number) =>
      ({
        code: 'x',
        name: 'x',
        rated,
        satisfied,
        satisfiedShare: rated ? satisfied / rated : null,
        landRated: 0,
        landSatisfiedShare: null,
        complaints,
        harassment: 0,
        extraPapers: 0,
        vneid: 0,
        behaviour: 0,
        onTime,
        onTimeRate: complaints ? onTime / complaints : null,
      }) as SatisfactionRow
    const t = computeTotals(satisfactionTable('vi', [r(100, 90, 4, 1), r(10, 1, 0, 0)], []))
    expect(t.satisfiedShare).toBeCloseTo(91 / 110, 12)
    expect(t.onTimeRate).toBeCloseTo(1 / 4, 12)
    expect(t.rated).toBe(110)
  })
})

describe('procedures by field', () => {
  it('sums the procedure mix per field, largest first, with the late rate of the sums', async () => {
    const { fieldRows, fieldsTable } = await import('../app/dashboard/commune.tables.ts')
    const p = (fieldCode: string, received: number, late: number, supplementRequested = 0) =>
      ({ fieldCode, received, late, supplementRequested }) as never
    const rows = fieldRows([p('ho_tich', 30, 1), p('dat_dai', 12, 6, 4), p('ho_tich', 20, 0), p('dat_dai', 8, 2)])
    expect(rows).toEqual([
      { fieldCode: 'ho_tich', procedures: 2, received: 50, supplementRequested: 0, late: 1 },
      { fieldCode: 'dat_dai', procedures: 2, received: 20, supplementRequested: 4, late: 8 },
    ])
    expect(computeTotals(fieldsTable('vi', rows, [])).lateRate).toBeCloseTo(9 / 70, 12)
  })
})
