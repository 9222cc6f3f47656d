/**
 * GET requests to iGate with the Bearer token (token.ts):
 * - 401: the token is dropped and the request sent once more with a new one; a second 401 fails the run
 *   (credentials or roles are wrong: waiting does not heal that).
 * - 429, 5xx, 408, timeouts, network errors, broken JSON: retried (`retries`, default 5). A `Retry-After`
 *   header (seconds or an HTTP date) is honoured; longer than IGATE_MAX_RETRY_AFTER fails the run at once
 *   with that message (the next scheduled run tries again). Without it: exponential backoff with jitter.
 * - other 4xx: failed at once, naming the status and URL.
 * - a body larger than `maxPageBytes` (ETL_MAX_PAGE_BYTES) is abandoned while it streams and fails the run at once,
 *   as the contract's pull does (page-body.ts, ADR 017): never retried, never read whole into memory.
 */
import pRetry, { AbortError } from 'p-retry'
import { DEFAULT_MAX_PAGE_BYTES, readCappedText } from '../page-body.ts'
import { TokenError, type OidcToken } from './token.ts'

export interface IgateClientOptions {
  baseUrl: string
  token: OidcToken
  timeoutMs?: number
  retries?: number
  minBackoffMs?: number
  maxBackoffMs?: number
  /** Longest Retry-After honoured, ms. */
  maxRetryAfterMs?: number
  /** Bytes of one answer's body (default 64 MB, ETL_MAX_PAGE_BYTES). */
  maxPageBytes?: number
  signal?: AbortSignal
  onRetry?: (info: { url: string; attempt: number; error: string; waitMs: number }) => void
}

export class IgateHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retriable: boolean,
    /** The server's Retry-After, ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
    this.name = 'IgateHttpError'
  }
}

/** Retry-After: delta-seconds or an HTTP date → ms from now (null when absent or unreadable). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const s = header.trim()
  if (/^\d+$/.test(s)) return Number(s) * 1000
  const at = Date.parse(s)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true })
  })

export class IgateClient {
  /** Requests sent (each attempt counts), for the run's log. */
  requests = 0
  retried = 0
  refreshedAfter401 = 0

  constructor(private readonly o: IgateClientOptions) {}

  private async once(url: string): Promise<unknown> {
    let token: string
    try {
      token = await this.o.token.get()
    } catch (e) {
      if (e instanceof TokenError && !e.retriable) throw new AbortError(e)
      throw e
    }
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 30_000)
      let res: Response
      let text: string
      this.requests++
      try {
        res = await fetch(url, {
          headers: { accept: 'application/json', authorization: `Bearer ${token}` },
          signal: this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout,
        })
        text = await readCappedText(res, url, this.o.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES)
      } catch (e) {
        if (e instanceof AbortError) throw e
        if (this.o.signal?.aborted) throw new AbortError(`aborted: ${url}`)
        throw new IgateHttpError(`iGate ${timeout.aborted ? 'timed out' : 'unreachable'}: ${(e as Error).message} — GET ${url}`, null, true)
      }
      if (res.status === 401 && attempt === 0) {
        this.o.token.invalidate(token)
        this.refreshedAfter401++
        token = await this.o.token.get()
        continue
      }
      if (!res.ok) {
        const retriable = res.status >= 500 || res.status === 429 || res.status === 408
        const hint = res.status === 401 || res.status === 403 ? ' (check the iGate client and its roles)' : ''
        const err = new IgateHttpError(
          `iGate answered ${res.status}${hint} — GET ${url}: ${text.slice(0, 200).replace(/\s+/g, ' ')}`,
          res.status,
          retriable,
          retryAfterMs(res.headers.get('retry-after')),
        )
        throw retriable ? err : new AbortError(err)
      }
      try {
        return JSON.parse(text)
      } catch (e) {
        throw new IgateHttpError(`iGate sent broken JSON (${(e as Error).message}) — GET ${url}`, res.status, true)
      }
    }
  }

  /** `path` with `params` (repeated keys allowed) → the parsed JSON body. */
  async get(path: string, params: [string, string][]): Promise<unknown> {
    const url = `${this.o.baseUrl}${path}?${new URLSearchParams(params)}`
    const min = this.o.minBackoffMs ?? 1000
    const max = this.o.maxBackoffMs ?? 30_000
    const maxRetryAfter = this.o.maxRetryAfterMs ?? 120_000
    return pRetry(() => this.once(url), {
      retries: this.o.retries ?? 5,
      minTimeout: 0,
      maxTimeout: 0,
      signal: this.o.signal,
      shouldRetry: ({ error }) => !(error instanceof IgateHttpError) || error.retriable || error instanceof TokenError,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0) return
        const after = error instanceof IgateHttpError ? error.retryAfterMs : null
        if (after !== null && after > maxRetryAfter)
          throw new IgateHttpError(
            `${error.message} — iGate asks to wait ${Math.round(after / 1000)} s, more than IGATE_MAX_RETRY_AFTER (${maxRetryAfter / 1000} s); the next run tries again`,
            (error as IgateHttpError).status,
            false,
          )
        const backoff = Math.min(max, min * 2 ** (attemptNumber - 1)) * (1 + Math.random())
        const waitMs = after ?? Math.min(max, backoff)
        this.retried++
        this.o.onRetry?.({ url, attempt: attemptNumber, error: error.message, waitMs })
        await sleep(waitMs, this.o.signal)
      },
    }).catch((e: unknown) => {
      throw e instanceof AbortError ? (e.originalError ?? e) : e
    })
  }
}
