/**
 * Reads the bundled boundaries into a Reach (adjacency + centroids) for a province: Quảng Trị (44) from its
 * finer GeoJSON, any other province from the national TopoJSON (object `layer`). Cached per province.
 */
import fs from 'node:fs'
import path from 'node:path'
import { geoCentroid } from 'd3-geo'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { geoDir } from '../../db/paths.ts'
import { adjacencyFromShapes, adjacencyFromTopology, ringsOf, type LonLat, type Reach } from './adjacency.ts'

const cache = new Map<string, Reach>()

type Fc = GeoJSON.FeatureCollection<GeoJSON.Geometry, { code: string }>

function fromGeoJson(file: string): Reach {
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as Fc
  const shapes = fc.features.map((f) => ({ code: String(f.properties.code), rings: ringsOf(f.geometry) }))
  return {
    adjacent: adjacencyFromShapes(shapes),
    centroids: new Map(fc.features.map((f) => [String(f.properties.code), geoCentroid(f) as LonLat])),
  }
}

function fromTopology(file: string, codes: ReadonlySet<string>): Reach {
  const topo = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology
  const fc = feature(topo, topo.objects.layer as GeometryCollection<{ code: string }>) as unknown as Fc
  return {
    adjacent: adjacencyFromTopology(topo, 'layer', codes),
    centroids: new Map(fc.features.filter((f) => codes.has(f.properties.code)).map((f) => [f.properties.code, geoCentroid(f) as LonLat])),
  }
}

/** The reach data of a province's communes (`codes` = the province's commune codes). */
export function provinceReach(provinceCode: string, codes: readonly string[]): Reach {
  const key = provinceCode + ':' + codes.length
  let r = cache.get(key)
  if (!r) {
    const qt = path.join(geoDir, 'quang-tri-communes.geojson')
    r =
      provinceCode === '44' && fs.existsSync(qt) ? fromGeoJson(qt) : fromTopology(path.join(geoDir, 'vn-communes.topojson'), new Set(codes))
    cache.set(key, r)
  }
  return r
}
