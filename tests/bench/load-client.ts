/**
 * The load generator of `npm run bench -- load` (tests/bench/load.bench.ts): signed-in HTTP clients on
 * loopback, time to first byte (the response headers) and to the end of the body, concurrent loops and a
 * burst of connections that give up after a short time (as impatient browsers and scripts do).
 */
import http from 'node:http'

export interface Sample {
  /** Time to the response headers (ms). */
  ttfb: number
  /** Time to the end of the body (ms). */
  total: number
  status: number
  /** Network error, client time-out or abort (status 0). */
  error?: string
  retryAfter?: string | null
}

/** One signed-in browser: its session cookie. */
export interface Client {
  cookie: string
}

/** Keep-alive connections without a pool limit: each concurrent loop holds its own connection. */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: Infinity })

const readCookies = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';')
    const i = pair!.indexOf('=')
    jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim())
  }
}

/** Signs in through /login as a browser does (the sign-in page's CSRF cookie and field). */
export async function signIn(base: string, email: string, password: string): Promise<Client> {
  const jar = new Map<string, string>()
  const page = await fetch(`${base}/login`, { redirect: 'manual' })
  readCookies(page, jar)
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrf, email, password }),
  })
  readCookies(res, jar)
  if (res.status !== 302 || !jar.has('mck_session')) throw new Error(`sign-in of ${email} failed: ${res.status}`)
  return { cookie: cookie() }
}

/**
 * One GET with node:http (each loop its own keep-alive connection, or a new connection per request with
 * `fresh`). With `timeoutMs` the client gives up and closes its connection, as a closed browser tab does.
 */
export function timedGet(url: string, client: Client, opts: { timeoutMs?: number; fresh?: boolean } = {}): Promise<Sample> {
  const t0 = performance.now()
  return new Promise<Sample>((resolve) => {
    let ttfb = 0
    let done = false
    const finish = (s: Sample) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(s)
    }
    const fail = (error: string) => {
      const t = performance.now() - t0
      finish({ ttfb: ttfb || t, total: t, status: 0, error })
    }
    const req = http.get(url, { headers: { cookie: client.cookie }, agent: opts.fresh ? false : keepAlive }, (res) => {
      ttfb = performance.now() - t0
      res.on('data', () => {})
      res.on('end', () =>
        finish({
          ttfb,
          total: performance.now() - t0,
          status: res.statusCode ?? 0,
          retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
        }),
      )
      res.on('error', (e) => fail(e.message))
    })
    req.on('error', (e) => fail(e.message))
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          fail('client time-out')
          req.destroy()
        }, opts.timeoutMs)
      : undefined
  })
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

export interface LoopResult {
  requests: number
  ok: number
  errors: number
  /** 503 answers (refused by the load shedding). */
  refused: number
  perSecond: number
  ttfbP50: number | null
  ttfbP95: number | null
  totalP50: number | null
  totalP95: number | null
}

export function summarise(samples: Sample[], seconds: number): LoopResult {
  const ok = samples.filter((s) => s.status === 200)
  const r = (x: number | null) => (x === null ? null : Math.round(x))
  return {
    requests: samples.length,
    ok: ok.length,
    errors: samples.filter((s) => s.status !== 200 && s.status !== 503).length,
    refused: samples.filter((s) => s.status === 503).length,
    perSecond: Math.round((samples.length / seconds) * 10) / 10,
    ttfbP50: r(
      percentile(
        ok.map((s) => s.ttfb),
        50,
      ),
    ),
    ttfbP95: r(
      percentile(
        ok.map((s) => s.ttfb),
        95,
      ),
    ),
    totalP50: r(
      percentile(
        ok.map((s) => s.total),
        50,
      ),
    ),
    totalP95: r(
      percentile(
        ok.map((s) => s.total),
        95,
      ),
    ),
  }
}

/**
 * `clients` loops, each sending the next request when its previous answer has arrived, for `seconds`
 * (requests still running at the end are awaited and counted).
 */
export async function concurrentLoops(
  clients: Client[],
  urlOf: (i: number, n: number) => string,
  seconds: number,
  opts: { timeoutMs?: number; fresh?: boolean } = {},
): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = []
  const t0 = performance.now()
  const until = t0 + seconds * 1000
  await Promise.all(
    clients.map(async (c, i) => {
      for (let n = 0; performance.now() < until; n++) samples.push(await timedGet(urlOf(i, n), c, opts))
    }),
  )
  return { samples, seconds: (performance.now() - t0) / 1000 }
}
