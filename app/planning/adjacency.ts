/**
 * Which communes are near enough to share officers.
 *
 * Two facts per pair of communes:
 *  - adjacent: the boundaries touch. From GeoJSON (Quảng Trị's finer file): the polygons share a vertex, or a
 *    vertex of one lies within `toleranceKm` (default 0.1 km) of a boundary segment of the other — the files are
 *    simplified and rounded to 1e-4° (≈ 11 m), so a common border is not always made of identical vertices.
 *    At least two such points are required: a single common point is a corner touch, not a shared border.
 *    From TopoJSON (the national file): the polygons share an arc (topojson-client `neighbors`), which is exact.
 *  - distance: great-circle (haversine) distance between the centroids, in km.
 * A reach rule turns these into "may an officer move from A to B":
 *    'adjacent'  the boundaries touch (and, if maxKm is set, centroids within maxKm)
 *    'distance'  centroids within maxKm
 *    'either'    adjacent, or centroids within maxKm
 * An island (Cồn Cỏ) has no neighbour: only a distance rule can reach it.
 */
import { neighbors } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

export type LonLat = [number, number]

export interface CommuneShape {
  code: string
  /** Outer and inner rings of every polygon, [lon, lat]. */
  rings: LonLat[][]
}

const EARTH_RADIUS_KM = 6371.0088

export function haversineKm(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLon = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The rings of a Polygon or MultiPolygon; other geometry types have none. */
export function ringsOf(geometry: GeoJSON.Geometry | null): LonLat[][] {
  if (!geometry) return []
  if (geometry.type === 'Polygon') return geometry.coordinates as LonLat[][]
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as LonLat[][][]).flat()
  return []
}

interface Box {
  minX: number
  minY: number
  maxX: number
  maxY: number
}
function bbox(rings: LonLat[][]): Box {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  for (const r of rings)
    for (const [x, y] of r) {
      if (x < b.minX) b.minX = x
      if (x > b.maxX) b.maxX = x
      if (y < b.minY) b.minY = y
      if (y > b.maxY) b.maxY = y
    }
  return b
}

/** Distance in km from p to segment ab, on a local equirectangular projection (exact enough under 1 km). */
function pointSegmentKm(p: LonLat, a: LonLat, b: LonLat): number {
  const kx = 111.32 * Math.cos((p[1] * Math.PI) / 180)
  const ky = 110.574
  const ax = (a[0] - p[0]) * kx
  const ay = (a[1] - p[1]) * ky
  const bx = (b[0] - p[0]) * kx
  const by = (b[1] - p[1]) * ky
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
  return Math.hypot(ax + t * dx, ay + t * dy)
}

/** Vertices of `a` lying on the boundary of `b` (same vertex, or within tolKm of a segment), counted up to `enough`. */
function contacts(
  a: CommuneShape,
  b: CommuneShape,
  boxB: Box,
  tolDeg: number,
  tolKm: number,
  shared: Set<string>,
  enough: number,
  seen: Set<string>,
): number {
  for (const r of a.rings)
    for (const p of r) {
      if (seen.size >= enough) return seen.size
      if (p[0] < boxB.minX - tolDeg || p[0] > boxB.maxX + tolDeg || p[1] < boxB.minY - tolDeg || p[1] > boxB.maxY + tolDeg) continue
      const key = `${p[0]},${p[1]}`
      if (seen.has(key)) continue
      if (shared.has(key)) {
        seen.add(key)
        continue
      }
      outer: for (const s of b.rings)
        for (let i = 1; i < s.length; i++)
          if (pointSegmentKm(p, s[i - 1], s[i]) <= tolKm) {
            seen.add(key)
            break outer
          }
    }
  return seen.size
}

/**
 * Adjacency from polygons: at least `minContacts` (default 2) distinct boundary points in common — shared
 * vertices, or vertices within `toleranceKm` of the other's boundary. One point alone is a corner touch
 * (four communes meeting at a point), not a border, and does not count.
 */
export function adjacencyFromShapes(
  shapes: readonly CommuneShape[],
  opts: { toleranceKm?: number; minContacts?: number } = {},
): Map<string, Set<string>> {
  const tolKm = opts.toleranceKm ?? 0.1
  const minContacts = opts.minContacts ?? 2
  const tolDeg = tolKm / 100 // generous: 1° ≥ 100 km at these latitudes
  const out = new Map<string, Set<string>>(shapes.map((s) => [s.code, new Set<string>()]))
  const boxes = shapes.map((s) => bbox(s.rings))
  const vertexSets = shapes.map((s) => new Set(s.rings.flatMap((r) => r.map((p) => `${p[0]},${p[1]}`))))
  for (let i = 0; i < shapes.length; i++)
    for (let j = i + 1; j < shapes.length; j++) {
      const A = boxes[i]
      const B = boxes[j]
      if (A.maxX + tolDeg < B.minX || B.maxX + tolDeg < A.minX || A.maxY + tolDeg < B.minY || B.maxY + tolDeg < A.minY) continue
      const seen = new Set<string>()
      contacts(shapes[i], shapes[j], B, tolDeg, tolKm, vertexSets[j], minContacts, seen)
      contacts(shapes[j], shapes[i], A, tolDeg, tolKm, vertexSets[i], minContacts, seen)
      if (seen.size >= minContacts) {
        out.get(shapes[i].code)!.add(shapes[j].code)
        out.get(shapes[j].code)!.add(shapes[i].code)
      }
    }
  return out
}

/** Adjacency from a TopoJSON object (shared arcs), restricted to `codes` when given. */
export function adjacencyFromTopology(topo: Topology, objectName: string, codes?: ReadonlySet<string>): Map<string, Set<string>> {
  const layer = topo.objects[objectName] as GeometryCollection<{ code?: string }>
  if (!layer || layer.type !== 'GeometryCollection') throw new Error(`adjacency: no GeometryCollection "${objectName}" in the topology`)
  const codeOf = (g: (typeof layer.geometries)[number]) => (g.properties as { code?: string } | undefined)?.code ?? ''
  const geoms = layer.geometries.filter((g) => codeOf(g) !== '' && (!codes || codes.has(codeOf(g))))
  const nb = neighbors(geoms)
  const out = new Map<string, Set<string>>()
  geoms.forEach((g, i) => out.set(codeOf(g), new Set(nb[i].map((k) => codeOf(geoms[k])))))
  return out
}

export interface Reach {
  adjacent: ReadonlyMap<string, ReadonlySet<string>>
  centroids: ReadonlyMap<string, LonLat>
}

export interface ReachRule {
  mode: 'adjacent' | 'distance' | 'either'
  /** Centroid distance limit; null = no limit (only meaningful with 'adjacent'). */
  maxKm: number | null
}

export function distanceKm(reach: Reach, a: string, b: string): number | null {
  const ca = reach.centroids.get(a)
  const cb = reach.centroids.get(b)
  return ca && cb ? haversineKm(ca, cb) : null
}

/** May an officer of `from` work in `to` under `rule`? A commune always reaches itself. */
export function canReach(reach: Reach, from: string, to: string, rule: ReachRule): boolean {
  if (from === to) return true
  const adj = reach.adjacent.get(from)?.has(to) ?? false
  const d = distanceKm(reach, from, to)
  const near = rule.maxKm !== null && d !== null && d <= rule.maxKm
  if (rule.mode === 'adjacent') return adj && (rule.maxKm === null || near)
  if (rule.mode === 'distance') return near
  return adj || near
}

/** Every commune `from` can send officers to under `rule` (itself excluded), sorted by code. */
export function reachableFrom(reach: Reach, from: string, rule: ReachRule): string[] {
  const all = new Set<string>([...reach.centroids.keys(), ...reach.adjacent.keys()])
  return [...all].filter((c) => c !== from && canReach(reach, from, c, rule)).sort()
}
