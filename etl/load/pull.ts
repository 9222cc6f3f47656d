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
 * fast lane pages are not held in memory at all: the source client streams them to files (tmpfs), at most the
 * batch in ClickHouse and the batch being filled.
 *
 * Fast lane (ADR 011; dossiers on embedded chDB from an HTTP source): pages in the usual envelope are not
 * parsed here. Their items go to files that ClickHouse parses, checks (validate/dossier-sql.ts) and inserts
 * itself, one batch of pages per statement, while the next batch is fetched; only the records it flags come
 * back through the JS path below (zod), which decides their rejects. Same guarantees: the watermark still
 * moves only after every batch committed, to the newest record loaded by either lane.
 */
import fs from 'node:fs'
import type { JobContext, JobSummary } from '../job.ts'
import { sourceUrl } from '../../db/stores.ts'
import { silentLogger } from '../log.ts'
import { readFilePages } from '../source/file.ts'
import { SourceHttpError } from '../source/http.ts'
import { contractAdapter } from '../source/adapters/contract.ts'
import type { AdapterPage, SourceAdapter } from '../source/adapters/types.ts'
import { getWatermark, advanceWatermark } from '../state/watermarks.ts'
import { saveRejects, type Reject } from '../state/rejects.ts'
import { isoVn, parseTime } from '../validate/fields.ts'
import { validateRecord, type RecordKind } from '../validate/record.ts'
import { UnitResolver } from '../validate/units.ts'
import { BatchWriter, type BatchTarget } from './insert.ts'
import { FastLaneBatch, FastLaneUnreadable, scratchDir } from './fast-lane.ts'

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
  /** The job the run's rejects are filed under (default the kind's own). */
  job?: string
}

export async function runPull(kind: RecordKind, ctx: JobContext, src: PullSource = {}): Promise<JobSummary> {
  const { stores } = ctx
  const db = stores.pg.db
  const o = ctx.options ?? {}
  const file = ctx.source?.file
  const job = src.job ?? kind.job
  // Synthetic when pulled from the built-in simulator, or when the source says so (page flag / header).
  const adapter: SourceAdapter | null = file
    ? null
    : (src.adapter ??
      contractAdapter({
        url: ctx.source?.url ?? sourceUrl(stores),
        token: stores.config.TTHC_SOURCE_TOKEN,
        synthetic: !ctx.source?.url && stores.config.simulator,
        job: kind.job,
      }))
  const url = adapter?.label ?? null
  const synthetic = adapter?.synthetic ?? false
  const stored = adapter ? await getWatermark(db, adapter.watermarkKey) : null
  const since = ctx.window.from?.getTime() ?? (stored && !file ? stored.at.getTime() - (o.overlapMs ?? DEFAULT_OVERLAP_MS) : null)
  const until = ctx.window.to?.getTime() ?? null
  const window = { from: since === null ? null : isoVn(since), to: until === null ? null : isoVn(until) }
  const log = (ctx.log ?? silentLogger).child({ source: file ? `file:${file}` : url, window })

  const units = await UnitResolver.load(db, stores.config.PROVINCE_CODE)
  // The fast lane, when this kind has one and ClickHouse can read our files (embedded chDB).
  const fast = kind.fastLane && stores.ch.kind === 'chdb' && adapter?.rawPages && o.fastLane !== false ? kind.fastLane : null
  const stopIfAborted = () => {
    if (ctx.signal?.aborted) throw new Error(`aborted: ${String(ctx.signal.reason ?? 'stopped')}`)
  }
  const target: BatchTarget = { table: kind.table, columns: kind.columns, comment: `etl:${kind.job}` }
  const writer = new BatchWriter(stores.ch, target, o.insertMode)
  const batchRows = o.batchRows ?? DEFAULT_BATCH_ROWS
  const summary: JobSummary = {
    job,
    read: 0,
    loaded: 0,
    rejected: {},
    watermark: stored ? isoVn(stored.at.getTime()) : null,
    window,
    source: file ? `file:${file}` : url,
  }
  let rejects: Reject[] = []
  let maxAt = -Infinity
  let maxId: string | null = null
  const started = Date.now()

  // The fast lane's scratch directory: the source client streams its pages there.
  const dir = fast ? scratchDir() : null
  const pages: AsyncGenerator<AdapterPage> = adapter
    ? adapter.pages({ kind, since, until, options: o, log, signal: ctx.signal, rawDir: dir ?? undefined, runId: ctx.runId ?? null })
    : readFilePages(file!, { headers: kind.headers, idField: kind.idField, pageSize: o.pageSize })

  // Where the time goes (waiting for the source, validating and encoding, inserting): in the summary and logs.
  const timings = { sourceMs: 0, validateMs: 0, insertMs: 0, fastLaneMs: 0 }
  summary.timings = timings
  const flush = async () => {
    const t = performance.now()
    const n = await writer.flush()
    timings.insertMs += performance.now() - t
    summary.loaded += n
    if (n) log.debug('batch inserted', { rows: n, loaded: summary.loaded })
  }
  const flushRejects = async () => {
    if (!rejects.length) return
    // Taken before the await: a batch in ClickHouse may add rejects meanwhile (they wait for the next save).
    const taken = rejects
    rejects = []
    await saveRejects(db, job, ctx.runId ?? null, taken)
  }

  const plainCtx = { units, synthetic }
  const syntheticCtx = { units, synthetic: true }
  const bump = (at: number, id: string) => {
    if (at > maxAt || (at === maxAt && id > (maxId ?? ''))) {
      maxAt = at
      maxId = id
    }
  }

  /** The JS path: window filter, zod, lineage, TabSeparated batches; rejects kept. */
  const handleItems = async (items: readonly unknown[], pageSynthetic: boolean) => {
    let tPage = performance.now()
    for (const raw of items) {
      // The window's upper bound (the source has none); a file has no `updated_since` either.
      if (until !== null || (file && since !== null)) {
        const at = parseTime((raw as { CapNhatLuc?: unknown } | null)?.CapNhatLuc)
        if (at !== null && ((until !== null && at >= until) || (file && since !== null && at < since))) continue
      }
      summary.read++
      const v = validateRecord(kind, raw, pageSynthetic ? syntheticCtx : plainCtx)
      if (v.ok) {
        writer.add(v.row)
        bump(v.updatedAt, v.id)
        if (writer.size >= batchRows) {
          timings.validateMs += performance.now() - tPage
          await flush()
          tPage = performance.now()
        }
      } else {
        summary.rejected[v.reason] = (summary.rejected[v.reason] ?? 0) + 1
        rejects.push({ reason: v.reason, detail: v.detail, recordId: v.id, raw })
      }
    }
    timings.validateMs += performance.now() - tPage
    if (rejects.length >= 1000) await flushRejects()
  }

  // One staging table per job (a job never runs twice at once: runner.ts locks), re-created by each run.
  const stage = fast ? `etl_fastlane_${kind.job.replace(/\W/g, '_')}` : null
  const codes = units.communeCodes()
  // Pre-merger spellings the SQL may map itself: the lineage's own names and codes, then any other spelling the
  // JS path resolved to exactly one commune (UnitResolver decides every one of them, so both lanes agree).
  const aliases = new Map<string, string>()
  const seenUnits = new Set<string>(codes)
  const learnUnits = (spellings: readonly unknown[]) => {
    for (const u of spellings) {
      if (typeof u !== 'string' || seenUnits.has(u)) continue
      seenUnits.add(u)
      const c = units.fixedAlias(u)
      if (c) aliases.set(u, c)
    }
  }
  if (fast) learnUnits(units.lineageSpellings())
  const pagesPerBatch = Math.max(1, Math.ceil(batchRows / (o.pageSize ?? 5000)))
  // The first batch is smaller: ClickHouse has nothing to do until it is launched, and once it runs the next
  // batch fills meanwhile (a backfill's pages arrive faster than ClickHouse takes them), so only this wait is idle.
  const firstBatchPages = Math.max(1, Math.ceil(pagesPerBatch / 5))
  let batch: FastLaneBatch | null = null
  let batchSynthetic = false
  let batchNo = 0
  let fastRows = 0
  /** Flagged records read back by their byte range / by a JSONAsString scan (FastLaneBatch.rawReads). */
  const rawReads = { byRange: 0, byScan: 0 }
  let inflight: Promise<void> | null = null
  let fastOff = false

  /** A page file's items, parsed here after all (the fast lane is off, or ClickHouse could not read it). */
  const parseItems = async (pageFile: string): Promise<unknown[]> => {
    try {
      return JSON.parse(await fs.promises.readFile(pageFile, 'utf8')) as unknown[]
    } catch (err) {
      throw new SourceHttpError(`source sent broken JSON (${(err as Error).message})`, null, url ?? '', false)
    }
  }
  const runBatch = async (b: FastLaneBatch, isSynthetic: boolean) => {
    const t = performance.now()
    try {
      const r = await b.run(stage!, { codes, aliases, untilMs: until, synthetic: isSynthetic })
      timings.fastLaneMs += performance.now() - t
      rawReads.byRange += b.rawReads.byRange
      rawReads.byScan += b.rawReads.byScan
      summary.read += r.loaded
      summary.loaded += r.loaded
      fastRows += r.loaded
      if (r.newest) bump(r.newest.at, r.newest.id)
      // A source whose records are mostly unusual (another time offset, NFD text…) gains nothing here: the
      // rest of the run goes straight to the JS path instead of being parsed twice.
      if (r.flagged.length > r.loaded && !fastOff) {
        fastOff = true
        log.info('most records need the JS path; the fast lane is off for the rest of this run', {
          flagged: r.flagged.length,
          loaded: r.loaded,
        })
      }
      if (r.flagged.length) {
        const items = r.flagged.map((f) => f.record)
        await handleItems(items, isSynthetic)
        learnUnits(items.map((it) => (it as { MaDonVi?: unknown } | null)?.MaDonVi))
      }
    } catch (e) {
      if (!(e instanceof FastLaneUnreadable)) throw e
      timings.fastLaneMs += performance.now() - t
      log.warn('fast lane could not read a batch; it goes through the JS path', { error: e.message, pages: b.pages })
      for (const f of b.pageFiles()) await handleItems(await parseItems(f), isSynthetic)
    } finally {
      await b.clear()
    }
    ctx.progress?.(summary.read, null)
  }
  /** Hands the current batch to ClickHouse once the previous one is done; pages keep arriving meanwhile. */
  const launch = async () => {
    if (!batch || batch.pages === 0) return
    const b = batch
    batch = null
    if (inflight) await inflight
    stopIfAborted()
    inflight = runBatch(b, batchSynthetic)
    inflight.catch(() => {}) // awaited before the next batch and at the end
  }

  try {
    if (fast) await FastLaneBatch.createStage(stores.ch, kind.columns, stage!)
    let tWait = performance.now()
    for await (const page of pages) {
      timings.sourceMs += performance.now() - tWait
      stopIfAborted()
      const pageSynthetic = synthetic || page.synthetic === true
      // Records the adapter could not map (an unmapped code): read and rejected, like the validator's rejects.
      for (const r of page.rejects ?? []) {
        summary.read++
        summary.rejected[r.reason] = (summary.rejected[r.reason] ?? 0) + 1
        rejects.push(r)
      }
      if (fast && page.rawFile && fastOff) {
        const items = await parseItems(page.rawFile)
        await fs.promises.rm(page.rawFile, { force: true })
        await handleItems(items, pageSynthetic)
        ctx.progress?.(summary.read, null)
      } else if (fast && page.rawFile) {
        if (batch && batch.pages > 0 && pageSynthetic !== batchSynthetic) await launch()
        if (!batch) {
          batch = new FastLaneBatch(stores.ch, target, fast, dir!)
          batchNo++
        }
        batchSynthetic = pageSynthetic
        batch.addPage(page.rawFile, page.rawBounds)
        if (batch.pages >= (batchNo === 1 ? firstBatchPages : pagesPerBatch)) await launch()
      } else {
        await handleItems(page.items, pageSynthetic)
        ctx.progress?.(summary.read, null)
      }
      tWait = performance.now()
    }
    await launch()
    if (inflight) await inflight
    await flush()
    await flushRejects()
    await adapter?.committed?.(ctx.runId ?? null)
  } catch (e) {
    if (inflight) await (inflight as Promise<void>).catch(() => {})
    log.error('pull failed; watermark unchanged', { error: (e as Error).message, read: summary.read, loaded: summary.loaded })
    throw new PullError(e, summary)
  } finally {
    await adapter?.finish?.().catch((e: unknown) => log.warn('source adapter could not finish', { error: (e as Error).message }))
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    if (stage) await FastLaneBatch.dropStage(stores.ch, stage).catch(() => {})
  }
  if (fast) summary.fastLane = { rows: fastRows, batches: batchNo, flaggedByRange: rawReads.byRange, flaggedByScan: rawReads.byScan }
  // Every batch committed: only now may the watermark move (HTTP pulls only; a file is another source). A
  // CapNhatLuc ahead of our clock (a source clock running fast) is not trusted past the run's start, so
  // records the source stamps in between are not skipped; re-reading the future-dated ones is harmless.
  if (adapter && maxAt > -Infinity) {
    const at = Math.min(maxAt, started)
    summary.watermark = isoVn((await advanceWatermark(db, adapter.watermarkKey, new Date(at), at === maxAt ? maxId : null)).getTime())
  }
  const seconds = (Date.now() - started) / 1000
  log.info('pull finished', {
    read: summary.read,
    loaded: summary.loaded,
    rejected: summary.rejected,
    watermark: summary.watermark,
    seconds,
    rowsPerSecond: Math.round(summary.read / Math.max(seconds, 0.001)),
  })
  return summary
}
