/**
 * Choropleth geometry: GeoJSON features → one SVG path per commune, projected with d3-geo's Mercator
 * fitted to the drawing box. Pure (the caller reads the boundary file), so it runs on the server and the
 * page ships only path strings.
 */
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo'
import { feature } from 'topojson-client'
import type { Topology, GeometryCollection } from 'topojson-specification'

export interface CommuneFeature {
  type: 'Feature'
  properties: { code: string; name?: string; fullName?: string; [k: string]: unknown }
  geometry: { type: string; coordinates: unknown }
}
export interface FeatureCollection {
  type: 'FeatureCollection'
  features: CommuneFeature[]
}

export interface MapShape {
  code: string
  name: string
  /** SVG path data in the viewBox coordinates. */
  d: string
  /** Label anchor (projected centroid). */
  cx: number
  cy: number
}

export interface MapGeometry {
  width: number
  height: number
  shapes: MapShape[]
}

/** Features whose `code` is in `codes` (all when codes is undefined), in the order of the file. */
export function selectFeatures(fc: FeatureCollection, codes?: Iterable<string>): CommuneFeature[] {
  if (!codes) return fc.features
  const want = new Set(codes)
  return fc.features.filter((f) => want.has(String(f.properties.code)))
}

/** A national TopoJSON object → GeoJSON features (only the wanted codes are converted). */
export function topologyFeatures(topo: Topology, codes?: Iterable<string>): CommuneFeature[] {
  const key = Object.keys(topo.objects)[0]!
  const obj = topo.objects[key] as GeometryCollection<{ code: string }>
  const want = codes ? new Set(codes) : null
  const geoms = want
    ? obj.geometries.filter((g) => want.has(String((g.properties as { code?: string } | undefined)?.code)))
    : obj.geometries
  const fc = feature(topo, { ...obj, geometries: geoms }) as unknown as FeatureCollection
  return fc.features
}

/** Rounds path numbers to 1 decimal: a 78-commune map drops from ~400 kB to ~120 kB of markup. */
function compact(d: string): string {
  return d.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))
}

type Ring = [number, number][]

/**
 * d3-geo is spherical: a ring's winding says which side is inside, and GeoJSON files (RFC 7946, counter-
 * clockwise exteriors) read as "the whole globe except this commune" — one shape covering the map. A
 * feature whose area exceeds a hemisphere is rewound (every ring reversed).
 */
export function rewind(f: CommuneFeature): CommuneFeature {
  if (geoArea(f as unknown as GeoPermissibleObjects) <= 2 * Math.PI) return f
  const g = f.geometry
  const rev = (poly: Ring[]) => poly.map((ring) => [...ring].reverse())
  const coordinates =
    g.type === 'Polygon' ? rev(g.coordinates as Ring[]) : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]).map(rev) : g.coordinates
  return { ...f, geometry: { ...g, coordinates } }
}

export function prepareMapGeometry(input: CommuneFeature[], width = 640, height = 640): MapGeometry {
  if (input.length === 0) return { width, height, shapes: [] }
  const features = input.map(rewind)
  const fc = { type: 'FeatureCollection', features } as unknown as GeoPermissibleObjects
  const projection = geoMercator().fitSize([width, height], fc as never)
  const path = geoPath(projection)
  const shapes: MapShape[] = []
  for (const f of features) {
    const d = path(f as unknown as GeoPermissibleObjects)
    if (!d) continue
    const [cx, cy] = path.centroid(f as unknown as GeoPermissibleObjects)
    shapes.push({
      code: String(f.properties.code),
      name: String(f.properties.name ?? f.properties.code),
      d: compact(d),
      cx: Math.round(cx * 10) / 10,
      cy: Math.round(cy * 10) / 10,
    })
  }
  return { width, height, shapes }
}
