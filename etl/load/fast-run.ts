/**
 * The fast lane over one pull run (ADR 011): pages the source client streamed to files are gathered into batches
 * that ClickHouse parses, checks and inserts (FastLaneBatch), one batch in ClickHouse while the next fills; the
 * records it flags go to the JS path. A source whose records are mostly unusual turns the lane off for the rest of
 * the run, and a batch ClickHouse cannot read goes through the JS path whole.
 */
import fs from 'node:fs'
import type { ChStore } from '../../db/clickhouse/client.ts'
import type { RecordKind } from '../validate/record.ts'
import type { UnitResolver } from '../validate/units.ts'
import { SourceHttpError, type SourcePage } from '../source/http.ts'
import { FastLaneBatch, FastLaneUnreadable, type FastLaneKind } from './fast-lane.ts'
import type { BatchTarget } from './insert.ts'
import type { JsLane } from './js-lane.ts'
import type { RunState } from './run-state.ts'

export interface FastRunOptions {
  batchRows: number
  pageSize: number
  until: number | null
  /** The run's clock + ETL_FUTURE_TOLERANCE (ValidateContext.notAfterMs). */
  notAfterMs: number
  /** For the error of a page that is not JSON after all. */
  url: string
  signal?: AbortSignal
  /** Called after each batch (the CLI's progress bar). */
  progress?: () => void
}

export class FastLaneRun {
  private readonly stage: string
  private readonly codes: string[]
  /** Pre-merger spellings the SQL may map itself (UnitResolver decides every one of them, so both lanes agree). */
  private readonly aliases = new Map<string, string>()
  private readonly seenUnits: Set<string>
  private readonly pagesPerBatch: number
  private readonly firstBatchPages: number
  private batch: FastLaneBatch | null = null
  private batchSynthetic = false
  private batchNo = 0
  private rows = 0
  private readonly rawReads = { byRange: 0, byScan: 0 }
  private inflight: Promise<void> | null = null
  private off = false

  constructor(
    private readonly ch: ChStore,
    kind: RecordKind,
    private readonly lane: FastLaneKind,
    private readonly target: BatchTarget,
    /** The run's scratch directory, where the source client streams the pages. */
    private readonly dir: string,
    private readonly units: UnitResolver,
    private readonly state: RunState,
    private readonly js: JsLane,
    private readonly o: FastRunOptions,
  ) {
    // One staging table per job (a job never runs twice at once: runner.ts locks), re-created by each run.
    this.stage = `etl_fastlane_${kind.job.replace(/\W/g, '_')}`
    this.codes = units.communeCodes()
    this.seenUnits = new Set(this.codes)
    this.pagesPerBatch = Math.max(1, Math.ceil(o.batchRows / o.pageSize))
    // The first batch is smaller: ClickHouse has nothing to do until it is launched, and once it runs the next
    // batch fills meanwhile (a backfill's pages arrive faster than ClickHouse takes them), so only this wait is idle.
    this.firstBatchPages = Math.max(1, Math.ceil(this.pagesPerBatch / 5))
  }

  async start(): Promise<void> {
    await FastLaneBatch.createStage(this.ch, this.target.columns, this.stage)
    this.learnUnits(this.units.lineageSpellings())
  }

  /** Learns the spellings the JS path resolved to exactly one commune. */
  private learnUnits(spellings: readonly unknown[]): void {
    for (const u of spellings) {
      if (typeof u !== 'string' || this.seenUnits.has(u)) continue
      this.seenUnits.add(u)
      const c = this.units.fixedAlias(u)
      if (c) this.aliases.set(u, c)
    }
  }

  /** A page the source client streamed to a file (`page.rawFile`). */
  async addPage(page: SourcePage & { rawFile: string }, pageSynthetic: boolean): Promise<void> {
    if (this.off) {
      const items = await this.parseItems(page.rawFile)
      await fs.promises.rm(page.rawFile, { force: true })
      await this.js.handle(items, pageSynthetic)
      return
    }
    if (this.batch && this.batch.pages > 0 && pageSynthetic !== this.batchSynthetic) await this.launch()
    if (!this.batch) {
      this.batch = new FastLaneBatch(this.ch, this.target, this.lane, this.dir)
      this.batchNo++
    }
    this.batchSynthetic = pageSynthetic
    this.batch.addPage(page.rawFile, page.rawBounds)
    if (this.batch.pages >= (this.batchNo === 1 ? this.firstBatchPages : this.pagesPerBatch)) await this.launch()
  }

  /** Every page handed over is loaded (the last batch launched and done). */
  async end(): Promise<void> {
    await this.launch()
    if (this.inflight) await this.inflight
  }

  /** After a failure: lets the batch in ClickHouse finish (its error, if any, is the failure's consequence). */
  async abandon(): Promise<void> {
    if (this.inflight) await this.inflight.catch(() => {})
  }

  async close(): Promise<void> {
    await FastLaneBatch.dropStage(this.ch, this.stage).catch(() => {})
  }

  report(): { rows: number; batches: number; flaggedByRange: number; flaggedByScan: number } {
    return { rows: this.rows, batches: this.batchNo, flaggedByRange: this.rawReads.byRange, flaggedByScan: this.rawReads.byScan }
  }

  /** A page file's items, parsed here after all (the lane is off, or ClickHouse could not read it). */
  private async parseItems(pageFile: string): Promise<unknown[]> {
    try {
      return JSON.parse(await fs.promises.readFile(pageFile, 'utf8')) as unknown[]
    } catch (err) {
      throw new SourceHttpError(`source sent broken JSON (${(err as Error).message})`, null, this.o.url, false)
    }
  }

  /** Hands the current batch to ClickHouse once the previous one is done; pages keep arriving meanwhile. */
  private async launch(): Promise<void> {
    if (!this.batch || this.batch.pages === 0) return
    const b = this.batch
    this.batch = null
    if (this.inflight) await this.inflight
    if (this.o.signal?.aborted) throw new Error(`aborted: ${String(this.o.signal.reason ?? 'stopped')}`)
    this.inflight = this.runBatch(b, this.batchSynthetic)
    this.inflight.catch(() => {}) // awaited before the next batch and at the end
  }

  private async runBatch(b: FastLaneBatch, synthetic: boolean): Promise<void> {
    const { state } = this
    const t = performance.now()
    try {
      const r = await b.run(this.stage, {
        codes: this.codes,
        aliases: this.aliases,
        untilMs: this.o.until,
        notAfterMs: this.o.notAfterMs,
        synthetic,
      })
      state.timings.fastLaneMs += performance.now() - t
      this.rawReads.byRange += b.rawReads.byRange
      this.rawReads.byScan += b.rawReads.byScan
      state.summary.read += r.loaded
      state.summary.loaded += r.loaded
      this.rows += r.loaded
      if (r.newest) state.bump(r.newest.at, r.newest.id)
      // A source whose records are mostly unusual (another time offset, NFD text…) gains nothing here: the
      // rest of the run goes straight to the JS path instead of being parsed twice.
      if (r.flagged.length > r.loaded && !this.off) {
        this.off = true
        state.log.info('most records need the JS path; the fast lane is off for the rest of this run', {
          flagged: r.flagged.length,
          loaded: r.loaded,
        })
      }
      if (r.flagged.length) {
        const items = r.flagged.map((f) => f.record)
        await this.js.handle(items, synthetic)
        this.learnUnits(items.map((it) => (it as { MaDonVi?: unknown } | null)?.MaDonVi))
      }
    } catch (e) {
      if (!(e instanceof FastLaneUnreadable)) throw e
      state.timings.fastLaneMs += performance.now() - t
      state.log.warn('fast lane could not read a batch; it goes through the JS path', { error: e.message, pages: b.pages })
      for (const f of b.pageFiles()) await this.js.handle(await this.parseItems(f), synthetic)
    } finally {
      await b.clear()
    }
    this.o.progress?.()
  }
}
