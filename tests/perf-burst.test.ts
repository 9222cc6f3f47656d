/**
 * A burst from one signed-in account (issue 15, ADR 039), through the real server over chDB + PGlite: N
 * requests on the same session cookie, each asking for a period nobody asked for (nothing cached), all closed
 * by their client. What one client may not have at once is refused at once with 503 + Retry-After (the
 * per-client bound), the admitted ones leave the queues when their clients go — the request queue, the
 * per-client counts and the ClickHouse read queue end empty, the reads never started stay unstarted —, and
 * the next request (another account) is answered with the same figures as before the burst.
 * Counts and queue lengths only: no timing.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configureQueryRuntime, queryStats } from '../db/clickhouse/query-runtime.ts'
import { SESSION_COOKIE } from '../app/auth/sessions.server.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

const N = 30
const PER_CLIENT = 4

let app: TestServer
let lead: HttpClient
let other: HttpClient

beforeAll(async () => {
  app = await startTestServer({
    MAX_ACTIVE_REQUESTS: '2',
    MAX_QUEUED_REQUESTS: '64',
    MAX_QUEUE_WAIT: '600s',
    MAX_CLIENT_REQUESTS: String(PER_CLIENT),
  })
  lead = await app.signIn(['leadership'])
  other = await app.signIn(['leadership'])
})
afterAll(async () => {
  configureQueryRuntime({ cache: true, maxQueries: 4 })
  await app?.close()
})

const idle = () => {
  const q = app.shedding.queue!.stats()
  const r = queryStats()
  return q.active === 0 && q.queued === 0 && app.shedding.perClient.size === 0 && r.readsQueued === 0 && r.readsRunning === 0
}

/** A request on its own connection that its client closes when `close` resolves; resolves with its status (0: no answer). */
function impatient(path: string, cookie: string, close: Promise<void>): Promise<{ status: number; retryAfter: string | null }> {
  return new Promise((resolve) => {
    const req = http.get(`${app.url}${path}`, { headers: { cookie }, agent: false }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null })
    })
    req.on('error', () => resolve({ status: 0, retryAfter: null }))
    void close.then(() => req.destroy())
  })
}

/** Holds every ClickHouse read at the door of the engine until `open()`: the burst is caught mid-flight. */
function gateReads(): { held: () => number; open(): void; restore(): void } {
  const client = app.stores.ch.client
  const query = client.query.bind(client)
  let held = 0
  let open!: () => void
  const gate = new Promise<void>((r) => (open = r))
  Object.defineProperty(client, 'query', {
    configurable: true,
    value: async (p: Parameters<typeof client.query>[0]) => {
      held++
      await gate
      return query(p)
    },
  })
  return { held: () => held, open, restore: () => Object.defineProperty(client, 'query', { configurable: true, value: query }) }
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10))
}

describe('a burst of abandoned requests from one account', () => {
  it('is refused beyond its share at once, leaves every queue empty, and the next request is answered normally', async () => {
    configureQueryRuntime({ cache: false, maxQueries: 1 })
    const reference = await other.get('/api/v1/kpi?from=2026-03-01&to=2026-03-20')
    expect(reference.status).toBe(200)
    const expected = await reference.json()
    await until(idle)

    const token = lead.cookies.get(SESSION_COOKIE)!
    const gate = gateReads()
    let closeAll!: () => void
    const closed = new Promise<void>((r) => (closeAll = r))
    let answered = 0
    const answers = Array.from({ length: N }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0')
      const path = `/api/v1/kpi?from=2025-0${1 + Math.floor(i / 28)}-${day}&to=2025-12-31`
      return impatient(path, `${SESSION_COOKIE}=${token}`, closed).finally(() => answered++)
    })
    try {
      // Caught mid-flight: the refused requests have their answer, the admitted ones hold their places, one read
      // is at the engine's door and none has finished.
      await until(() => answered === N - PER_CLIENT && app.shedding.perClient.get(`s:${token}`) === PER_CLIENT && gate.held() === 1)
      expect(app.shedding.queue!.stats()).toMatchObject({ active: 2, queued: 2 })
      closeAll()
      // Every client has gone: their places are given back before the read they started has even run.
      await until(() => app.shedding.perClient.size === 0)
      expect(app.shedding.queue!.stats()).toMatchObject({ active: 0, queued: 0 })
      expect(queryStats()).toMatchObject({ readsRunning: 1, readsQueued: 0 }) // only the read already at the engine
    } finally {
      gate.open()
      gate.restore()
    }
    const statuses = await Promise.all(answers)
    const refused = statuses.filter((s) => s.status === 503)
    expect(refused.length).toBe(N - PER_CLIENT)
    expect(refused.every((s) => Number(s.retryAfter) >= 1)).toBe(true)
    expect(statuses.filter((s) => s.status === 0).length).toBe(PER_CLIENT) // closed by their client, unanswered
    expect(gate.held()).toBe(1) // the reads the abandoned requests had not started never reached the engine

    await until(idle)
    const next = await other.get('/api/v1/kpi?from=2026-03-01&to=2026-03-20')
    expect(next.status).toBe(200)
    expect(await next.json()).toEqual(expected)
  })
})
