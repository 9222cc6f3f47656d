/**
 * Commune boundaries for the configured province (and the provinces of the country for a national overview), read once from the bundled files (no map tiles: it must
 * work on a closed network): the finer Quảng Trị GeoJSON for province 44, otherwise the national TopoJSON
 * filtered to the province's commune codes. Projected to SVG paths once per process and cached.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Topology } from 'topojson-specification'
import { geoDir } from '../../../db/paths.ts'
import { prepareMapGeometry, selectFeatures, topologyFeatures, type FeatureCollection, type MapGeometry } from './map.ts'

const cache = new Map<string, MapGeometry>()

export const MAP_WIDTH = 640
export const MAP_HEIGHT = 620

/** The provinces of the country (vn-provinces.topojson, property `code`), for a national overview (ADR 033). */
export function nationMap(provinceCodes: string[]): MapGeometry {
  const key = `nation:${[...provinceCodes].sort().join(',')}`
  const hit = cache.get(key)
  if (hit) return hit
  const topo = JSON.parse(fs.readFileSync(path.join(geoDir, 'vn-provinces.topojson'), 'utf8')) as Topology
  const geometry = prepareMapGeometry(topologyFeatures(topo, provinceCodes), MAP_WIDTH, MAP_HEIGHT)
  cache.set(key, geometry)
  return geometry
}

export function provinceMap(provinceCode: string, communeCodes: string[]): MapGeometry {
  const key = `${provinceCode}:${[...communeCodes].sort().join(',')}`
  const hit = cache.get(key)
  if (hit) return hit
  const features =
    provinceCode === '44'
      ? selectFeatures(
          JSON.parse(fs.readFileSync(path.join(geoDir, 'quang-tri-communes.geojson'), 'utf8')) as FeatureCollection,
          communeCodes,
        )
      : topologyFeatures(JSON.parse(fs.readFileSync(path.join(geoDir, 'vn-communes.topojson'), 'utf8')) as Topology, communeCodes)
  const geometry = prepareMapGeometry(features, MAP_WIDTH, MAP_HEIGHT)
  cache.set(key, geometry)
  return geometry
}
