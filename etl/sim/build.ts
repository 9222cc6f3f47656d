/**
 * Builds the simulated history of a province from `start` to a horizon day: generates day by day (every
 * commune, in code order), seals the columns and sorts the version indexes. Yields to the event loop
 * between months so a server that builds it stays responsive.
 */
import { isYmd } from '../../db/lib/vn-time.ts'
import { readReference, type Reference } from '../../db/reference/load.ts'
import { WorkCalendar } from '../../db/lib/workdays.ts'
import { SimClock, dayIndex, ymdOf } from './clock.ts'
import { generateDossiers, type GenContext } from './dossier-gen.ts'
import { seedOf } from './prng.ts'
import { buildProvince, type ProvinceModel } from './province.ts'
import { newBuilding, seal } from './store.ts'
import { generateTickets } from './tickets-gen.ts'
import { VersionIndex } from './version-index.ts'
import { dayProfile, procedureMix } from './volume.ts'

export interface SimDataOptions {
  /** Two-digit province code from vn-provinces.csv; default '44' (Quảng Trị). */
  provinceCode?: string
  /** Any number or text; default 20250701. */
  seed?: number | string
  /** Volume multiplier (1 = calibrated volume); e.g. 0.05 for tests, 1.7 for a 1 M-dossier benchmark. */
  scale?: number
  /** First day of the history, 'YYYY-MM-DD' (default 2025-01-01; not before 2024-01-01). */
  start?: string
  /** Restrict to these commune codes of the province (tests). */
  communes?: string[]
}

export const DEFAULT_SEED = 20250701

export interface ResolvedDataOptions {
  provinceCode: string
  seed: number
  scale: number
  start: string
  communes?: string[]
}

export function resolveDataOptions(o: SimDataOptions = {}): ResolvedDataOptions {
  const start = o.start ?? '2025-01-01'
  if (!isYmd(start) || start < '2024-01-01') throw new Error(`start must be a date on or after 2024-01-01, got ${start}`)
  const scale = o.scale ?? 1
  if (!(scale > 0 && scale <= 20)) throw new Error(`scale must be in (0, 20], got ${scale}`)
  return { provinceCode: o.provinceCode ?? '44', seed: seedOf(o.seed ?? DEFAULT_SEED), scale, start, communes: o.communes }
}

let refCache: Reference | undefined
let clockCache: SimClock | undefined
export function reference(): Reference {
  return (refCache ??= readReference())
}
export function simClock(): SimClock {
  return (clockCache ??= new SimClock(new WorkCalendar(reference().holidays)))
}

export async function buildSimData(o: ResolvedDataOptions, horizonDay: number) {
  const started = Date.now()
  const ref = reference()
  const clock = simClock()
  const province: ProvinceModel = buildProvince(ref, o.provinceCode, o.seed, o.communes)
  const profile = dayProfile(clock, ref.holidays)
  const b = newBuilding()
  const ctx: GenContext = { seed: o.seed, scale: o.scale, clock, province, profile, mix: procedureMix(), b }
  const first = dayIndex(o.start)
  const last = Math.min(horizonDay, clock.days - 1)
  for (let day = first; day <= last; day++) {
    let seq = 0
    const complaintSeq = { n: 0 }
    for (const c of province.communes) {
      seq = generateDossiers(ctx, day, c, seq, complaintSeq)
      generateTickets(ctx, day, c)
    }
    if ((day - first) % 30 === 29) await new Promise((r) => setImmediate(r))
  }
  const dossiers = seal(b.dossiers)
  const dv = { time: b.dossierVersions.time.seal(), record: b.dossierVersions.record.seal() }
  const ratings = seal(b.ratings)
  const rv = { time: b.ratingVersions.time.seal(), record: b.ratingVersions.record.seal() }
  const complaints = seal(b.complaints)
  const cv = { time: b.complaintVersions.time.seal(), record: b.complaintVersions.record.seal() }
  const tickets = seal(b.tickets)
  const tv = { time: b.ticketVersions.time.seal(), record: b.ticketVersions.record.seal() }
  await new Promise((r) => setImmediate(r))
  const index = {
    dossiers: new VersionIndex(dv.time, dv.record),
    ratings: new VersionIndex(rv.time, rv.record),
    complaints: new VersionIndex(cv.time, cv.record),
    'queue-tickets': new VersionIndex(tv.time, tv.record),
  }
  return {
    options: o,
    clock,
    province,
    profile,
    firstDay: first,
    horizonDay: last,
    horizonYmd: ymdOf(last),
    dossiers,
    ratings,
    complaints,
    tickets,
    index,
    buildMs: Date.now() - started,
  }
}

export type SimData = Awaited<ReturnType<typeof buildSimData>>
export type Resource = keyof SimData['index']
export const RESOURCES: Resource[] = ['dossiers', 'ratings', 'complaints', 'queue-tickets']
