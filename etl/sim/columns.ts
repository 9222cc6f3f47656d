/**
 * Growable typed-array columns: the simulator keeps its whole history in these (a few bytes per field)
 * instead of one JS object per record, so a 600k-dossier province fits in ~100 MB.
 */

type TypedArray = Int8Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array
type Ctor<T extends TypedArray> = { new (n: number): T }

export class Column<T extends TypedArray> {
  private buf: T
  length = 0

  constructor(
    private readonly ctor: Ctor<T>,
    initial = 1024,
  ) {
    this.buf = new ctor(initial)
  }

  push(v: number): number {
    if (this.length === this.buf.length) {
      const next = new this.ctor(this.buf.length * 2)
      next.set(this.buf as never)
      this.buf = next
    }
    this.buf[this.length] = v
    return this.length++
  }

  get(i: number): number {
    return this.buf[i]!
  }

  set(i: number, v: number): void {
    this.buf[i] = v
  }

  /** The filled part, copied to an exact-size array (frees the doubling slack). */
  seal(): T {
    const out = new this.ctor(this.length)
    out.set(this.buf.subarray(0, this.length) as never)
    return out
  }
}

export const i32 = () => new Column(Int32Array)
export const u16 = () => new Column(Uint16Array)
export const u8 = () => new Column(Uint8Array)
export const i8 = () => new Column(Int8Array)

/**
 * Versions of records, appended record by record (so a record's versions are contiguous and in time
 * order): `time[v]` is the version's CapNhatLuc (sim seconds), `record[v]` the record it belongs to.
 */
export class VersionLog {
  readonly time = i32()
  readonly record = i32()

  add(record: number, time: number): void {
    this.time.push(time)
    this.record.push(record)
  }

  get length(): number {
    return this.time.length
  }
}
