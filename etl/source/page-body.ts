/**
 * A source page's body read with a bound (ADR 017, issue #17 item 8): chunk by chunk, abandoned once it passes
 * `cap` bytes (a declared Content-Length over it is refused before a byte is read). Shared by the contract's
 * HTTP source (http.ts) and the iGate client (igate/client.ts), so neither can read a 200 MB page into memory.
 */
import { AbortError } from 'p-retry'

/** ETL_MAX_PAGE_BYTES's default: about ten times a full page of 5,000 dossiers. */
export const DEFAULT_MAX_PAGE_BYTES = 64 * 1024 ** 2

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

function tooLarge(url: string, cap: number, seen: string): AbortError {
  return new AbortError(
    new SourceHttpError(
      `source page too large: ${seen} bytes, more than the limit of ${cap} (ETL_MAX_PAGE_BYTES); transfer abandoned — GET ${url}`,
      null,
      url,
      false,
    ),
  )
}

/**
 * Reads a response body chunk by chunk, abandoning it past `cap` bytes. Throws p-retry's AbortError around a
 * SourceHttpError (not retried: the same page would come back as large).
 */
export async function readCapped(res: Response, url: string, cap: number, onChunk: (b: Uint8Array) => void): Promise<void> {
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (declared > cap) {
    await res.body?.cancel().catch(() => {})
    throw tooLarge(url, cap, String(declared))
  }
  if (!res.body) return
  const reader = res.body.getReader()
  let n = 0
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    n += r.value.byteLength
    if (n > cap) {
      await reader.cancel().catch(() => {})
      throw tooLarge(url, cap, `over ${cap}`)
    }
    onChunk(r.value)
  }
}

/** The whole body as text (UTF-8, invalid bytes replaced), read with the bound. */
export async function readCappedText(res: Response, url: string, cap: number): Promise<string> {
  const chunks: Uint8Array[] = []
  await readCapped(res, url, cap, (b) => chunks.push(b))
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks))
}
