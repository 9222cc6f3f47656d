/**
 * The TTHC source over HTTP (docs/design.md §6): `GET <base><path>?updated_since=<ISO>&limit=<n>[&cursor=<c>]` →
 * `{ items: [...], next_cursor: string | null }`, ordered by CapNhatLuc then id.
 *
 * - Streams page by page (an async generator); the next page is fetched while the caller works on the
 *   current one, so at most two pages are in memory whatever the backfill size.
 * - Bearer token (TTHC_SOURCE_TOKEN); a timeout per request (headers and body).
 * - Retries with exponential backoff and jitter (p-retry, `randomize`): 5xx, 408, 429, timeouts, network
 *   errors and broken JSON or a page that does not fit the contract. Other 4xx are not retried: they are
 *   thrown at once as a SourceHttpError naming the status and URL (a bad token does not heal by waiting).
 * - The body is decoded as UTF-8 without failing: bytes that are not UTF-8 become U+FFFD and the record
 *   holding them is rejected `invalid_utf8` by validation, instead of failing the page.
 * - Bounded (ADR 017, issue #17): a page's body is read as a stream and abandoned once it passes `maxPageBytes`
 *   (a declared Content-Length over it is refused before reading); a `next_cursor` the run has already followed
 *   ends the run (a source whose cursor repeats would otherwise be read for ever). Neither is retried.
 */
import fs from 'node:fs'
import path from 'node:path'
import pRetry, { AbortError } from 'p-retry'
import { z } from 'zod'
import { isoVn, parseTime } from '../../db/lib/vn-time.ts'
import { DEFAULT_MAX_PAGE_BYTES, readCapped, SourceHttpError } from './page-body.ts'
import { RawPageFile, type RecordBounds } from './raw-page.ts'

export interface HttpSourceOptions {
  baseUrl: string
  token?: string
  /** Per request, headers and body (default 30 s). */
  timeoutMs?: number
  /** Retries after the first attempt (default 5). */
  retries?: number
  /** First backoff (default 1 s); doubles each retry, ×1–2 jitter, capped by maxBackoffMs (default 30 s). */
  minBackoffMs?: number
  maxBackoffMs?: number
  /** Items per page asked of the source (default 5000). */
  pageSize?: number
  signal?: AbortSignal
  /** Called before each retry (logs). */
  onRetry?: (info: { url: string; attempt: number; error: string }) => void
  /**
   * Stream each page into a file in this directory and hand over a page in the contract's usual envelope as
   * that file (`SourcePage.rawFile`, its items array only) instead of parsing it: the ETL's fast lane lets
   * ClickHouse parse it (raw-page.ts). A page in any other shape, or whose bytes are not plain UTF-8 (invalid
   * bytes, U+FFFD, escaped surrogates), is read back and parsed as usual.
   */
  rawDir?: string
  /** Bytes of one page's body (default 64 MB): beyond it the transfer is abandoned and the run fails. */
  maxPageBytes?: number
}

export { DEFAULT_MAX_PAGE_BYTES, SourceHttpError }

export interface SourcePage {
  /** The page's records ([] when `rawFile` is set). */
  items: unknown[]
  /**
   * With HttpSourceOptions.rawDir: a file holding the page's items array as the source sent it (JSON text
   * `[…]` between spaces, plain UTF-8). The caller owns it (deletes it when done).
   */
  rawFile?: string
  /** Where each item is in `rawFile` (RecordBounds: trusted only once the item count is known). */
  rawBounds?: RecordBounds
  /** Page number from 1. */
  page: number
  bytes: number
  /** Records in the whole source when known (a file import counts its rows first): the progress total. */
  total?: number
  /** The source says its data is synthetic (the simulator: `"synthetic": true` or X-Synthetic-Data). */
  synthetic?: boolean
}

const Page = z.object({
  items: z.array(z.unknown()),
  next_cursor: z.string().min(1).nullable().optional(),
  synthetic: z.boolean().optional(),
})
const decoder = new TextDecoder('utf-8', { fatal: false })

/** Epoch of "no watermark yet": the whole history. */
export const BEGINNING = Date.UTC(1970, 0, 1)

function describe(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } }
  if (err?.name === 'TimeoutError') return 'timed out'
  return err?.cause?.code ? `${err.message} (${err.cause.code})` : String(err?.message ?? e)
}

type Fetched = {
  items: unknown[]
  rawFile?: string
  rawBounds?: RecordBounds
  lastAt?: number | null
  next: string | null
  bytes: number
  synthetic: boolean
}

let pageFiles = 0

async function fetchPage(url: string, opts: HttpSourceOptions): Promise<Fetched> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  const headers: Record<string, string> = { accept: 'application/json' }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let res: Response
  let body: Buffer | null = null
  let sink: RawPageFile | null = null
  const cap = opts.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES
  try {
    res = await fetch(url, { headers, signal })
    if (opts.rawDir && res.ok && res.body) {
      const file = new RawPageFile(path.join(opts.rawDir, `page-${++pageFiles}.json`))
      sink = file
      await readCapped(res, url, cap, (b) => file.write(b))
    } else {
      const chunks: Uint8Array[] = []
      await readCapped(res, url, cap, (b) => chunks.push(b))
      body = Buffer.concat(chunks)
    }
  } catch (e) {
    sink?.discard()
    if (e instanceof AbortError) throw e
    const fsError = (e as NodeJS.ErrnoException)?.syscall
    if (fsError === 'open' || fsError === 'write')
      throw new AbortError(new Error(`cannot write the page to ${opts.rawDir}: ${(e as Error).message}`))
    if (opts.signal?.aborted) throw new AbortError(new SourceHttpError(`aborted: ${url}`, null, url, false))
    throw new SourceHttpError(`source ${timeout.aborted ? 'timed out' : 'unreachable'}: ${describe(e)} — GET ${url}`, null, url, true)
  }
  const synthetic = res.headers.get('x-synthetic-data') === 'true'
  if (sink) {
    const env = sink.finish()
    if (env)
      return {
        items: [],
        rawFile: sink.file,
        rawBounds: sink.bounds(env),
        lastAt: env.lastAt,
        next: env.next,
        bytes: sink.size,
        synthetic: env.synthetic || synthetic,
      }
    // Not the usual envelope, or not plain UTF-8: parsed here as usual.
    body = fs.readFileSync(sink.file)
    fs.rmSync(sink.file, { force: true })
  }
  if (!res.ok) {
    const snippet = decoder.decode(body!.subarray(0, 300)).replace(/\s+/g, ' ').trim()
    const retriable = res.status >= 500 || res.status === 408 || res.status === 429
    const hint = res.status === 401 || res.status === 403 ? ' (check TTHC_SOURCE_TOKEN)' : ''
    const err = new SourceHttpError(
      `source answered ${res.status} ${res.statusText}${hint} — GET ${url}${snippet ? `: ${snippet}` : ''}`,
      res.status,
      url,
      retriable,
    )
    throw retriable ? err : new AbortError(err)
  }
  let json: unknown
  try {
    json = JSON.parse(decoder.decode(body!))
  } catch (e) {
    throw new SourceHttpError(`source sent broken JSON (${(e as Error).message}) — GET ${url}`, res.status, url, true)
  }
  const page = Page.safeParse(json)
  if (!page.success)
    throw new SourceHttpError(
      `source page does not fit the contract (${page.error.issues[0]?.path.join('.')}: ${page.error.issues[0]?.message}) — GET ${url}`,
      res.status,
      url,
      true,
    )
  return {
    items: page.data.items,
    next: page.data.next_cursor ?? null,
    bytes: body!.byteLength,
    synthetic: page.data.synthetic === true || synthetic,
  }
}

function withRetry(url: string, opts: HttpSourceOptions) {
  return pRetry(() => fetchPage(url, opts), {
    retries: opts.retries ?? 5,
    minTimeout: opts.minBackoffMs ?? 1000,
    maxTimeout: opts.maxBackoffMs ?? 30_000,
    factor: 2,
    randomize: true,
    signal: opts.signal,
    onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft > 0) opts.onRetry?.({ url, attempt: attemptNumber, error: error.message })
    },
  }).catch((e: unknown) => {
    throw e instanceof AbortError ? ((e as { originalError?: unknown }).originalError ?? e) : e
  })
}

/**
 * Pages of `path` updated at or after `since`. Stops early once a page's items reach `until`
 * (the contract orders by CapNhatLuc); items at or after `until` are left for the caller to drop.
 */
export async function* pullPages(
  path: string,
  since: number | null,
  until: number | null,
  opts: HttpSourceOptions,
): AsyncGenerator<SourcePage> {
  const base = opts.baseUrl.replace(/\/+$/, '')
  if (opts.token && !/^[\x21-\x7e]+$/.test(opts.token))
    throw new SourceHttpError('TTHC_SOURCE_TOKEN must be printable ASCII (it is sent in an HTTP header)', null, base, false)
  const urlFor = (cursor: string | null) => {
    const q = new URLSearchParams({ updated_since: isoVn(since ?? BEGINNING), limit: String(opts.pageSize ?? 5000) })
    if (cursor) q.set('cursor', cursor)
    return `${base}${path}?${q}`
  }
  let pending: Promise<Fetched> | null = withRetry(urlFor(null), opts)
  const followed = new Set<string>()
  for (let page = 1; pending; page++) {
    const got: Fetched = await pending
    if (got.next !== null && followed.has(got.next)) {
      if (got.rawFile) fs.rmSync(got.rawFile, { force: true })
      throw new SourceHttpError(
        `source repeated a cursor: page ${page} points back to a page already read (next_cursor ${JSON.stringify(got.next.slice(0, 80))}) — GET ${urlFor(got.next)}`,
        null,
        base,
        false,
      )
    }
    if (got.next !== null) followed.add(got.next)
    const last = got.items[got.items.length - 1] as { CapNhatLuc?: unknown } | undefined
    const lastAt = got.rawFile ? (got.lastAt ?? null) : last ? parseTime(last.CapNhatLuc) : null
    const done: boolean = !got.next || (until !== null && lastAt !== null && lastAt >= until)
    // Prefetch the next page while the caller handles this one.
    pending = done ? null : withRetry(urlFor(got.next), opts)
    pending?.catch(() => {}) // surfaced when awaited
    yield { items: got.items, rawFile: got.rawFile, rawBounds: got.rawBounds, page, bytes: got.bytes, synthetic: got.synthetic }
  }
}
