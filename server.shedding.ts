/**
 * Load shedding in front of the access gate and Remix (ADR 027). Every request for the dashboard (pages, their
 * data requests, sign-in, exports, the API — not /healthz, the static files, the simulator or the ETL's
 * control endpoints) takes a slot in a bounded queue, before the gate's session lookup: a refused request costs
 * no store work: MAX_ACTIVE_REQUESTS are served at
 * once, MAX_QUEUED_REQUESTS wait, and what cannot wait is refused at once with 503 and Retry-After (as is a
 * request still waiting after MAX_QUEUE_WAIT), instead of piling up work no one will read.
 *
 * Each admitted request runs with an AbortSignal that fires when its client goes away before the answer is
 * complete; every ClickHouse read it makes carries that signal (db/clickhouse/query-runtime.ts): reads still
 * queued never start, the one running is aborted, and the slot is freed for a client that is still there.
 */
import { setMaxListeners } from 'node:events'
import type { Request, RequestHandler, Response } from 'express'
import type { Config } from './db/config.ts'
import { withRequestSignal } from './db/clickhouse/query-runtime.ts'
import { Overloaded, WorkQueue } from './db/lib/work-queue.ts'

/**
 * Never queued: the health check must answer while the server is busy; the simulator, the ETL's and the
 * users' control endpoints and the push receiver are the ETL's own traffic, not the dashboard's.
 */
const EXEMPT = ['/healthz', '/sim', '/internal', '/dvcqg']
const exempt = (p: string) => EXEMPT.some((e) => p === e || p.startsWith(e + '/'))

export interface Shedding {
  middleware: RequestHandler
  queue: WorkQueue | null
  /** Requests admitted or waiting per client (ADR 039); a client with none has no entry. */
  perClient: Map<string, number>
}

/**
 * Who is asking, without a store read (the gate's session lookup comes after admission): the session cookie,
 * else the bearer token. A burst from one signed-in account shares one key. Requests without credentials (the
 * sign-in page, people signing in together behind one address) have no per-client share, only the shared queue.
 */
export function clientKey(req: Request): string | null {
  const session = /(?:^|;\s*)mck_session=([^;]+)/.exec(req.get('cookie') ?? '')?.[1]
  if (session) return `s:${session}`
  const auth = req.get('authorization')
  return auth ? `a:${auth}` : null
}

/** A signal that fires when the client closes the connection before the response has been sent. */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController()
  setMaxListeners(0, controller.signal) // one listener per read the request makes
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(Object.assign(new Error('the client went away'), { name: 'AbortError' }))
  })
  return controller.signal
}

function refuse(req: Request, res: Response, e: Overloaded): void {
  const seconds = e.retryAfterSeconds
  res.setHeader('Retry-After', String(seconds))
  res.setHeader('Cache-Control', 'no-store')
  const api = req.path.startsWith('/api/') || req.get('authorization') !== undefined
  if (api || req.path.endsWith('.data')) {
    res.status(503).json({
      error: 'overloaded',
      message: 'máy chủ đang quá tải, thử lại sau / the server is busy, try again later',
      retryAfter: seconds,
    })
    return
  }
  res
    .status(503)
    .type('html')
    .send(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta http-equiv="refresh" content="${seconds}"><title>Đang quá tải — Một Cửa KPI</title>` +
        `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>` +
        `<body><main><h1>503</h1><p role="alert">Hệ thống đang quá tải. Trang sẽ tự tải lại sau ${seconds} giây.</p>` +
        `<p lang="en">The server is busy. This page reloads in ${seconds} s.</p></main></body></html>`,
    )
}

export function loadShedding(
  config: Pick<Config, 'LOAD_SHEDDING' | 'MAX_ACTIVE_REQUESTS' | 'MAX_QUEUED_REQUESTS' | 'MAX_QUEUE_WAIT' | 'MAX_CLIENT_REQUESTS'>,
): Shedding {
  const perClient = new Map<string, number>()
  if (config.LOAD_SHEDDING === 'off') return { middleware: (_req, _res, next) => next(), queue: null, perClient }
  const queue = new WorkQueue({
    concurrency: config.MAX_ACTIVE_REQUESTS,
    maxQueued: config.MAX_QUEUED_REQUESTS,
    maxWaitMs: config.MAX_QUEUE_WAIT,
  })
  const middleware: RequestHandler = (req, res, next) => {
    if (exempt(req.path)) return next()
    // A client that left before its request got here (the event loop lagging behind a burst) has nothing to be
    // answered, and its connection's 'close' has already fired: counting it would hold a place for ever.
    if (req.socket.destroyed || res.closed) return
    // One client's share first: beyond it, refused at once, before it takes a place in the shared queue.
    const key = clientKey(req)
    if (key !== null) {
      const held = perClient.get(key) ?? 0
      if (held >= config.MAX_CLIENT_REQUESTS)
        return refuse(req, res, new Overloaded(queue.retryAfterSeconds(), `${held} requests of this client`))
      perClient.set(key, held + 1)
      res.once('close', () => {
        const n = (perClient.get(key) ?? 1) - 1
        if (n <= 0) perClient.delete(key)
        else perClient.set(key, n)
      })
    }
    const signal = clientGone(res)
    queue.acquire(signal).then(
      (release) => {
        // The slot is freed when the response is done or the client has gone, whichever comes first —
        // also when the connection closed before this line ran (no 'close' event would come then).
        if (signal.aborted || res.writableFinished || res.closed) return release()
        res.once('close', release)
        withRequestSignal(signal, () => next())
      },
      (e: unknown) => {
        if (e instanceof Overloaded) return refuse(req, res, e)
        // The client went away while waiting: nothing to answer.
        if (signal.aborted) return
        next(e)
      },
    )
  }
  return { middleware, queue, perClient }
}
