/**
 * The TTHC source over HTTP (DESIGN.md §6): `GET <base><path>?updated_since=<ISO>&limit=<n>[&cursor=<c>]` →
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
 */
import { isUtf8 } from 'node:buffer'
import pRetry, { AbortError } from 'p-retry'
import { z } from 'zod'
import { isoVn, parseTime } from '../validate/fields.ts'

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
   * Hand over a page in the contract's usual envelope as its raw items text (`SourcePage.raw`) instead of
   * parsing it (the ETL's fast lane lets ClickHouse parse it). A page in any other shape, or whose bytes are
   * not plain UTF-8 (invalid bytes, U+FFFD, escaped surrogates), is parsed as usual.
   */
  raw?: boolean
}

export interface SourcePage {
  /** The page's records ([] when `raw` is set). */
  items: unknown[]
  /** With HttpSourceOptions.raw: the items array as the source sent it (JSON text `[…]`, plain UTF-8). */
  raw?: Buffer
  /** Page number from 1. */
  page: number
  bytes: number
  /** The source says its data is synthetic (the simulator: `"synthetic": true` or X-Synthetic-Data). */
  synthetic?: boolean
}

export class SourceHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly url: string,
    readonly retriable: boolean,
  ) {
    super(message)
    this.name = 'SourceHttpError'
  }
}

const Page = z.object({ items: z.array(z.unknown()), next_cursor: z.string().min(1).nullable().optional(), synthetic: z.boolean().optional() })
const decoder = new TextDecoder('utf-8', { fatal: false })

/** Epoch of "no watermark yet": the whole history. */
export const BEGINNING = Date.UTC(1970, 0, 1)

function describe(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } }
  if (err?.name === 'TimeoutError') return 'timed out'
  return err?.cause?.code ? `${err.message} (${err.cause.code})` : String(err?.message ?? e)
}

type Fetched = { items: unknown[]; raw?: Buffer; lastAt?: number | null; next: string | null; bytes: number; synthetic: boolean }

// The usual envelope: {["synthetic":bool,]"items":[ … ],"next_cursor":null|"…"[,"synthetic":bool]} (any JSON spacing).
const HEAD = /^\s*\{\s*(?:"synthetic"\s*:\s*(true|false)\s*,\s*)?"items"\s*:\s*\[/
const TAIL = /\]\s*,\s*"next_cursor"\s*:\s*(null|"([\x21\x23-\x5b\x5d-\x7e]+)")\s*(?:,\s*"synthetic"\s*:\s*(true|false)\s*)?\}\s*$/
const LAST_AT = /"CapNhatLuc"\s*:\s*"([^"\\]{1,40})"[^"{}]*\}\s*$/
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd])

/** The page as raw items text when it has the usual envelope and plain UTF-8 bytes; else null. */
export function rawEnvelope(body: Buffer): { raw: Buffer; next: string | null; synthetic: boolean; lastAt: number | null } | null {
  const head = HEAD.exec(body.subarray(0, 256).toString('latin1'))
  const tailStart = Math.max(0, body.length - 1024)
  const tailText = body.subarray(tailStart).toString('latin1')
  const tail = TAIL.exec(tailText)
  if (!head || !tail) return null
  const start = head[0].length - 1
  const end = tailStart + tail.index + 1
  if (end <= start) return null
  const raw = body.subarray(start, end)
  if (!isUtf8(raw) || raw.indexOf(REPLACEMENT) >= 0 || raw.indexOf('\\ud', 0, 'latin1') >= 0 || raw.indexOf('\\uD', 0, 'latin1') >= 0) return null
  const last = LAST_AT.exec(tailText.slice(0, tail.index))
  return { raw, next: tail[2] ?? null, synthetic: head[1] === 'true' || tail[3] === 'true', lastAt: last ? parseTime(last[1]) : null }
}

async function fetchPage(url: string, opts: HttpSourceOptions): Promise<Fetched> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  const headers: Record<string, string> = { accept: 'application/json' }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let res: Response
  let body: ArrayBuffer
  try {
    res = await fetch(url, { headers, signal })
    body = await res.arrayBuffer()
  } catch (e) {
    if (opts.signal?.aborted) throw new AbortError(new SourceHttpError(`aborted: ${url}`, null, url, false))
    throw new SourceHttpError(`source ${timeout.aborted ? 'timed out' : 'unreachable'}: ${describe(e)} — GET ${url}`, null, url, true)
  }
  if (!res.ok) {
    const snippet = decoder.decode(body.slice(0, 300)).replace(/\s+/g, ' ').trim()
    const retriable = res.status >= 500 || res.status === 408 || res.status === 429
    const hint = res.status === 401 || res.status === 403 ? ' (check TTHC_SOURCE_TOKEN)' : ''
    const err = new SourceHttpError(`source answered ${res.status} ${res.statusText}${hint} — GET ${url}${snippet ? `: ${snippet}` : ''}`, res.status, url, retriable)
    throw retriable ? err : new AbortError(err)
  }
  if (opts.raw) {
    const env = rawEnvelope(Buffer.from(body))
    if (env)
      return { items: [], raw: env.raw, lastAt: env.lastAt, next: env.next, bytes: body.byteLength, synthetic: env.synthetic || res.headers.get('x-synthetic-data') === 'true' }
  }
  let json: unknown
  try {
    json = JSON.parse(decoder.decode(body))
  } catch (e) {
    throw new SourceHttpError(`source sent broken JSON (${(e as Error).message}) — GET ${url}`, res.status, url, true)
  }
  const page = Page.safeParse(json)
  if (!page.success)
    throw new SourceHttpError(`source page does not fit the contract (${page.error.issues[0]?.path.join('.')}: ${page.error.issues[0]?.message}) — GET ${url}`, res.status, url, true)
  const synthetic = page.data.synthetic === true || res.headers.get('x-synthetic-data') === 'true'
  return { items: page.data.items, next: page.data.next_cursor ?? null, bytes: body.byteLength, synthetic }
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
export async function* pullPages(path: string, since: number | null, until: number | null, opts: HttpSourceOptions): AsyncGenerator<SourcePage> {
  const base = opts.baseUrl.replace(/\/+$/, '')
  if (opts.token && !/^[\x21-\x7e]+$/.test(opts.token))
    throw new SourceHttpError('TTHC_SOURCE_TOKEN must be printable ASCII (it is sent in an HTTP header)', null, base, false)
  const urlFor = (cursor: string | null) => {
    const q = new URLSearchParams({ updated_since: isoVn(since ?? BEGINNING), limit: String(opts.pageSize ?? 5000) })
    if (cursor) q.set('cursor', cursor)
    return `${base}${path}?${q}`
  }
  let pending: Promise<Fetched> | null = withRetry(urlFor(null), opts)
  for (let page = 1; pending; page++) {
    const got: Fetched = await pending
    const last = got.items[got.items.length - 1] as { CapNhatLuc?: unknown } | undefined
    const lastAt = got.raw ? (got.lastAt ?? null) : last ? parseTime(last.CapNhatLuc) : null
    const done: boolean = !got.next || (until !== null && lastAt !== null && lastAt >= until)
    // Prefetch the next page while the caller handles this one.
    pending = done ? null : withRetry(urlFor(got.next), opts)
    pending?.catch(() => {}) // surfaced when awaited
    yield { items: got.items, raw: got.raw, page, bytes: got.bytes, synthetic: got.synthetic }
  }
}
