/**
 * Whole answers of the loaders, cached (ADR 039): what a page computes from its reads (the per-commune rows,
 * the tiles, the forecasts, the KPI summary) is kept per (name, parameters — the scope and the period —, the
 * ClickHouse generation, the Postgres generation, the local day), so 20 people looking at the same overview
 * cost one computation, not 20. The ClickHouse reads are cached one by one (db/clickhouse/query-runtime.ts);
 * this skips the Postgres reads and the JavaScript between them too.
 *  - Invalidated by the data, never by time: a write through either store moves its generation
 *    (db/lib/pg-generation.ts); an answer computed while a generation moved is not kept. The local day is in
 *    the key for the figures that depend on "today" (yesterday's forecast).
 *  - One computation in flight per key, shared; it runs with its own AbortSignal, aborted only when every
 *    request waiting for it has gone away (a client that leaves does not fail the others' answer).
 *  - Every caller gets its own copy (structuredClone), so no caller can change the cache.
 *  - `keep` refuses an answer that should not outlive its request (a family that failed to read).
 *  - QUERY_CACHE=off turns it off with the read cache.
 */
import { setMaxListeners } from 'node:events'
import { LRUCache } from 'lru-cache'
import { answersCached, dataGeneration, requestSignal, withRequestSignal } from '../../db/clickhouse/query-runtime.ts'
import { pgGeneration } from '../../db/lib/pg-generation.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'

interface Flight {
  promise: Promise<unknown>
  controller: AbortController
  waiters: number
}

interface Memo {
  cache: LRUCache<string, { value: unknown }>
  inflight: Map<string, Flight>
  generation: string
  stats: { hits: number; computed: number }
}

const g = globalThis as unknown as { __motCuaAnswerMemo?: Memo }
const memo = (): Memo =>
  (g.__motCuaAnswerMemo ??= {
    cache: new LRUCache({ maxSize: 32 * 1024 ** 2, sizeCalculation: (v, k) => k.length + (JSON.stringify(v.value)?.length ?? 16) }),
    inflight: new Map(),
    generation: '',
    stats: { hits: 0, computed: 0 },
  })

/** Answers served from the memo (or joined to one in flight), and computed. */
export function answerMemoStats(): { hits: number; computed: number; entries: number } {
  const m = memo()
  return { ...m.stats, entries: m.cache.size }
}

const abortError = (s: AbortSignal) => (s.reason instanceof Error ? s.reason : Object.assign(new Error('aborted'), { name: 'AbortError' }))

/** `name`'s answer for `key` (JSON-serialisable parameters), computed by `compute` at most once per generation. */
export async function memoAnswer<T>(
  name: string,
  key: unknown,
  compute: () => Promise<T>,
  keep: (v: T) => boolean = () => true,
): Promise<T> {
  if (!answersCached()) return compute()
  const m = memo()
  const generation = `${dataGeneration()}.${pgGeneration()}`
  if (generation !== m.generation) {
    m.cache.clear()
    m.generation = generation
  }
  const k = `${name}|${generation}|${toLocalYmd(new Date())}|${JSON.stringify(key)}`
  const hit = m.cache.get(k)
  if (hit) {
    m.stats.hits++
    return structuredClone(hit.value as T)
  }
  let flight = m.inflight.get(k)
  if (flight) m.stats.hits++
  else flight = start(m, k, generation, compute, keep)
  return structuredClone((await wait(m, k, flight)) as T)
}

function start<T>(m: Memo, k: string, generation: string, compute: () => Promise<T>, keep: (v: T) => boolean): Flight {
  const controller = new AbortController()
  setMaxListeners(0, controller.signal) // one listener per read the computation makes
  const promise = withRequestSignal(controller.signal, compute)
  const flight: Flight = { promise, controller, waiters: 0 }
  m.inflight.set(k, flight)
  m.stats.computed++
  promise.then(
    (value) => {
      if (m.inflight.get(k) === flight) m.inflight.delete(k)
      const now = `${dataGeneration()}.${pgGeneration()}`
      if (now === generation && !controller.signal.aborted && keep(value)) m.cache.set(k, { value })
    },
    () => {
      if (m.inflight.get(k) === flight) m.inflight.delete(k)
    },
  )
  return flight
}

/** Waits for `flight` on behalf of the current request; the last waiter to leave aborts the computation. */
async function wait(m: Memo, k: string, flight: Flight): Promise<unknown> {
  const signal = requestSignal()
  flight.waiters++
  if (!signal) return flight.promise.finally(() => flight.waiters--)
  if (signal.aborted) {
    leave(m, k, flight, signal)
    throw abortError(signal)
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      leave(m, k, flight, signal)
      reject(abortError(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    flight.promise.then(resolve, reject).finally(() => {
      if (!signal.aborted) {
        signal.removeEventListener('abort', onAbort)
        flight.waiters--
      }
    })
  })
}

function leave(m: Memo, k: string, flight: Flight, signal: AbortSignal): void {
  if (--flight.waiters > 0) return
  if (m.inflight.get(k) === flight) m.inflight.delete(k)
  flight.controller.abort(signal.reason)
}
