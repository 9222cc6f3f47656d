/**
 * A source page for the ETL's fast lane (ADR 011), checked as it streams to a file: the body is written chunk
 * by chunk (no whole-page buffer in JS: on a backfill the 7 MB page buffers and their copies cost more CPU in
 * allocation and GC than the bytes themselves), and the file ends up holding the page's items array only —
 * the envelope's head and tail are overwritten with spaces, which JSONEachRow and JSON.parse both skip.
 *
 * The page qualifies when it has the contract's usual envelope (HEAD and TAIL below) and its bytes are plain
 * UTF-8: valid, no U+FFFD, no escaped surrogate (`\ud…`). Those checks run on every chunk, with the few bytes
 * a character or pattern may straddle carried to the next one, so the answer is the same as on the whole body.
 */
import fs from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { parseTime } from '../../db/lib/vn-time.ts'

// The usual envelope: {["synthetic":bool,]"items":[ … ],"next_cursor":null|"…"[,"synthetic":bool]} (any JSON spacing).
const HEAD = /^\s*\{\s*(?:"synthetic"\s*:\s*(true|false)\s*,\s*)?"items"\s*:\s*\[/
const TAIL = /\]\s*,\s*"next_cursor"\s*:\s*(null|"([\x21\x23-\x5b\x5d-\x7e]+)")\s*(?:,\s*"synthetic"\s*:\s*(true|false)\s*)?\}\s*$/
const LAST_AT = /"CapNhatLuc"\s*:\s*"([^"\\]{1,40})"[^"{}]*\}\s*$/
const HEAD_BYTES = 256
const WRITE_BYTES = 1 << 20
const TAIL_BYTES = 1024
/**
 * `},{"`: one item's end and the next one's start, in compact JSON. It cannot occur inside a JSON string (a `"`
 * there follows a backslash), so every occurrence is structural; whether each is a boundary between two items of
 * the array (and not inside an item) is decided by the caller with the record count (RecordBounds).
 */
const SEP = Buffer.from('},{"', 'latin1')
/** Byte patterns that send a page to the JS path: U+FFFD, and `\ud` / `\uD` (an escaped surrogate). */
const PATTERNS = [Buffer.from([0xef, 0xbf, 0xbd]), Buffer.from('\\ud', 'latin1'), Buffer.from('\\uD', 'latin1')]

export interface Envelope {
  /** Byte offsets of the items array: `[` at start, `]` at end − 1. */
  start: number
  end: number
  next: string | null
  synthetic: boolean
  /** CapNhatLuc of the page's last item, when the tail shows it. */
  lastAt: number | null
}

/**
 * Where a raw page's items are in its file: the items array's `[` (start) and `]` (end − 1), and the offset of
 * the `}` of every `},{"` between them. When the array holds exactly seps.length + 1 items, item i is
 * recordRange(bounds, i) — a caller that knows the count (ClickHouse parsed the file) can read one item without
 * scanning the others.
 */
export interface RecordBounds {
  start: number
  end: number
  seps: readonly number[]
}

/** Byte range [from, to) of item i (whitespace around it included), or null when i is beyond the separators. */
export function recordRange(b: RecordBounds, i: number): [number, number] | null {
  if (!Number.isInteger(i) || i < 0 || i > b.seps.length) return null
  return [i === 0 ? b.start + 1 : b.seps[i - 1]! + 2, i === b.seps.length ? b.end - 1 : b.seps[i]! + 1]
}

/** The envelope from a body's first bytes and its last bytes (`tail` starts at byte `tailStart`); null if unusual. */
export function envelopeOf(head: Buffer, tail: Buffer, tailStart: number): Envelope | null {
  const h = HEAD.exec(head.toString('latin1'))
  const tailText = tail.toString('latin1')
  const t = TAIL.exec(tailText)
  if (!h || !t) return null
  const start = h[0].length - 1
  const end = tailStart + t.index + 1
  if (end <= start) return null
  const last = LAST_AT.exec(tailText.slice(0, t.index))
  return { start, end, next: t[2] ?? null, synthetic: h[1] === 'true' || t[3] === 'true', lastAt: last ? parseTime(last[1]) : null }
}

/** A whole body as raw items text when it has the usual envelope and plain UTF-8 bytes; else null (RawPageFile's checks, at once). */
export function rawEnvelope(body: Buffer): { raw: Buffer; next: string | null; synthetic: boolean; lastAt: number | null } | null {
  const utf8 = new PlainUtf8()
  utf8.push(body)
  if (!utf8.end()) return null
  const tailStart = Math.max(0, body.length - TAIL_BYTES)
  const env = envelopeOf(body.subarray(0, HEAD_BYTES), body.subarray(tailStart), tailStart)
  return env && { raw: body.subarray(env.start, env.end), next: env.next, synthetic: env.synthetic, lastAt: env.lastAt }
}

/** Whether bytes are plain UTF-8 (valid, no U+FFFD, no escaped surrogate), fed in chunks of any size. */
export class PlainUtf8 {
  private carry = Buffer.alloc(0)
  private edge = Buffer.alloc(0)
  ok = true

  push(chunk: Buffer): void {
    if (!this.ok || chunk.length === 0) return
    // Patterns straddling the previous chunk's end: its last 2 bytes + this chunk's first 2.
    const seam = Buffer.concat([this.edge, chunk.subarray(0, 2)])
    if (PATTERNS.some((p) => seam.includes(p) || chunk.includes(p))) return void (this.ok = false)
    this.edge = Buffer.from(Buffer.concat([this.edge, chunk.subarray(-2)]).subarray(-2))
    let from = 0
    if (this.carry.length) {
      // Complete the character the previous chunk ended inside.
      const need = seqLength(this.carry[0]!) - this.carry.length
      if (chunk.length < need) return void (this.carry = Buffer.concat([this.carry, chunk]))
      if (!isUtf8(Buffer.concat([this.carry, chunk.subarray(0, need)]))) return void (this.ok = false)
      from = need
      this.carry = Buffer.alloc(0)
    }
    const cut = incompleteTail(chunk, from)
    if (!isUtf8(chunk.subarray(from, cut))) return void (this.ok = false)
    if (cut < chunk.length) this.carry = Buffer.from(chunk.subarray(cut))
  }

  /** True when every byte pushed was plain UTF-8 and no character was left unfinished. */
  end(): boolean {
    return this.ok && this.carry.length === 0
  }
}

/** Bytes in the UTF-8 sequence a lead byte starts (1 for anything that is not a multi-byte lead: isUtf8 judges it). */
function seqLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf7) return 4
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1
  if (lead >= 0xc0) return 2
  return 1
}

/** Where a character cut off by the chunk's end starts (the chunk's length when none is). */
function incompleteTail(chunk: Buffer, from: number): number {
  for (let j = chunk.length - 1; j >= Math.max(from, chunk.length - 3); j--) {
    const b = chunk[j]!
    if ((b & 0xc0) === 0x80) continue // a continuation byte: look further back
    return b >= 0xc0 && j + seqLength(b) > chunk.length ? j : chunk.length
  }
  return chunk.length
}

/** What is left of `chunks` once `n` bytes of them are written. */
function dropBytes(chunks: Buffer[], n: number): Buffer[] {
  let i = 0
  while (i < chunks.length && n >= chunks[i]!.length) n -= chunks[i++]!.length
  const rest = chunks.slice(i)
  if (n > 0 && rest.length) rest[0] = rest[0]!.subarray(n)
  return rest
}

/** Streams a page body into `file`; `finish()` decides whether it is a raw page. */
export class RawPageFile {
  private fd: number
  private bytes = 0
  private head = Buffer.alloc(0)
  private tail = Buffer.alloc(0)
  private readonly utf8 = new PlainUtf8()
  /** Chunks not yet written: written together (writev) once they reach WRITE_BYTES, fewer syscalls than one per chunk. */
  private pending: Buffer[] = []
  private pendingBytes = 0
  /** Offsets of `},{"` (its `}`) in the body, and the body's last 3 bytes, for a separator the next chunk completes. */
  private seps: number[] = []
  private sepEdge = Buffer.alloc(0)

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w')
  }

  get size(): number {
    return this.bytes
  }

  write(chunk: Uint8Array): void {
    const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    this.pending.push(b)
    this.pendingBytes += b.length
    if (this.pendingBytes >= WRITE_BYTES) this.flush()
    this.findSeparators(b)
    this.bytes += b.length
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, b.subarray(0, HEAD_BYTES - this.head.length)])
    this.tail =
      b.length >= TAIL_BYTES ? Buffer.from(b.subarray(b.length - TAIL_BYTES)) : Buffer.concat([this.tail, b]).subarray(-TAIL_BYTES)
    this.utf8.push(b)
  }

  /**
   * The envelope when the body is a raw page (the file then holds its items array between spaces), else null
   * (the file holds the body as sent). Closes the file.
   */
  finish(): Envelope | null {
    try {
      this.flush()
      const env = this.utf8.end() ? envelopeOf(this.head, this.tail, this.bytes - this.tail.length) : null
      if (env) {
        fs.writeSync(this.fd, Buffer.alloc(env.start, 0x20), 0, env.start, 0)
        fs.writeSync(this.fd, Buffer.alloc(this.bytes - env.end, 0x20), 0, this.bytes - env.end, env.end)
      }
      return env
    } finally {
      this.close()
    }
  }

  /** The items' bounds for the envelope finish() returned (separators outside the items array dropped). */
  bounds(env: Envelope): RecordBounds {
    return { start: env.start, end: env.end, seps: this.seps.filter((x) => x > env.start && x < env.end) }
  }

  /** Closes and deletes the file (a failed or abandoned transfer). */
  discard(): void {
    this.close()
    fs.rmSync(this.file, { force: true })
  }

  private findSeparators(b: Buffer): void {
    const at = this.bytes
    const edge = this.sepEdge.length
    if (edge) {
      // A separator that starts in the previous chunk's last bytes (one wholly inside this chunk is found below).
      const seam = Buffer.concat([this.sepEdge, b.subarray(0, SEP.length - 1)])
      for (let k = seam.indexOf(SEP); k !== -1 && k < edge; k = seam.indexOf(SEP, k + 1)) this.seps.push(at - edge + k)
    }
    for (let k = b.indexOf(SEP); k !== -1; k = b.indexOf(SEP, k + SEP.length)) this.seps.push(at + k)
    this.sepEdge = Buffer.from(Buffer.concat([this.sepEdge, b.subarray(-(SEP.length - 1))]).subarray(-(SEP.length - 1)))
  }

  private flush(): void {
    let chunks = this.pending
    this.pending = []
    this.pendingBytes = 0
    while (chunks.length) {
      const n = fs.writevSync(this.fd, chunks)
      chunks = dropBytes(chunks, n)
    }
  }

  private close(): void {
    if (this.fd < 0) return
    fs.closeSync(this.fd)
    this.fd = -1
  }
}
