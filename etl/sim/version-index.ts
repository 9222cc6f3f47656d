/**
 * The order the source serves: every version of every record sorted by (CapNhatLuc, record id), as one
 * Float64Array of keys `time · 2^bits + version`. Versions are numbered record by record and record numbers
 * follow the id order, so for equal times the version number orders by id — one numeric sort, no strings.
 *
 * At an instant `asOf` a record shows its latest version with time ≤ asOf; a version is "current" when the
 * next version of the same record (always the next number) is later than asOf. A page is a walk from the
 * first key ≥ updated_since (or just after the cursor), skipping superseded versions, until `limit` current
 * versions are found or a key is later than asOf.
 */

export interface Position {
  /** CapNhatLuc of the last item (sim seconds) */
  t: number
  /** its version number */
  v: number
}

export interface ScanResult {
  versions: number[]
  /** Position of the last item when more items follow, else null. */
  next: Position | null
  /** Keys examined (for the benchmark of the scan). */
  scanned: number
}

export class VersionIndex {
  readonly keys: Float64Array
  readonly m: number

  constructor(
    readonly time: Int32Array,
    readonly record: Int32Array,
  ) {
    const n = time.length
    const bits = Math.max(1, Math.ceil(Math.log2(n + 1)))
    this.m = 2 ** bits
    let maxTime = 0
    for (let i = 0; i < n; i++) if (time[i]! > maxTime) maxTime = time[i]!
    if ((maxTime + 1) * this.m > Number.MAX_SAFE_INTEGER)
      throw new Error(`version index: ${n} versions over ${maxTime} s do not fit a 53-bit key`)
    const keys = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      if (time[i]! < 0) throw new Error(`version ${i} has a negative time`)
      keys[i] = time[i]! * this.m + i
    }
    keys.sort()
    this.keys = keys
  }

  get size(): number {
    return this.keys.length
  }

  private lowerBound(key: number): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.keys[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  isCurrent(v: number, asOf: number): boolean {
    if (this.time[v]! > asOf) return false
    const n = v + 1
    return !(n < this.time.length && this.record[n] === this.record[v] && this.time[n]! <= asOf)
  }

  /** Current versions with time in [fromTime, asOf], after `after`, in (time, id) order. */
  scan(fromTime: number, after: Position | null, asOf: number, limit: number): ScanResult {
    const startKey = Math.max(fromTime * this.m, after ? after.t * this.m + after.v + 1 : 0)
    const keys = this.keys
    const m = this.m
    const out: number[] = []
    let i = this.lowerBound(startKey)
    const start = i
    let more = false
    for (; i < keys.length; i++) {
      const k = keys[i]!
      const t = Math.floor(k / m)
      if (t > asOf) break
      const v = k - t * m
      const n = v + 1
      if (n < this.time.length && this.record[n] === this.record[v] && this.time[n]! <= asOf) continue
      if (out.length === limit) {
        more = true
        break
      }
      out.push(v)
    }
    const last = out[out.length - 1]
    return { versions: out, next: more && last !== undefined ? { t: this.time[last]!, v: last } : null, scanned: i - start }
  }

  /** Number of current versions at asOf with time ≥ fromTime (a full walk; for tests and the info page). */
  countCurrent(fromTime: number, asOf: number): number {
    let n = 0
    for (let v = 0; v < this.time.length; v++) if (this.time[v]! >= fromTime && this.isCurrent(v, asOf)) n++
    return n
  }
}
