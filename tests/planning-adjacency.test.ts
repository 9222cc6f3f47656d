import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  adjacencyFromShapes,
  adjacencyFromTopology,
  canReach,
  distanceKm,
  haversineKm,
  reachableFrom,
  ringsOf,
} from '../app/planning/adjacency.ts'
import { provinceReach } from '../app/planning/geo.server.ts'
import { geoDir } from '../db/paths.ts'

const fc = JSON.parse(fs.readFileSync(path.join(geoDir, 'quang-tri-communes.geojson'), 'utf8')) as GeoJSON.FeatureCollection<
  GeoJSON.Polygon,
  { code: string; name: string }
>
const byName = new Map(fc.features.map((f) => [f.properties.name, f.properties.code]))
const code = (name: string) => byName.get(name)!
const names = (codes: Iterable<string>) => [...codes].map((c) => fc.features.find((f) => f.properties.code === c)!.properties.name).sort()
const reach = provinceReach(
  '44',
  fc.features.map((f) => f.properties.code),
)

describe('haversine', () => {
  it('one degree of longitude on the equator is 111.195 km', () => {
    expect(haversineKm([0, 0], [1, 0])).toBeCloseTo(111.195, 3)
  })
})

describe('adjacency on the real Quảng Trị boundaries (78 communes)', () => {
  it('finds the neighbours of Đông Hà, Lao Bảo and Đồng Hới as on the map', () => {
    expect(names(reach.adjacent.get(code('Đông Hà'))!)).toEqual(['Gio Linh', 'Hiếu Giang', 'Nam Đông Hà', 'Triệu Bình', 'Ái Tử'].sort())
    expect(names(reach.adjacent.get(code('Lao Bảo'))!)).toEqual(['Hướng Phùng', 'Khe Sanh', 'Lìa', 'Tân Lập'].sort())
    expect(names(reach.adjacent.get(code('Đồng Hới'))!)).toEqual(['Ninh Châu', 'Quảng Ninh', 'Đồng Sơn', 'Đồng Thuận'].sort())
  })

  it('is symmetric, has 183 touching pairs, and the island Cồn Cỏ touches nothing', () => {
    let pairs = 0
    for (const [a, ns] of reach.adjacent)
      for (const b of ns) {
        expect(reach.adjacent.get(b)!.has(a)).toBe(true)
        pairs++
      }
    expect(pairs / 2).toBe(183)
    expect(reach.adjacent.get(code('Cồn Cỏ'))!.size).toBe(0)
  })

  it('a single common corner point is not a border (Ba Lòng / Nam Hải Lăng touch at one vertex)', () => {
    const shapes = fc.features.map((f) => ({ code: f.properties.code, rings: ringsOf(f.geometry) }))
    const corner = adjacencyFromShapes(shapes, { toleranceKm: 0, minContacts: 1 })
    expect(corner.get(code('Ba Lòng'))!.has(code('Nam Hải Lăng'))).toBe(true)
    expect(reach.adjacent.get(code('Ba Lòng'))!.has(code('Nam Hải Lăng'))).toBe(false)
  })

  it('agrees with the national TopoJSON (shared arcs) on all but one pair', () => {
    const topo = JSON.parse(fs.readFileSync(path.join(geoDir, 'vn-communes.topojson'), 'utf8'))
    const national = adjacencyFromTopology(topo, 'layer', new Set(byName.values()))
    const diff: string[] = []
    for (const [a, ns] of reach.adjacent) for (const b of ns) if (a < b && !national.get(a)!.has(b)) diff.push(names([a, b]).join('–'))
    for (const [a, ns] of national)
      for (const b of ns) if (a < b && !reach.adjacent.get(a)!.has(b)) diff.push('national only: ' + names([a, b]).join('–'))
    expect(diff).toEqual(['A Dơi–Đakrông'])
  })

  it('distances and reach rules: Đông Hà–Đồng Hới 86 km apart and not adjacent; Cồn Cỏ reaches Cửa Tùng only within 30 km', () => {
    expect(distanceKm(reach, code('Đông Hà'), code('Đồng Hới'))).toBeCloseTo(86.19, 1)
    expect(distanceKm(reach, code('Đông Hà'), code('Nam Đông Hà'))).toBeCloseTo(3.72, 1)
    expect(canReach(reach, code('Đông Hà'), code('Nam Đông Hà'), { mode: 'adjacent', maxKm: null })).toBe(true)
    expect(canReach(reach, code('Đông Hà'), code('Nam Đông Hà'), { mode: 'adjacent', maxKm: 3 })).toBe(false)
    expect(canReach(reach, code('Đông Hà'), code('Đồng Hới'), { mode: 'either', maxKm: 50 })).toBe(false)
    expect(reachableFrom(reach, code('Cồn Cỏ'), { mode: 'adjacent', maxKm: null })).toEqual([])
    expect(names(reachableFrom(reach, code('Cồn Cỏ'), { mode: 'either', maxKm: 30 }))).toEqual(['Cửa Tùng'])
  })
})
