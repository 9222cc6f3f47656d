/** Pure chart preparation: classes, map geometry, series, sparklines, top-N, table search/sort, tiles. */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classOf, colourOf, legend, makeClasses, NO_DATA_COLOUR, PALETTE, quantileBreaks } from '../app/lib/charts/classes.ts'
import { prepareMapGeometry, selectFeatures, topologyFeatures, type FeatureCollection } from '../app/lib/charts/map.ts'
import { prepareSparkline } from '../app/lib/charts/sparkline.ts'
import { prepareTopN } from '../app/lib/charts/topn.ts'
import { paginate, rankBy, searchRows, sortRows } from '../app/lib/charts/table.ts'
import { prepareTile } from '../app/lib/charts/tile.ts'

const geo = path.resolve(import.meta.dirname, '../public/geo')

describe('choropleth classes', () => {
  it('quantile breaks split ten values into five classes of two', () => {
    const vals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(quantileBreaks(vals, 5)).toEqual([3, 5, 7, 9])
    const c = makeClasses(vals, { higherIsBetter: false })
    expect(legend(c, vals).items.map((i) => i.count)).toEqual([2, 2, 2, 2, 2])
  })

  it('ties collapse (no empty class) and missing values are counted apart in grey', () => {
    const vals = [0, 0, 0, 0, 0, 0, 5, 9, null, undefined]
    const c = makeClasses(vals, { higherIsBetter: false })
    expect(c.breaks).toEqual([5, 9])
    const l = legend(c, vals)
    expect(l.items.map((i) => [i.from, i.to, i.count])).toEqual([
      [null, 5, 6],
      [5, 9, 1],
      [9, null, 1],
    ])
    expect(l.missing).toBe(2)
    expect(colourOf(c, null)).toBe(NO_DATA_COLOUR)
  })

  it('the darkest colour is the worst end: lowest on-time rate, highest backlog', () => {
    const onTime = makeClasses([0.5, 0.9], { method: 'threshold', thresholds: [0.8], higherIsBetter: true })
    expect(colourOf(onTime, 0.5)).toBe(PALETTE[4])
    expect(colourOf(onTime, 0.9)).toBe(PALETTE[0])
    const backlog = makeClasses([], { method: 'threshold', thresholds: [10, 50], higherIsBetter: false })
    expect(classOf(backlog, 10)).toBe(1) // a break belongs to the upper class
    expect(colourOf(backlog, 100)).toBe(PALETTE[4])
    expect(colourOf(backlog, 0)).toBe(PALETTE[0])
  })
})

describe('map geometry', () => {
  const qt = JSON.parse(fs.readFileSync(path.join(geo, 'quang-tri-communes.geojson'), 'utf8')) as FeatureCollection

  it('draws one path per Quảng Trị commune inside the box, with the commune code', () => {
    const g = prepareMapGeometry(qt.features, 640, 620)
    expect(g.shapes).toHaveLength(78)
    expect(new Set(g.shapes.map((s) => s.code)).size).toBe(78)
    for (const s of g.shapes) {
      expect(s.d.startsWith('M')).toBe(true)
      expect(s.cx).toBeGreaterThanOrEqual(0)
      expect(s.cx).toBeLessThanOrEqual(640)
      expect(s.cy).toBeGreaterThanOrEqual(0)
      expect(s.cy).toBeLessThanOrEqual(620)
    }
    expect(g.shapes.find((s) => s.code === '18859')?.name).toBe('Đồng Thuận')
    // Each commune is a small part of the map, not the whole box (a mis-wound ring covers the globe).
    for (const s of g.shapes) {
      const xs = [...s.d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]))
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(400)
    }
  })

  it('rewinds a counter-clockwise (RFC 7946) ring so it is not read as the whole globe', () => {
    const ccw = {
      type: 'Feature' as const,
      properties: { code: 'x' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106, 17],
            [106.1, 17],
            [106.1, 17.1],
            [106, 17.1],
            [106, 17],
          ],
        ],
      },
    }
    const cw = {
      ...ccw,
      properties: { code: 'y' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106, 17],
            [106, 17.1],
            [106.1, 17.1],
            [106.1, 17],
            [106, 17],
          ],
        ],
      },
    }
    const g = prepareMapGeometry([ccw, cw], 100, 100)
    const box = (d: string) => {
      const pts = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
      return [
        Math.min(...pts.map((p) => p[0]!)),
        Math.max(...pts.map((p) => p[0]!)),
        Math.min(...pts.map((p) => p[1]!)),
        Math.max(...pts.map((p) => p[1]!)),
      ]
    }
    // Both describe the same small square, fitted to the 100 × 100 box (not a globe with a hole).
    expect(box(g.shapes[0]!.d)).toEqual(box(g.shapes[1]!.d))
    expect(box(g.shapes[0]!.d)[1]! - box(g.shapes[0]!.d)[0]!).toBeGreaterThan(90)
  })

  it('selects the province from the national TopoJSON by commune codes', () => {
    const topo = JSON.parse(fs.readFileSync(path.join(geo, 'vn-communes.topojson'), 'utf8'))
    const codes = qt.features.slice(0, 5).map((f) => String(f.properties.code))
    const fs5 = topologyFeatures(topo, codes)
    expect(fs5.map((f) => f.properties.code).sort()).toEqual([...codes].sort())
    expect(prepareMapGeometry(fs5, 300, 300).shapes).toHaveLength(5)
    expect(selectFeatures(qt, ['18859', 'nope'])).toHaveLength(1)
  })
})

describe('sparkline', () => {
  it('scales into the box and breaks the line at a gap', () => {
    const g = prepareSparkline([0, 10, null, 5], 32, 12, 2)
    expect(g.segments).toEqual(['2,10 11.3,2', '30,6'])
    expect(g.last).toEqual({ x: 30, y: 6 })
    expect([g.min, g.max]).toEqual([0, 10])
  })
  it('draws nothing for no values, and a flat line in the middle', () => {
    expect(prepareSparkline([null, null]).segments).toEqual([])
    expect(prepareSparkline([3, 3], 10, 10, 0).segments).toEqual(['0,5 10,5'])
  })
})

describe('top N', () => {
  it('keeps the N largest and folds the rest into "and N more"', () => {
    const r = prepareTopN([{ v: 1 }, { v: 9 }, { v: null }, { v: 4 }, { v: 4 }], 2, (x) => x.v)
    expect(r.top.map((x) => x.v)).toEqual([9, 4])
    expect(r.rest).toEqual({ count: 2, value: 5 })
    expect(prepareTopN([{ v: 1 }], 3, (x) => x.v).rest).toBeNull()
  })
})

describe('table', () => {
  const rows = [
    { name: 'Đông Hà', v: 3 },
    { name: 'Đồng Hới', v: null },
    { name: 'Ái Tử', v: 10 },
    { name: 'Bố Trạch', v: 3 },
  ]
  it('"dong ha" finds Đông Hà; every word must match', () => {
    expect(searchRows(rows, 'dong ha', (r) => [r.name]).map((r) => r.name)).toEqual(['Đông Hà'])
    expect(searchRows(rows, '  DONG ', (r) => [r.name]).map((r) => r.name)).toEqual(['Đông Hà', 'Đồng Hới'])
    expect(searchRows(rows, '', (r) => [r.name])).toHaveLength(4)
  })
  it('sorts in Vietnamese order with missing values last both ways, ties stable', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual(['Ái Tử', 'Bố Trạch', 'Đông Hà', 'Đồng Hới'])
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.name)).toEqual(['Ái Tử', 'Đông Hà', 'Bố Trạch', 'Đồng Hới'])
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.name)).toEqual(['Đông Hà', 'Bố Trạch', 'Ái Tử', 'Đồng Hới'])
  })
  it('ranks with shared places and pages', () => {
    const rank = rankBy(rows, (r) => r.v, true)
    expect(rows.map((r) => rank.get(r))).toEqual([2, null, 1, 2])
    expect(paginate([1, 2, 3, 4, 5], 9, 2)).toEqual({ rows: [5], page: 3, pages: 3, total: 5 })
  })
})

describe('KPI tile', () => {
  it('an on-time rate up vs previous and above target is good on both counts', () => {
    const v = prepareTile({ value: 0.9, previous: 0.8, target: 0.85, direction: 'higher_better' })
    expect(v.trend).toBe('up')
    expect(v.delta).toBeCloseTo(0.1, 12)
    expect(v.deltaRatio).toBeCloseTo(0.125, 12)
    expect(v.trendVerdict).toBe('good')
    expect(v.targetVerdict).toBe('good')
  })
  it('a backlog that grew is bad; no previous period gives no trend, never a fake zero', () => {
    const v = prepareTile({ value: 120, previous: 100, target: null, direction: 'lower_better' })
    expect([v.trend, v.trendVerdict, v.targetVerdict]).toEqual(['up', 'bad', 'unknown'])
    const n = prepareTile({ value: 5, previous: null, direction: 'lower_better' })
    expect([n.delta, n.trend, n.trendVerdict]).toEqual([null, null, 'unknown'])
    expect(prepareTile({ value: 5, previous: 0, direction: 'lower_better' }).deltaRatio).toBeNull()
    expect(prepareTile({ value: null, previous: 3, direction: 'lower_better' }).value).toBeNull()
  })
})
