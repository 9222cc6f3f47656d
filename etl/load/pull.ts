/**
 * The pull pipeline shared by the source jobs: pages from the HTTP source (or a file) → per-record
 * validation → batches of TabSeparated rows into ClickHouse → rejects into Postgres → the watermark.
 *
 * Never lose, never double — why a failure at any point is safe:
 * - The target tables are ReplacingMergeTree(updated_at) keyed by the record id: a row is a *version* of
 *   a record, and reads use FINAL (or argMax), so the highest CapNhatLuc wins. Inserting a version that is
 *   already there, or an older one, changes no FINAL result.
 * - The watermark moves only at the very end, after every batch committed, and only up to the highest
 *   CapNhatLuc among the rows actually loaded (never past a record we did not store; never backwards).
 * - So if the run fails or the process is killed after some batches committed, the watermark still points
 *   before them; the next run re-reads the same window and re-inserts those versions, which replace
 *   themselves. A half-inserted batch is harmless for the same reason. Nothing is lost (the window is read
 *   again) and nothing is doubled (FINAL sees one row per id).
 * - Late updates: an incremental run starts `overlapMs` (10 min) before the watermark, so a record whose
 *   CapNhatLuc is slightly older than the newest one seen (clock skew, slow commits at the source) is
 *   still picked up; re-reading the overlap is harmless for the same reason.
 *
 * Memory is bounded: one source page being validated plus one prefetched, and one batch of encoded rows. In the
 * fast lane pages are not held in memory at all: the source client streams them to files under DATA_DIR/scratch
 * (etl/load/scratch.ts, bounded by ETL_SCRATCH_MAX_BYTES), at most the batch in ClickHouse and the batch being filled.
 *
 * The steps, each its own function: `planPull` (source, window, lanes), `openPages` (the source adapter's pages or
 * a file's rows), `loadPages` (each page to a lane: js-lane.ts, fast-run.ts), `commitPull` (the watermark, the log).
 *
 * Sources (ADR 019): every source is an adapter (source/adapters/types.ts) handing over pages of records in the
 * contract's shape — the contract over HTTP by default, VNPT iGate, or the national portal's push receiver — plus
 * the records it could not map itself (an unmapped code), which are counted and kept like the validator's rejects.
 * Each adapter keeps its own watermark; after the load committed it may settle its side (the push receiver marks
 * its staged items loaded).
 *
 * Fast lane (ADR 011; dossiers on embedded chDB from an HTTP source): pages in the usual envelope are not
 * parsed here. Their items go to files that ClickHouse parses, checks (validate/dossier-sql.ts) and inserts
 * itself, one batch of pages per statement, while the next batch is fetched; only the records it flags come
 * back through the JS path below (zod), which decides their rejects. Same guarantees: the watermark still
 * moves only after every batch committed, to the newest record loaded by either lane.
 */
import fs from 'node:fs'
import type { JobContext, JobSummary } from '../job.ts'
import { sourceUrl, type Stores } from '../../db/stores.ts'
import { isoVn } from '../../db/lib/vn-time.ts'
import { silentLogger, type Logger } from '../log.ts'
import { readFilePages } from '../source/file.ts'
import type { SourcePage } from '../source/http.ts'
import { contractAdapter } from '../source/adapters/contract.ts'
import type { AdapterPage, SourceAdapter } from '../source/adapters/types.ts'
import { getWatermark, advanceWatermark } from '../state/watermarks.ts'
import type { RecordKind } from '../validate/record.ts'
import { UnitResolver } from '../validate/units.ts'
import { BatchWriter, type BatchTarget } from './insert.ts'
import { runScratchDir, ScratchBudget, scratchPlaces, scratchRoot, sweepScratch } from './scratch.ts'
import { FastLaneRun } from './fast-run.ts'
import { JsLane } from './js-lane.ts'
import { RunState } from './run-state.ts'

export const DEFAULT_BATCH_ROWS = 50_000
export const DEFAULT_OVERLAP_MS = 10 * 60_000

/** A failed run, with what it had done before failing (for the run log). */
export class PullError extends Error {
  constructor(
    readonly cause: unknown,
    readonly partial: JobSummary,
  ) {
    super((cause as Error)?.message ?? String(cause))
    this.name = 'PullError'
  }
}

/** Which adapter a run reads (default: the contract at TTHC_SOURCE_URL or the simulator) and under which job. */
export interface PullSource {
  adapter?: SourceAdapter
  /** The job the run's rejects and summary are filed under (default the kind's own). */
  job?: string
}

/** What a run reads and how: decided once, before the first page. */
interface PullPlan {
  kind: RecordKind
  ctx: JobContext
  stores: Stores
  job: string
  file: string | undefined
  /** The source (null: a file import). */
  adapter: SourceAdapter | null
  url: string | null
  synthetic: boolean
  since: number | null
  until: number | null
  stored: { at: Date; lastId: string | null } | null
  log: Logger
  units: UnitResolver
  /** The fast lane, when this kind has one and ClickHouse can read our files (embedded chDB). */
  fast: RecordKind['fastLane'] | null
  batchRows: number
  started: number
  /** A time other than a deadline after this is rejected `future_date`. */
  notAfterMs: number
  /** The run's limits (ETL_MAX_PAGES, ETL_RUN_TIME_LIMIT, ETL_MAX_PAGE_BYTES unless the options say otherwise). */
  limits: { maxPages: number; timeLimitMs: number; maxPageBytes: number }
  /** Aborts the run: the caller's signal, or the run time limit (`stop`). */
  signal: AbortSignal
  stop: AbortController
  /** DATA_DIR/scratch (swept of dead processes' files when the run is planned) and its bound. */
  scratch: { dir: string; budget: ScratchBudget }
}

/** Step 1: the source, the window (from the watermark less the overlap, unless given) and the lanes. */
async function planPull(kind: RecordKind, ctx: JobContext, src: PullSource): Promise<PullPlan> {
  const { stores } = ctx
  const o = ctx.options ?? {}
  const file = ctx.source?.file
  const adapter = file
    ? null
    : (src.adapter ??
      contractAdapter({
        url: ctx.source?.url ?? sourceUrl(stores),
        token: stores.config.TTHC_SOURCE_TOKEN,
        synthetic: !ctx.source?.url && stores.config.simulator,
        job: kind.job,
      }))
  const url = adapter?.label ?? null
  const stored = await getWatermark(stores.pg.db, adapter?.watermarkKey ?? kind.job)
  const since = ctx.window.from?.getTime() ?? (stored && !file ? stored.at.getTime() - (o.overlapMs ?? DEFAULT_OVERLAP_MS) : null)
  const until = ctx.window.to?.getTime() ?? null
  const window = { from: since === null ? null : isoVn(since), to: until === null ? null : isoVn(until) }
  const started = Date.now()
  const limits = {
    maxPages: o.maxPages ?? stores.config.ETL_MAX_PAGES,
    timeLimitMs: o.timeLimitMs ?? stores.config.ETL_RUN_TIME_LIMIT,
    maxPageBytes: o.maxPageBytes ?? stores.config.ETL_MAX_PAGE_BYTES,
  }
  const stop = new AbortController()
  const root = scratchRoot(stores.config.dataDir)
  const log = (ctx.log ?? silentLogger).child({ source: file ? `file:${file}` : url, window })
  const swept = sweepScratch(scratchPlaces(root))
  if (swept.removed.length) log.info('scratch of stopped processes swept', { entries: swept.removed.length, bytes: swept.bytes })
  return {
    scratch: { dir: root, budget: new ScratchBudget([root], o.scratchMaxBytes ?? stores.config.ETL_SCRATCH_MAX_BYTES) },
    limits,
    stop,
    signal: ctx.signal ? AbortSignal.any([ctx.signal, stop.signal]) : stop.signal,
    kind,
    ctx,
    stores,
    job: src.job ?? kind.job,
    file,
    adapter,
    url,
    // Synthetic when pulled from the built-in simulator, or when the source says so (page flag / header).
    synthetic: adapter?.synthetic ?? false,
    since,
    until,
    stored,
    log,
    units: await UnitResolver.load(stores.pg.db, stores.config.PROVINCE_CODE),
    fast: kind.fastLane && stores.ch.kind === 'chdb' && adapter?.rawPages && o.fastLane !== false ? kind.fastLane : null,
    batchRows: o.batchRows ?? DEFAULT_BATCH_ROWS,
    started,
    notAfterMs: started + stores.config.ETL_FUTURE_TOLERANCE,
  }
}

function newSummary(p: PullPlan): JobSummary {
  return {
    job: p.job,
    read: 0,
    loaded: 0,
    rejected: {},
    watermark: p.stored ? isoVn(p.stored.at.getTime()) : null,
    window: { from: p.since === null ? null : isoVn(p.since), to: p.until === null ? null : isoVn(p.until) },
    source: p.file ? `file:${p.file}` : p.url,
  }
}

/** Step 2: the pages — a file's rows, or the adapter's pages (the contract's streamed to `rawDir` for the fast lane). */
function openPages(p: PullPlan, rawDir: string | null): AsyncGenerator<AdapterPage | SourcePage> {
  const o = p.ctx.options ?? {}
  const c = p.stores.config
  const limits = { maxRows: c.IMPORT_MAX_ROWS, maxSharedStrings: c.IMPORT_MAX_SHARED_STRINGS, maxText: c.IMPORT_MAX_TEXT }
  if (!p.adapter) return readFilePages(p.file!, { contract: p.kind.contract, pageSize: o.pageSize, limits })
  return p.adapter.pages({
    kind: p.kind,
    since: p.since,
    until: p.until,
    options: { ...o, maxPageBytes: p.limits.maxPageBytes },
    log: p.log,
    signal: p.signal,
    rawDir: rawDir ?? undefined,
    runId: p.ctx.runId ?? null,
  })
}

/** Step 3: every page to its lane — the fast lane for a page streamed to a file, else the JS path. */
async function loadPages(
  p: PullPlan,
  pages: AsyncGenerator<AdapterPage | SourcePage>,
  js: JsLane,
  fast: FastLaneRun | null,
  state: RunState,
) {
  const stopIfAborted = () => {
    if (p.stop.signal.aborted) throw p.stop.signal.reason as Error
    if (p.ctx.signal?.aborted) throw new Error(`aborted: ${String(p.ctx.signal.reason ?? 'stopped')}`)
  }
  let tWait = performance.now()
  let n = 0
  for await (const page of pages) {
    state.timings.sourceMs += performance.now() - tWait
    stopIfAborted()
    p.scratch.budget.check()
    if (++n > p.limits.maxPages) {
      if (page.rawFile) fs.rmSync(page.rawFile, { force: true })
      throw new Error(`more than ${p.limits.maxPages} source pages in one run (ETL_MAX_PAGES): run stopped, watermark unchanged`)
    }
    const pageSynthetic = p.synthetic || page.synthetic === true
    // Records the adapter could not map (an unmapped code): read and rejected, like the validator's rejects.
    for (const r of (page as AdapterPage).rejects ?? []) {
      state.summary.read++
      state.reject(r)
    }
    if (fast && page.rawFile) await fast.addPage({ ...page, rawFile: page.rawFile }, pageSynthetic)
    else await js.handle(page.items, pageSynthetic)
    p.ctx.progress?.(state.summary.read, (page as SourcePage).total ?? null)
    tWait = performance.now()
  }
  if (fast) await fast.end()
  await js.flush()
  await state.flushRejects()
  await p.adapter?.committed?.(p.ctx.runId ?? null)
}

/**
 * Step 4, once every batch committed: the watermark may move (HTTP pulls only; a file is another source). A
 * CapNhatLuc ahead of our clock (a source clock running fast) is not trusted past the run's start, so records the
 * source stamps in between are not skipped; re-reading the future-dated ones is harmless.
 */
async function commitPull(p: PullPlan, state: RunState): Promise<JobSummary> {
  const { summary } = state
  if (p.adapter && p.adapter.advancesWatermark !== false && state.maxAt > -Infinity) {
    const at = Math.min(state.maxAt, p.started)
    const stored = await advanceWatermark(p.stores.pg.db, p.adapter.watermarkKey, new Date(at), at === state.maxAt ? state.maxId : null)
    summary.watermark = isoVn(stored.getTime())
  }
  const seconds = (Date.now() - p.started) / 1000
  p.log.info('pull finished', {
    read: summary.read,
    loaded: summary.loaded,
    rejected: summary.rejected,
    watermark: summary.watermark,
    seconds,
    rowsPerSecond: Math.round(summary.read / Math.max(seconds, 0.001)),
  })
  return summary
}

export async function runPull(kind: RecordKind, ctx: JobContext, src: PullSource = {}): Promise<JobSummary> {
  const p = await planPull(kind, ctx, src)
  const keep = p.file !== undefined ? p.stores.config.IMPORT_MAX_REJECTS_KEPT : Infinity
  const state = new RunState(newSummary(p), p.log, p.stores.pg.db, ctx.runId ?? null, keep)
  const target: BatchTarget = { table: kind.table, columns: kind.columns, comment: `etl:${kind.job}` }
  const writer = new BatchWriter(p.stores.ch, target, ctx.options?.insertMode, p.scratch)
  const window = { since: p.since, until: p.until, file: p.file !== undefined }
  const vctx = {
    plain: { units: p.units, synthetic: p.synthetic, notAfterMs: p.notAfterMs },
    synthetic: { units: p.units, synthetic: true, notAfterMs: p.notAfterMs },
  }
  const js = new JsLane(kind, state, writer, window, vctx, p.batchRows)
  // The fast lane's scratch directory: the source client streams its pages there.
  const dir = p.fast ? runScratchDir(p.scratch.dir) : null
  const progress = () => ctx.progress?.(state.summary.read, null)
  const fastOpts = {
    batchRows: p.batchRows,
    pageSize: ctx.options?.pageSize ?? 5000,
    until: p.until,
    notAfterMs: p.notAfterMs,
    url: p.url ?? '',
    signal: p.signal,
    progress,
  }
  const fast = p.fast ? new FastLaneRun(p.stores.ch, kind, p.fast, target, dir!, p.units, state, js, fastOpts) : null
  // The run time limit: aborts the source's requests and stops the run at the next page.
  const limit = Math.min(p.limits.timeLimitMs, 2 ** 31 - 1) // setTimeout's longest delay
  const timer = setTimeout(
    () =>
      p.stop.abort(
        new Error(`run took longer than its limit of ${Math.round(limit / 1000)} s (ETL_RUN_TIME_LIMIT): run stopped, watermark unchanged`),
      ),
    limit,
  )
  try {
    await fast?.start()
    await loadPages(p, openPages(p, dir), js, fast, state)
  } catch (caught) {
    clearTimeout(timer)
    const e: unknown = p.stop.signal.aborted ? p.stop.signal.reason : caught
    await fast?.abandon()
    p.log.error('pull failed; watermark unchanged', { error: (e as Error).message, read: state.summary.read, loaded: state.summary.loaded })
    throw new PullError(e, state.summary)
  } finally {
    clearTimeout(timer)
    await p.adapter?.finish?.().catch((e: unknown) => p.log.warn('source adapter could not finish', { error: (e as Error).message }))
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    await fast?.close()
  }
  if (fast) state.summary.fastLane = fast.report()
  state.summary.scratchPeakBytes = p.scratch.budget.peak
  return commitPull(p, state)
}
