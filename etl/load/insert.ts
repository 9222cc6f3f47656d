/**
 * Fast batch inserts into ClickHouse (format choice is worth 10×: measured in ADR 008).
 *
 * Rows are encoded once as TabSeparated text. On embedded chDB the batch is written to a temp file and
 * loaded with `INSERT INTO t (cols) SELECT * FROM file(path, 'TabSeparated', structure)`, which parses in
 * the engine's own threads (≈0.9 M dossier rows/s here, against ≈0.1 M/s for an inline insert body, which
 * chDB's connection concatenates into one SQL string). Against a ClickHouse server the same bytes are
 * streamed as the body of an HTTP `INSERT … FORMAT TabSeparated` (the server cannot read our files).
 *
 * One batch is one INSERT statement: it commits whole or not at all on a single node. A batch that did
 * commit before a later failure is harmless — see load/pull.ts.
 */
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { Readable } from 'node:stream'
import type { ChStore } from '../../db/clickhouse/client.ts'
import type { TsvValue } from '../validate/record.ts'
import { SCRATCH_PREFIX, type ScratchBudget } from './scratch.ts'

export type InsertMode = 'file' | 'stream'

/** TabSeparated escaping: backslash, tab, newline, carriage return, NUL. */
function esc(s: string): string {
  return /[\\\t\n\r\0]/.test(s)
    ? s.replace(/[\\\t\n\r\0]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\0'))
    : s
}

export function tsvLine(row: readonly TsvValue[]): string {
  let line = ''
  for (let i = 0; i < row.length; i++) {
    const v = row[i]
    if (i) line += '\t'
    line += v === null ? '\\N' : typeof v === 'string' ? esc(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v)
  }
  return line + '\n'
}

export interface BatchTarget {
  table: string
  columns: readonly (readonly [string, string])[]
  /** log_comment of the INSERT (the job). */
  comment: string
}

/** Lines are packed into Buffers every this many rows: off the JS heap, and no long-lived string ropes. */
const PACK_ROWS = 2000

export class BatchWriter {
  private pending: string[] = []
  private chunks: Buffer[] = []
  private rows = 0
  private readonly mode: InsertMode

  constructor(
    private readonly ch: ChStore,
    private readonly target: BatchTarget,
    mode: InsertMode | undefined,
    /** Where the batch files go (DATA_DIR/scratch: etl/load/scratch.ts) and the bound they count against. */
    private readonly scratch: { dir: string; budget?: ScratchBudget },
  ) {
    this.mode = mode ?? (ch.kind === 'chdb' ? 'file' : 'stream')
  }

  get size(): number {
    return this.rows
  }

  add(row: readonly TsvValue[]): void {
    this.pending.push(tsvLine(row))
    this.rows++
    if (this.pending.length >= PACK_ROWS) this.pack()
  }

  private pack(): void {
    if (this.pending.length === 0) return
    this.chunks.push(Buffer.from(this.pending.join(''), 'utf8'))
    this.pending = []
  }

  /** Inserts the buffered rows as one statement; returns how many. */
  async flush(): Promise<number> {
    const n = this.rows
    if (n === 0) return 0
    this.pack()
    const chunks = this.chunks
    this.chunks = []
    this.rows = 0
    const cols = this.target.columns.map(([c]) => c)
    const settings = { log_comment: this.target.comment }
    if (this.mode === 'stream') {
      await this.ch.client.insert({
        table: this.target.table,
        columns: cols as [string, ...string[]],
        values: Readable.from(chunks, { objectMode: false }),
        format: 'TabSeparated',
        clickhouse_settings: settings,
      })
      return n
    }
    this.scratch.budget?.check(chunks.reduce((n, c) => n + c.length, 0))
    const file = path.join(this.scratch.dir, `${SCRATCH_PREFIX}${process.pid}-${crypto.randomBytes(6).toString('hex')}.tsv`)
    try {
      const fh = await fs.promises.open(file, 'w', 0o600)
      try {
        await fh.writev(chunks)
      } finally {
        await fh.close()
      }
      await this.ch.client.command({
        query: `INSERT INTO ${this.target.table} (${cols.join(', ')}) SELECT * FROM file({file:String}, 'TabSeparated', {structure:String})`,
        query_params: { file, structure: this.target.columns.map(([c, t]) => `${c} ${t}`).join(', ') },
        clickhouse_settings: settings,
      })
    } finally {
      await fs.promises.rm(file, { force: true })
    }
    return n
  }
}
