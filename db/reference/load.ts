/**
 * Reads the bundled reference data (docs/design.md §4; sources and credits in db/reference/SOURCES.md
 * and the README) into typed rows. Pure file reading: db/seed/reference.ts writes them to Postgres.
 */
import fs from 'node:fs'
import path from 'node:path'
import { geoDir, referenceDir } from '../paths.ts'
import { z } from 'zod'
import { geoCentroid } from 'd3-geo'
import { feature } from 'topojson-client'
import type { Topology, GeometryCollection } from 'topojson-specification'
import { parseCsv } from '../lib/csv.ts'
import { newToneSpelling } from '../lib/text.ts'
import { parseHolidaysCsv } from '../lib/holidays-csv.ts'
import { parseFormedFrom, parseResolutionClause, unitKey, type FormedFromUnit } from './lineage.ts'

export { referenceDir, geoDir }

const ProvinceRow = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  full_name: z.string().min(1),
  name_en: z.string().min(1),
  communes: z.coerce.number().int(),
})

const CommuneRow = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1),
  full_name: z.string().min(1),
  name_en: z.string(),
  type: z.enum(['xa', 'phuong', 'dac_khu']),
  province_code: z.string().regex(/^\d{2}$/),
  area_km2: z.string(),
  formed_from: z.string(),
})

export interface Province {
  code: string
  name: string
  fullName: string
  nameEn: string
  communeCount: number
}
export interface Commune {
  code: string
  name: string
  fullName: string
  nameEn: string
  type: 'xa' | 'phuong' | 'dac_khu'
  provinceCode: string
  areaKm2: number | null
  population: number | null
  formedByMerger: boolean
  formedFromText: string
  centroidLon: number | null
  centroidLat: number | null
}
export interface LineageRow {
  provinceCode: string
  oldUnitName: string
  oldUnitKey: string
  newCommuneCode: string
  partial: boolean
  share: number | null
}
export interface Holiday {
  date: string
  kind: 'holiday' | 'day_off' | 'makeup_workday'
  name: string
  source: string
}
export interface Reference {
  provinces: Province[]
  communes: Commune[]
  lineage: LineageRow[]
  holidays: Holiday[]
}

const read = (file: string) => parseCsv(fs.readFileSync(path.join(referenceDir, file), 'utf8'))

/** The holiday calendar file, parsed by the calendar's own reader (which also folds unquoted commas into `name`). */
export function readHolidays(text = fs.readFileSync(path.join(referenceDir, 'vn-holidays.csv'), 'utf8')): Holiday[] {
  return parseHolidaysCsv(text).map((r) => ({ date: r.date, kind: r.kind, name: r.name ?? '', source: r.source ?? '' }))
}

const DevolvedRow = z.object({ code: z.string().regex(/^\d\.\d{6}$/), field_code: z.string().min(1), name: z.string().min(1) })
export type DevolvedProcedure = z.infer<typeof DevolvedRow>

/**
 * Procedures devolved from the district to the commune on 1 July 2025 (devolved-procedures.csv): the
 * training-needs default and the simulator's `devolved` flags, in the file's order.
 */
export function readDevolvedProcedures(): DevolvedProcedure[] {
  return read('devolved-procedures.csv').map((r) => DevolvedRow.parse(r))
}

function readCentroids(): Map<string, [number, number]> {
  const topo = JSON.parse(fs.readFileSync(path.join(geoDir, 'vn-communes.topojson'), 'utf8')) as Topology
  const layer = topo.objects.layer as GeometryCollection<{ code: string }>
  const fc = feature(topo, layer) as unknown as GeoJSON.FeatureCollection<GeoJSON.Geometry, { code: string }>
  return new Map(fc.features.map((f) => [f.properties.code, geoCentroid(f) as [number, number]]))
}

/** Quảng Trị's one commune without `formed_from` in the national file is completed from Resolution 1680. */
function resolution1680(): Map<string, FormedFromUnit[]> {
  const byName = new Map<string, FormedFromUnit[]>()
  for (const r of read('quang-tri-formed-from-1680.csv'))
    byName.set(unitKey(r.new_unit!), parseResolutionClause(r.formed_from_pre_merger_units!))
  return byName
}

export function readReference(): Reference {
  const provinces = read('vn-provinces.csv').map((r) => {
    const p = ProvinceRow.parse(r)
    // Display names in the new tone placement (Thanh Hóa, not Thanh Hoá): one spelling across the interface.
    return { code: p.code, name: newToneSpelling(p.name), fullName: newToneSpelling(p.full_name), nameEn: p.name_en, communeCount: p.communes }
  })
  const population = new Map(read('quang-tri-population-2025.csv').map((r) => [r.code!, Number(r.population)]))
  const centroids = readCentroids()
  const qt1680 = resolution1680()
  const communes: Commune[] = []
  const units: { provinceCode: string; communeCode: string; unit: FormedFromUnit }[] = []
  for (const raw of read('vn-communes.csv')) {
    const c = CommuneRow.parse(raw)
    // "giữ nguyên" (kept as it was): the commune is its own predecessor.
    let formed = /^giữ nguyên$/i.test(c.formed_from.trim()) ? [{ name: c.full_name, partial: false }] : parseFormedFrom(c.formed_from)
    if (formed.length === 0 && c.province_code === '44') formed = qt1680.get(unitKey(c.full_name)) ?? []
    for (const unit of formed) units.push({ provinceCode: c.province_code, communeCode: c.code, unit })
    const centroid = centroids.get(c.code)
    communes.push({
      code: c.code,
      name: newToneSpelling(c.name),
      fullName: newToneSpelling(c.full_name),
      nameEn: c.name_en,
      type: c.type,
      provinceCode: c.province_code,
      areaKm2: c.area_km2 === '' ? null : Number(c.area_km2),
      population: population.get(c.code) ?? null,
      formedByMerger: formed.length > 1,
      formedFromText: newToneSpelling(c.formed_from || formed.map((u) => u.name).join(', ')),
      centroidLon: centroid ? centroid[0] : null,
      centroidLat: centroid ? centroid[1] : null,
    })
  }
  // An old unit that went to several new communes of its province is split, whatever the text says.
  const destinations = new Map<string, number>()
  for (const u of units) {
    const k = `${u.provinceCode}|${unitKey(u.unit.name)}`
    destinations.set(k, (destinations.get(k) ?? 0) + 1)
  }
  const lineage: LineageRow[] = units.map((u) => {
    const key = unitKey(u.unit.name)
    return {
      provinceCode: u.provinceCode,
      oldUnitName: newToneSpelling(u.unit.name),
      oldUnitKey: key,
      newCommuneCode: u.communeCode,
      partial: u.unit.partial || (destinations.get(`${u.provinceCode}|${key}`) ?? 0) > 1,
      share: null,
    }
  })
  return { provinces, communes, lineage, holidays: readHolidays() }
}
