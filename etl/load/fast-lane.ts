/**
 * The ETL's fast lane (ADR 011): ClickHouse parses and checks the source's pages itself, and the JS path (zod)
 * sees only the records ClickHouse is not sure of.
 *
 * Per batch of pages (each page's items array in one file, streamed there by the source client — on tmpfs when
 * there is one):
 *  1. parse: one `INSERT INTO <stage> SELECT … FROM file(…, JSONEachRow)` into the run's Memory table, with every
 *     check (validate/dossier-sql.ts) — the unit's too, through the commune codes and the alias list;
 *  2. check: the flagged records' positions, the count that passed and the newest (CapNhatLuc, id) among them;
 *  3. insert: `INSERT INTO <table> SELECT … FROM <stage> WHERE ok` — one statement for the batch;
 *  4. raw: the flagged records as the source sent them, for the JS path. A page whose items the source client
 *     located while streaming (RecordBounds: one `},{"` between each two items, compact JSON) has its flagged
 *     items read straight from the file, once the stage's count for the page (every row staged, row numbers
 *     0 … n − 1) equals the separators + 1 and each item read parses with the id the stage has for that row;
 *     any other page is read with JSONAsString (same `_row_number`), which must scan every item of the page.
 * If ClickHouse cannot read a batch (a value of an unexpected JSON type, broken JSON), `run` throws
 * FastLaneUnreadable before anything is inserted and the caller sends the batch's pages through the JS path.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { ChStore } from '../../db/clickhouse/client.ts'
import { recordRange, type RecordBounds } from '../source/raw-page.ts'
import type { BatchTarget } from './insert.ts'

/** A record kind's checks in SQL (its table and columns are the RecordKind's, passed as the BatchTarget). */
export interface FastLaneKind {
  /** JSONEachRow structure the items are read with. */
  structure: string
  /** The record's id field: the SELECT's `id` column is `ifNull(<idField>, '')` (a flagged item read by its byte range is checked against it). */
  idField: string
  settings: Readonly<Record<string, number>>
  /** SELECT over a file() source: the columns, then ok, in_window, rn, page, upd_ms, id. */
  select(source: string): string
}

export interface FastLaneParams {
  codes: readonly string[]
  aliases: ReadonlyMap<string, string>
  untilMs: number | null
  /** A time other than a deadline after this is flagged (the JS path rejects it `future_date`). */
  notAfterMs: number
  synthetic: boolean
}

export interface FastLaneResult {
  /** Records loaded by the fast lane (ok and inside the window). */
  loaded: number
  /** Newest loaded (CapNhatLuc ms, id), or null. */
  newest: { at: number; id: string } | null
  /** Records for the JS path, in page order: each as the source sent it, parsed (JSON.parse) once here. */
  flagged: { page: string; rn: number; record: unknown }[]
}

/** ClickHouse could not read the batch; nothing was inserted. */
export class FastLaneUnreadable extends Error {
  constructor(readonly cause: unknown) {
    super(
      `fast lane: ClickHouse could not read the batch (${String((cause as Error)?.message ?? cause)
        .split('\n')[0]
        ?.slice(0, 300)})`,
    )
    this.name = 'FastLaneUnreadable'
  }
}

const Check = z.object({
  loaded: z.coerce.number(),
  newest_ms: z.coerce.number(),
  newest_id: z.string(),
  flagged: z.array(z.tuple([z.string(), z.coerce.number(), z.string()])),
  pages: z.array(z.tuple([z.string(), z.coerce.number(), z.coerce.number()])),
})
const Raw = z.object({
  page: z.string(),
  rn: z.coerce.number(),
  json: z.string(),
})

/** ` SETTINGS a = 1, b = 0` for numeric settings (names checked). */
function settingsClause(settings: Readonly<Record<string, number>>): string {
  const parts = Object.entries(settings).map(([k, v]) => {
    if (!/^[a-z_][a-z0-9_]*$/i.test(k) || !Number.isFinite(v)) throw new Error(`fast lane: bad setting ${k} = ${v}`)
    return `${k} = ${v}`
  })
  return parts.length ? ` SETTINGS ${parts.join(', ')}` : ''
}

export class FastLaneBatch {
  private files: string[] = []
  /** Where each page's items are (page file name → bounds), for pages the source client located them in. */
  private bounds = new Map<string, RecordBounds>()
  /** Flagged records read by their byte range / by a JSONAsString scan, over the batch's life (the run's summary). */
  readonly rawReads = { byRange: 0, byScan: 0 }

  constructor(
    private readonly ch: ChStore,
    /** The table and columns loaded, and the log comment (the same target as the JS path's BatchWriter). */
    private readonly target: BatchTarget,
    private readonly lane: FastLaneKind,
    /** The run's directory, where the page files are. */
    private readonly dir: string,
  ) {}

  get pages(): number {
    return this.files.length
  }

  /** Adds one page file (its items array, written by the source client into the run's directory). */
  addPage(file: string, bounds?: RecordBounds): void {
    if (path.dirname(file) !== this.dir) throw new Error(`fast lane: page file ${file} is not in ${this.dir}`)
    this.files.push(file)
    if (bounds) this.bounds.set(path.basename(file), bounds)
  }

  /** The batch's page files (for the JS path when ClickHouse cannot read them). */
  pageFiles(): string[] {
    return [...this.files]
  }

  /** Deletes the batch's files and starts an empty batch. */
  async clear(): Promise<void> {
    const files = this.files
    this.files = []
    this.bounds.clear()
    await Promise.all(files.map((f) => fs.promises.rm(f, { force: true })))
  }

  private glob(files: readonly string[]): string {
    return `${this.dir}/{${files.map((f) => path.basename(f)).join(',')}}`
  }

  /** Creates the run's staging table (Memory engine): the batch is parsed once, into it. */
  static async createStage(ch: ChStore, columns: BatchTarget['columns'], name: string): Promise<void> {
    await FastLaneBatch.dropStage(ch, name) // a run killed earlier may have left it, perhaps with older columns
    const extra = ['ok Bool', 'in_window Bool', 'rn UInt64', 'page String', 'upd_ms Int64', 'id String']
    await ch.client.command({
      query: `CREATE TABLE ${name} (${[...columns.map(([c, t]) => `${c} ${t}`), ...extra].join(', ')}) ENGINE = Memory`,
    })
  }

  static async dropStage(ch: ChStore, name: string): Promise<void> {
    await ch.client.command({ query: `DROP TABLE IF EXISTS ${name}` })
  }

  /** Parses the batch into `stage` (checks included), inserts the ok records, returns the others as raw JSON. */
  async run(stage: string, params: FastLaneParams): Promise<FastLaneResult> {
    if (!this.files.length) return { loaded: 0, newest: null, flagged: [] }
    const k = this.lane
    const { table, columns, comment } = this.target
    // Settings go in the statement's SETTINGS clause: chDB applies `clickhouse_settings` as session-wide SETs,
    // which would leak into every later query of the process.
    const settings = { log_comment: comment }
    const readSettings = settingsClause(k.settings)
    const cols = columns.map(([c]) => c).join(', ')
    await this.ch.client.command({ query: `TRUNCATE TABLE ${stage}` })
    try {
      await this.ch.client.command({
        query: `INSERT INTO ${stage} SELECT * FROM (${k.select(`file({glob:String}, 'JSONEachRow', {structure:String})`)}) WHERE in_window${readSettings}`,
        query_params: {
          glob: this.glob(this.files),
          structure: k.structure,
          codes: [...params.codes],
          // transform() wants non-empty arrays: a key no record has stands in for "no aliases".
          alias_keys: params.aliases.size ? [...params.aliases.keys()] : ['\u0000'],
          alias_values: params.aliases.size ? [...params.aliases.values()] : [''],
          until_ms: params.untilMs,
          not_after_ms: params.notAfterMs,
          synthetic: params.synthetic,
        },
        clickhouse_settings: settings,
      })
    } catch (e) {
      throw new FastLaneUnreadable(e)
    }
    const checked = await this.ch.client.query({
      query: `SELECT countIf(ok) AS loaded, maxIf((upd_ms, id), ok) AS newest, newest.1 AS newest_ms, newest.2 AS newest_id,
                arraySort(groupArrayIf((page, rn, id), NOT ok)) AS flagged,
                (SELECT groupArray((page, n, top)) FROM (SELECT page, count() AS n, max(rn) AS top FROM ${stage} GROUP BY page)) AS pages
              FROM ${stage}`,
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `${comment} check` },
    })
    const check = Check.parse((await checked.json<Record<string, unknown>>())[0])
    // optimize_on_insert = 0: no collapsing of versions inside the block at insert time (≈ 45% of the insert's
    // cost here). Reads use FINAL/argMax and merges collapse versions anyway (ADR 008), so nothing changes.
    await this.ch.client.command({
      query: `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${stage} WHERE ok${settingsClause({ optimize_on_insert: 0 })}`,
      clickhouse_settings: settings,
    })
    let flagged: FastLaneResult['flagged'] = []
    if (check.flagged.length) {
      const staged = new Map(check.pages.map(([p, n, top]) => [p, { n, top }]))
      const byPage = new Map<string, [number, string][]>()
      for (const [p, rn, id] of check.flagged) {
        const rows = byPage.get(p)
        if (rows) rows.push([rn, id])
        else byPage.set(p, [[rn, id]])
      }
      const scan: [string, number][] = []
      for (const [p, rows] of byPage) {
        const direct = this.readDirect(p, rows, staged.get(p))
        if (direct) flagged.push(...direct)
        else scan.push(...rows.map(([rn]): [string, number] => [p, rn]))
      }
      this.rawReads.byRange += flagged.length
      this.rawReads.byScan += scan.length
      if (scan.length)
        flagged = [...flagged, ...(await this.scanRaw(scan, comment))].sort((a, b) =>
          a.page === b.page ? a.rn - b.rn : a.page < b.page ? -1 : 1,
        )
      if (flagged.length !== check.flagged.length)
        throw new Error(`fast lane: ${check.flagged.length} records flagged but ${flagged.length} read back as raw JSON`)
    }
    await this.ch.client.command({ query: `TRUNCATE TABLE ${stage}` })
    return { loaded: check.loaded, newest: check.loaded > 0 ? { at: check.newest_ms, id: check.newest_id } : null, flagged }
  }

  /**
   * A page's flagged items read by their byte ranges, or null when that cannot be trusted: no bounds, not every
   * item of the page staged (`staged`: the stage's row count and top row number for it), a separator count that
   * differs, or an item that does not parse as an object with the id the stage holds for its row.
   */
  private readDirect(
    page: string,
    rows: readonly [number, string][],
    staged: { n: number; top: number } | undefined,
  ): FastLaneResult['flagged'] | null {
    const b = this.bounds.get(page)
    if (!b || !staged || staged.n !== b.seps.length + 1 || staged.top !== staged.n - 1) return null
    const fd = fs.openSync(path.join(this.dir, page), 'r')
    try {
      const out: FastLaneResult['flagged'] = []
      for (const [rn, id] of rows) {
        const range = recordRange(b, rn)
        if (!range) return null
        const buf = Buffer.allocUnsafe(range[1] - range[0])
        if (fs.readSync(fd, buf, 0, buf.length, range[0]) !== buf.length) return null
        const record = recordWithId(buf.toString('utf8').trim(), this.lane.idField, id)
        if (record === undefined) return null
        out.push({ page, rn, record })
      }
      return out
    } finally {
      fs.closeSync(fd)
    }
  }

  /** Flagged records read with JSONAsString, which finds each page's items by scanning them all. */
  private async scanRaw(wantedRows: readonly [string, number][], comment: string): Promise<FastLaneResult['flagged']> {
    const wanted = wantedRows.map(([p, n]) => `${p}#${n}`)
    const pages = [...new Set(wantedRows.map(([p]) => p))]
    const raw = await this.ch.client.query({
      query: `SELECT page, rn, json FROM (SELECT _file AS page, _row_number AS rn, json FROM file({glob:String}, 'JSONAsString'))
              WHERE concat(page, '#', toString(rn)) IN (SELECT arrayJoin({wanted:Array(String)})) ORDER BY page, rn`,
      query_params: { glob: this.glob(pages.map((p) => path.join(this.dir, p))), wanted },
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `${comment} flagged` },
    })
    return z
      .array(Raw)
      .parse(await raw.json())
      .map(({ page, rn, json }) => ({ page, rn, record: JSON.parse(json) as unknown }))
  }
}

/** `json` parsed when it is one JSON object whose id field holds what ClickHouse staged as its id (`ifNull(field, '')`); else undefined. */
function recordWithId(json: string, idField: string, id: string): object | undefined {
  if (!json.startsWith('{') || !json.endsWith('}')) return undefined
  let v: unknown
  try {
    v = JSON.parse(json)
  } catch {
    return undefined
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined
  const m = (v as Record<string, unknown>)[idField]
  return (m === undefined || m === null ? id === '' : m === id) ? v : undefined
}
