/**
 * What every defined ClickHouse read shares at run time (ADR 027), behind `execute` in query.ts:
 *  - the request it serves: the server runs each request inside `withRequestSignal`, so a read made for a
 *    client that went away is aborted (its AbortSignal reaches the client's query) without any loader
 *    passing the signal along;
 *  - the data generation: a counter moved by every write through the ClickHouse client (inserts, statements,
 *    the rollups, migrations) and at the end of every ETL job run; a cached answer belongs to one generation;
 *  - the answer cache: per (store, query, parameters — the scope and the period —, generation), the raw rows
 *    (parsed again with the query's row schema on every use, so a caller that changes its rows cannot change
 *    the cache), identical reads in flight shared, bounded by size (LRU). Never expired by time: only a new
 *    generation makes an answer old;
 *  - a bound on concurrent reads (a queue: a read waits for a slot, and leaves the queue if its request is
 *    abandoned).
 * Kept on globalThis: the server entry and the Remix build each load their own copy of this module (as
 * db/stores.ts), and both must see one generation, one cache and one request context.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { LRUCache } from 'lru-cache'
import { WorkQueue } from '../lib/work-queue.ts'

export interface QueryRuntimeOptions {
  /** Cache answers (QUERY_CACHE=on). */
  cache: boolean
  /** Bytes of raw rows the cache may hold (QUERY_CACHE_SIZE). */
  cacheBytes: number
  /** ClickHouse reads run at once by this process (CH_MAX_QUERIES). */
  maxQueries: number
}

export interface QueryStats {
  generation: number
  /** Answers served from the cache (or from an identical read in flight). */
  hits: number
  /** Reads that ran on ClickHouse. */
  runs: number
  /** Reads abandoned because their request's signal fired. */
  aborted: number
  cachedEntries: number
  cachedBytes: number
  /** Reads running on ClickHouse now (for chDB: until the engine is done, even if their request has left). */
  readsRunning: number
  /** Reads waiting for a slot. */
  readsQueued: number
}

interface Runtime {
  options: QueryRuntimeOptions
  generation: number
  cache: LRUCache<string, unknown[]> | null
  inflight: Map<string, Inflight>
  reads: WorkQueue
  requests: AsyncLocalStorage<{ signal: AbortSignal }>
  stats: { hits: number; runs: number; aborted: number }
  ids: WeakMap<object, number>
  nextId: number
}

interface Inflight {
  promise: Promise<unknown[]>
  controller: AbortController
  waiters: number
}

export const DEFAULT_RUNTIME: QueryRuntimeOptions = { cache: true, cacheBytes: 64 * 1024 ** 2, maxQueries: 4 }

const g = globalThis as unknown as { __motCuaQueryRuntime?: Runtime }

function makeCache(o: QueryRuntimeOptions): LRUCache<string, unknown[]> | null {
  return o.cache ? new LRUCache<string, unknown[]>({ maxSize: o.cacheBytes, sizeCalculation: (_v, k) => k.length + 64 }) : null
}

function runtime(): Runtime {
  return (g.__motCuaQueryRuntime ??= {
    options: DEFAULT_RUNTIME,
    generation: 0,
    cache: makeCache(DEFAULT_RUNTIME),
    inflight: new Map(),
    reads: new WorkQueue({ concurrency: DEFAULT_RUNTIME.maxQueries, maxQueued: Infinity, maxWaitMs: Infinity }),
    requests: new AsyncLocalStorage(),
    stats: { hits: 0, runs: 0, aborted: 0 },
    ids: new WeakMap(),
    nextId: 1,
  })
}

/** Applies the configuration (opening the stores does, from QUERY_CACHE, QUERY_CACHE_SIZE, CH_MAX_QUERIES). */
export function configureQueryRuntime(o: Partial<QueryRuntimeOptions>): void {
  const r = runtime()
  r.options = { ...r.options, ...o }
  r.cache = makeCache(r.options)
  r.inflight.clear()
  r.reads = new WorkQueue({ concurrency: r.options.maxQueries, maxQueued: Infinity, maxWaitMs: Infinity })
}

/** Runs `fn` (and everything it awaits) on behalf of a request whose client may go away. */
export function withRequestSignal<T>(signal: AbortSignal, fn: () => T): T {
  return runtime().requests.run({ signal }, fn)
}

/** The signal of the request being served, if any. */
export function requestSignal(): AbortSignal | undefined {
  return runtime().requests.getStore()?.signal
}

/** The data changed (a write through the client, the end of an ETL job): every cached answer is old. */
export function dataChanged(): void {
  const r = runtime()
  r.generation++
  r.cache?.clear()
}

/** Whether answers are cached (QUERY_CACHE): the loaders' answer memo follows it (app/lib/answer-memo.server.ts). */
export function answersCached(): boolean {
  return runtime().cache !== null
}

export function dataGeneration(): number {
  return runtime().generation
}

export function queryStats(): QueryStats {
  const r = runtime()
  const reads = r.reads.stats()
  return {
    generation: r.generation,
    ...r.stats,
    cachedEntries: r.cache?.size ?? 0,
    cachedBytes: r.cache?.calculatedSize ?? 0,
    readsRunning: reads.active,
    readsQueued: reads.queued,
  }
}

/** A small stable number per object (a store's client, a query's definition) for cache keys. */
function idOf(o: object): number {
  const r = runtime()
  let id = r.ids.get(o)
  if (id === undefined) r.ids.set(o, (id = r.nextId++))
  return id
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : Object.assign(new Error('aborted'), { name: 'AbortError' })

/** Resolves with `p`, or rejects as soon as `signal` fires. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p
  if (signal.aborted) {
    // Nobody waits for `p` any more; its own rejection (a queued read refused for the same abort) is expected.
    p.catch(() => undefined)
    return Promise.reject(abortError(signal))
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * One read: from the cache, joined to the same read in flight, or run with `run(signal)` in a read slot.
 * The run's signal fires when every request waiting for it has gone away (a read shared by two requests is
 * not cancelled when one of them leaves).
 */
export async function cachedRead(
  store: object,
  definition: object,
  params: unknown,
  run: (signal: AbortSignal) => Promise<unknown[]>,
): Promise<unknown[]> {
  const r = runtime()
  const signal = requestSignal()
  if (!r.cache) return uncachedRead(r, run, signal)
  const generation = r.generation
  const key = `${idOf(store)}:${idOf(definition)}:${generation}:${JSON.stringify(params)}`
  const hit = r.cache?.get(key)
  if (hit) {
    r.stats.hits++
    return hit
  }
  let flight = r.inflight.get(key)
  if (flight) r.stats.hits++
  else flight = startRead(r, key, generation, run)
  flight.waiters++
  let left = false
  const leave = () => {
    if (left) return
    left = true
    if (--flight.waiters === 0 && r.inflight.get(key) === flight) {
      r.inflight.delete(key)
      flight.controller.abort(signal?.reason ?? new Error('the request went away'))
    }
  }
  signal?.addEventListener('abort', leave, { once: true })
  try {
    return await untilAborted(flight.promise, signal)
  } catch (e) {
    if (signal?.aborted) r.stats.aborted++
    throw e
  } finally {
    signal?.removeEventListener('abort', leave)
    if (signal?.aborted) leave()
    else left = true
  }
}

/** QUERY_CACHE=off: every read runs, in a read slot, aborted with its request. */
async function uncachedRead(r: Runtime, run: (signal: AbortSignal) => Promise<unknown[]>, signal: AbortSignal | undefined) {
  try {
    return await untilAborted(
      r.reads.run(() => {
        r.stats.runs++
        return run(signal ?? new AbortController().signal)
      }, signal),
      signal,
    )
  } catch (e) {
    if (signal?.aborted) r.stats.aborted++
    throw e
  }
}

function startRead(r: Runtime, key: string, generation: number, run: (signal: AbortSignal) => Promise<unknown[]>): Inflight {
  const controller = new AbortController()
  const flight: Inflight = {
    controller,
    waiters: 0,
    promise: r.reads.run(() => {
      r.stats.runs++
      return run(controller.signal)
    }, controller.signal),
  }
  r.inflight.set(key, flight)
  flight.promise.then(
    (rows) => {
      if (r.inflight.get(key) === flight) r.inflight.delete(key)
      // An answer computed while the data changed belongs to the old generation: not kept.
      if (r.cache && r.generation === generation) r.cache.set(key, rows, { size: key.length + approxBytes(rows) })
    },
    () => {
      if (r.inflight.get(key) === flight) r.inflight.delete(key)
    },
  )
  return flight
}

/** Rough bytes of raw JSON rows (for the cache's size bound). */
function approxBytes(rows: unknown[]): number {
  if (rows.length === 0) return 16
  return Math.max(16, JSON.stringify(rows[0]).length * 2 * rows.length)
}
