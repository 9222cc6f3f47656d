/**
 * The simulated TTHC system as an object: a clock (real time, or a fixed `now` for tests), the history
 * built up to a horizon a week ahead of the clock (rebuilt, single-flight, when the clock passes it), and
 * pages of the source contract. A version is visible only once its time ≤ now, so new dossiers and status
 * changes keep appearing as time passes.
 */
import { encodeCursor, decodeCursor } from './cursor.ts'
import {
  buildSimData,
  resolveDataOptions,
  simClock,
  type Resource,
  type ResolvedDataOptions,
  type SimData,
  type SimDataOptions,
} from './build.ts'
import { dayIndex, simSeconds, unixMs } from './clock.ts'
import { Serializer } from './serialize.ts'
import { ByteWriter } from './byte-writer.ts'

export interface SimSourceOptions extends SimDataOptions {
  /** The simulator's clock: a fixed instant (ISO string or Date) or a function; default real time. */
  now?: string | Date | (() => Date)
}

export interface PageRequest {
  /** `updated_since` as epoch ms (inclusive), or null for everything. */
  updatedSinceMs: number | null
  cursor: string | null
  limit: number
}

export interface Page {
  /** The response body: {"synthetic":true,"items":[…],"next_cursor":…} as UTF-8 JSON. */
  body: Buffer
  count: number
  next_cursor: string | null
}

/** Parses a page body (tests, tools). */
export function pageItems(p: Page): Record<string, unknown>[] {
  return (JSON.parse(p.body.toString('utf8')) as { items: Record<string, unknown>[] }).items
}

export const DEFAULT_LIMIT = 1000
export const MAX_LIMIT = 10_000
/** Days generated beyond the live clock, so the history is rebuilt about once a week. */
const LIVE_LOOKAHEAD_DAYS = 7

export class SimSource {
  readonly options: ResolvedDataOptions
  private readonly clockFn: () => number
  private readonly fixed: boolean
  private current: { data: SimData; serializer: Serializer } | undefined
  private building: Promise<{ data: SimData; serializer: Serializer }> | undefined

  constructor(opts: SimSourceOptions = {}) {
    this.options = resolveDataOptions(opts)
    const now = opts.now
    this.fixed = now !== undefined && typeof now !== 'function'
    if (now === undefined) this.clockFn = () => Date.now()
    else if (typeof now === 'function') this.clockFn = () => now().getTime()
    else {
      const ms = now instanceof Date ? now.getTime() : Date.parse(now)
      if (!Number.isFinite(ms)) throw new Error(`now is not a valid instant: ${String(now)}`)
      this.clockFn = () => ms
    }
  }

  /** The simulator's current instant, sim seconds. */
  nowSeconds(): number {
    return simSeconds(this.clockFn())
  }

  /** The history, built (or extended) so that it covers `asOf`. */
  async data(asOf = this.nowSeconds()): Promise<{ data: SimData; serializer: Serializer }> {
    const day = Math.min(Math.max(Math.floor(asOf / 86_400), dayIndex(this.options.start)), simClock().days - 1)
    if (this.current && this.current.data.horizonDay >= day) return this.current
    if (!this.building) {
      const horizon = Math.min(day + (this.fixed ? 0 : LIVE_LOOKAHEAD_DAYS), simClock().days - 1)
      this.building = buildSimData(this.options, horizon)
        .then((data) => (this.current = { data, serializer: new Serializer(data) }))
        .finally(() => (this.building = undefined))
    }
    const built = await this.building
    return built.data.horizonDay >= day ? built : this.data(asOf)
  }

  /** Built already (the info page shows it without triggering a build). */
  get ready(): SimData | undefined {
    return this.current?.data
  }

  async page(resource: Resource, req: PageRequest): Promise<Page> {
    const cursor = req.cursor ? decodeCursor(req.cursor, resource) : null
    const asOf = cursor ? cursor.asOf : this.nowSeconds()
    const { data, serializer } = await this.data(asOf)
    const from = req.updatedSinceMs === null ? 0 : Math.max(0, Math.ceil((req.updatedSinceMs - unixMs(0)) / 1000))
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(req.limit)))
    const r = data.index[resource].scan(from, cursor, asOf, limit)
    const next = r.next ? encodeCursor({ resource, asOf, ...r.next }) : null
    const w = new ByteWriter(Math.max(4096, r.versions.length * 900))
    w.ascii('{"synthetic":true,"items":[')
    r.versions.forEach((v, i) => {
      if (i > 0) w.ascii(',')
      serializer.write(resource, w, v)
    })
    w.ascii('],"next_cursor":')
      .ascii(next === null ? 'null' : JSON.stringify(next))
      .ascii('}')
    return { body: w.result(), count: r.versions.length, next_cursor: next }
  }
}
