/**
 * Load shedding (server.shedding.ts, ADR 027) through the real server (startServer over chDB + PGlite):
 * with one request served at a time and one waiting, what cannot wait is refused at once with 503 and a
 * Retry-After header (JSON for the API); a client that closes its connection has its ClickHouse reads
 * aborted — the one running gets an aborted signal, the ones it had not started never reach ClickHouse —
 * and the next request is answered normally.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configureQueryRuntime } from '../db/clickhouse/query-runtime.ts'
import { SESSION_COOKIE } from '../app/auth/sessions.server.ts'
import type { HttpClient } from './support/http.ts'
import { startTestServer, type TestServer } from './support/http.ts'

let app: TestServer
let lead: HttpClient

beforeAll(async () => {
  app = await startTestServer({ MAX_ACTIVE_REQUESTS: '1', MAX_QUEUED_REQUESTS: '1', MAX_QUEUE_WAIT: '60s' })
  lead = await app.signIn(['leadership'])
})
afterAll(async () => {
  configureQueryRuntime({ cache: true, maxQueries: 4 })
  await app?.close()
})

/** Every query the store's client is asked to run, with its signal. */
function watchClient(): { calls: { comment: string; signal?: AbortSignal }[]; restore(): void } {
  const calls: { comment: string; signal?: AbortSignal }[] = []
  const client = app.stores.ch.client
  const query = client.query.bind(client)
  Object.defineProperty(client, 'query', {
    configurable: true,
    value: (p: Parameters<typeof client.query>[0]) => {
      calls.push({ comment: String(p.clickhouse_settings?.log_comment ?? ''), signal: p.abort_signal })
      return query(p)
    },
  })
  return { calls, restore: () => Object.defineProperty(client, 'query', { configurable: true, value: query }) }
}

const cookie = () => `${SESSION_COOKIE}=${lead.cookies.get(SESSION_COOKIE)}`

describe('load shedding', () => {
  it('refuses at once with 503 and Retry-After what cannot wait', async () => {
    configureQueryRuntime({ cache: false })
    const urls = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((m) => `/api/v1/kpi?from=${m}-01&to=${m}-20`)
    const t0 = performance.now()
    const answers = await Promise.all(
      urls.map(async (u) => {
        const res = await lead.get(u)
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), ms: performance.now() - t0 }
      }),
    )
    const refused = answers.filter((a) => a.status === 503)
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 503, 503, 503])
    for (const r of refused) {
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(r.body).toMatchObject({ error: 'overloaded' })
    }
    // Refused at once: before the requests that were served had finished.
    const served = answers.filter((a) => a.status === 200)
    expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(Math.min(...served.map((a) => a.ms)))
  })

  it('a client that goes away has its ClickHouse reads aborted, and the next request is served', async () => {
    configureQueryRuntime({ cache: false, maxQueries: 1 })
    const watch = watchClient()
    try {
      // A complete request: how many reads one KPI summary makes.
      const full = await lead.get('/api/v1/kpi?from=2026-02-01&to=2026-02-20')
      expect(full.status).toBe(200)
      await full.json()
      const perRequest = watch.calls.length
      expect(perRequest).toBeGreaterThan(3)

      watch.calls.length = 0
      // The same kind of request, closed by its client as soon as its first read reaches ClickHouse.
      await new Promise<void>((resolve) => {
        const req = http.get(`${app.url}/api/v1/kpi?from=2026-03-01&to=2026-03-20`, { headers: { cookie: cookie() } })
        req.on('error', () => resolve())
        const poll = setInterval(() => {
          if (watch.calls.length > 0) {
            clearInterval(poll)
            req.destroy()
            resolve()
          }
        }, 1)
      })
      // The next request waits for the one slot: it is answered once the abandoned one has let go of it.
      const next = await lead.get('/api/v1/kpi?from=2026-04-01&to=2026-04-20')
      expect(next.status).toBe(200)
      await next.json()
      const abandoned = watch.calls.slice(0, watch.calls.length - perRequest)
      expect(abandoned.length).toBeGreaterThanOrEqual(1)
      expect(abandoned.length).toBeLessThan(perRequest) // the reads it had not started never ran
      // The one running is not interrupted (chDB cannot): it keeps its read slot until the engine is done, so
      // reads of abandoned requests never pile up inside the engine (ADR 039).
      expect(abandoned.every((c) => c.signal === undefined)).toBe(true)
    } finally {
      watch.restore()
    }
  })
})
