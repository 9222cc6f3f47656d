/**
 * Remix's default Node entry, plus the CSP nonce: the security middleware (app/auth/headers.server.ts)
 * puts a fresh nonce in the request and in the Content-Security-Policy header; it is given to React's
 * stream (its inline scripts) and to <Scripts/> through NonceProvider. Pages carry per-user data, so they
 * are never stored by shared caches.
 */
import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './auth/nonce.tsx'

/**
 * How long deferred data may take before the stream gives up on it. Remix's default (5 s) failed the overview
 * with "Server Timeout" and a 500 on a busy 2-core machine, for clients that wait for everything (isbot() is
 * true for headless browsers, print tools, link previews); a slow page is better than an error page, and 30 s
 * still ends a hung request before a typical proxy timeout (60 s).
 */
const ABORT_DELAY = 30_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const nonce = request.headers.get('x-csp-nonce') ?? undefined
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  if (!responseHeaders.has('Cache-Control')) responseHeaders.set('Cache-Control', 'private, no-store')
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const ready = () => {
      shellRendered = true
      const body = new PassThrough()
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
      pipe(body)
    }
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}
