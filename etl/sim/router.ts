/**
 * The simulator over HTTP: the TTHC source contract (docs/design.md §6) as an express Router.
 *   GET /dossiers | /ratings | /complaints | /queue-tickets  ?updated_since=<ISO>&cursor=<opaque>&limit=<n>
 *     → { "synthetic": true, "items": [...], "next_cursor": "…" | null }, header X-Synthetic-Data: true
 *   GET /  → what is simulated (province, seed, scale, clock, history built so far)
 * Optional bearer token; optional fault injection for the ETL's tests: `?fail=500`, `?fail=broken-json`,
 * `?delay_ms=N`, or the `faults` option (every Nth data request answers 500 / broken JSON, a fixed delay).
 */
import express, { type Request, type Response, type Router } from 'express'
import { z } from 'zod'
import { RESOURCES, type Resource } from './build.ts'
import { unixMs } from './clock.ts'
import { CursorError } from './cursor.ts'
import { DEFAULT_LIMIT, MAX_LIMIT, SimSource, type SimSourceOptions } from './source.ts'

export interface SimFaults {
  /** Every Nth data request (1-based count over all resources) answers 500. */
  status500Every?: number
  /** Every Nth data request answers 200 with a truncated JSON body. */
  brokenJsonEvery?: number
  /** Delay before every data response, ms. */
  delayMs?: number
}

export interface SimRouterOptions extends SimSourceOptions {
  /** When set, data requests need `Authorization: Bearer <token>`. */
  token?: string
  faults?: SimFaults
  /** Share one source between routers (tests, benchmark); default: a new one from these options. */
  source?: SimSource
  /** Start building the history now instead of on the first request. */
  eager?: boolean
}

export type SimRouter = Router & { source: SimSource }

const Query = z.object({
  updated_since: z.iso.datetime({ offset: true, local: false }).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).optional(),
  fail: z.enum(['500', 'broken-json']).optional(),
  delay_ms: z.coerce.number().int().min(0).max(120_000).optional(),
})

/** Writes the body as is (no ETag: hashing megabytes of page per request is wasted work for a sync API). */
function send(res: Response, status: number, body: unknown, broken = false): void {
  const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8')
  const out = broken ? data.subarray(0, Math.max(1, Math.floor(data.length / 2))) : data
  res.status(status)
  res.set({
    'X-Synthetic-Data': 'true',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(out.length),
    'Cache-Control': 'no-store',
  })
  res.end(out)
}

export function simRouter(opts: SimRouterOptions = {}): SimRouter {
  const source = opts.source ?? new SimSource(opts)
  const faults = opts.faults ?? {}
  const router = express.Router() as SimRouter
  router.source = source
  let requests = 0
  if (opts.eager) void source.data().catch((e) => console.error('Trình mô phỏng: lỗi dựng dữ liệu / simulator build failed', e))

  router.get('/', (_req, res) => {
    const d = source.ready
    send(res, 200, {
      synthetic: true,
      name: 'Trình mô phỏng hệ thống TTHC (dữ liệu tổng hợp) / TTHC source simulator (synthetic data)',
      province: source.options.provinceCode,
      seed: source.options.seed,
      scale: source.options.scale,
      start: source.options.start,
      now: new Date(unixMs(source.nowSeconds())).toISOString(),
      built: d
        ? {
            horizon: d.horizonYmd,
            buildMs: d.buildMs,
            dossiers: d.dossiers.day.length,
            ratings: d.ratings.dossier.length,
            complaints: d.complaints.day.length,
            queueTickets: d.tickets.day.length,
          }
        : null,
      endpoints: RESOURCES.map((r) => `/${r}?updated_since=&cursor=&limit=`),
      limit: { default: DEFAULT_LIMIT, max: MAX_LIMIT },
    })
  })

  for (const resource of RESOURCES) {
    router.get(`/${resource}`, (req, res) => void serve(resource, req, res))
  }

  async function serve(resource: Resource, req: Request, res: Response): Promise<void> {
    if (opts.token && req.get('authorization') !== `Bearer ${opts.token}`) {
      res.set('WWW-Authenticate', 'Bearer')
      return send(res, 401, {
        synthetic: true,
        error: 'unauthorized',
        message: 'Cần mã truy cập hợp lệ / a valid bearer token is required',
      })
    }
    const q = Query.safeParse(req.query)
    if (!q.success) {
      const issue = q.error.issues[0]!
      return send(res, 400, { synthetic: true, error: 'bad_request', message: `${issue.path.join('.')}: ${issue.message}` })
    }
    const n = ++requests
    const delay = q.data.delay_ms ?? faults.delayMs ?? 0
    if (delay > 0) await new Promise((r) => setTimeout(r, delay))
    if (q.data.fail === '500' || (faults.status500Every && n % faults.status500Every === 0))
      return send(res, 500, { synthetic: true, error: 'injected_fault', message: 'Lỗi giả lập / injected server error' })
    try {
      const page = await source.page(resource, {
        updatedSinceMs: q.data.updated_since ? Date.parse(q.data.updated_since) : null,
        cursor: q.data.cursor ?? null,
        limit: Math.min(q.data.limit ?? DEFAULT_LIMIT, MAX_LIMIT),
      })
      const broken = q.data.fail === 'broken-json' || Boolean(faults.brokenJsonEvery && n % faults.brokenJsonEvery === 0)
      send(res, 200, page.body, broken)
    } catch (e) {
      if (e instanceof CursorError) return send(res, 400, { synthetic: true, error: 'bad_cursor', message: e.message })
      console.error(`Trình mô phỏng: lỗi /${resource}`, e)
      send(res, 500, { synthetic: true, error: 'internal', message: e instanceof Error ? e.message : String(e) })
    }
  }

  return router
}
