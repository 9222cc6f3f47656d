/**
 * A tiny TTHC source for tests: a real HTTP server (port 0) that serves hand-written records by the contract
 * (docs/design.md §6) — `GET /<resource>?updated_since&cursor&limit` → `{ items, next_cursor }`, ordered by
 * CapNhatLuc then id — with fault modes to prove the ETL loses and doubles nothing.
 *
 * Records are served exactly as given (so a fixture can hold a bad record); their CapNhatLuc decides the
 * order and the `updated_since` filter (a record whose CapNhatLuc does not parse is always served, first).
 * `__RAW_BYTES__` inside a string is replaced by the bytes C3 28 — not UTF-8 — in the response body.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { streamHuge } from './huge-body.ts'

export type Fault =
  /** Answer with this status (and a short text body). */
  | { kind: 'status'; status: number }
  /** Accept the request and never answer (the client's timeout must fire). */
  | { kind: 'hang' }
  /** Answer 200 with a body that is not JSON. */
  | { kind: 'broken-json' }
  /** Serve the page as usual but always with this next_cursor (a source whose cursor repeats). */
  | { kind: 'repeat-cursor'; cursor: string }
  /** Serve the page as usual with a new next_cursor every time: the source never ends. */
  | { kind: 'endless' }
  /** Stream a page of `bytes` bytes (one huge string) in 64 KB chunks; `sent` counts what left the server. */
  | { kind: 'huge'; bytes: number; sent?: { bytes: number } }

export interface FaultRule {
  fault: Fault
  /** Only for requests of this resource (default all). */
  resource?: string
  /** Only for the n-th page (1-based) of a pull (a request without cursor is page 1). Default any. */
  page?: number
  /** How many requests it hits before healing (default: for ever). */
  times?: number
}

export interface SourceRequest {
  resource: string
  updatedSince: string | null
  cursor: string | null
  limit: number
  auth: string | null
  status: number
}

export interface SourceServer {
  url: string
  requests: SourceRequest[]
  set(resource: string, records: Record<string, unknown>[]): void
  add(resource: string, ...records: Record<string, unknown>[]): void
  fault(rule: FaultRule | null): void
  /** Pretty-print the pages with this indent (null: compact JSON, the default). */
  indent(spaces: number | null): void
  /** Answer every request `ms` late, with at most `pageLimit` items a page (a slow source of many pages). */
  slow(ms: number, pageLimit?: number): void
  close(): Promise<void>
}

const ID: Record<string, string> = { dossiers: 'MaHoSo', ratings: 'MaDanhGia', complaints: 'MaPAKN', 'queue-tickets': 'MaVe' }

function at(r: Record<string, unknown>): number {
  const t = Date.parse(String(r.CapNhatLuc))
  return Number.isNaN(t) ? -Infinity : t
}

export async function startSourceServer(opts: { token?: string } = {}): Promise<SourceServer> {
  const data = new Map<string, Record<string, unknown>[]>()
  const requests: SourceRequest[] = []
  let rule: (FaultRule & { used: number }) | null = null
  const hanging = new Set<http.ServerResponse>()
  let indent: number | null = null

  let [delayMs, maxLimit] = [0, Infinity]
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x')
    const resource = u.pathname.replace(/^\/+/, '')
    const cursor = u.searchParams.get('cursor')
    const limit = Math.min(maxLimit, Number(u.searchParams.get('limit') ?? 100))
    const log: SourceRequest = {
      resource,
      updatedSince: u.searchParams.get('updated_since'),
      cursor,
      limit,
      auth: req.headers.authorization ?? null,
      status: 200,
    }
    requests.push(log)
    let forced: string | null = null
    const page =
      cursor && /^\d+:\d+$/.test(Buffer.from(cursor, 'base64url').toString())
        ? Number(Buffer.from(cursor, 'base64url').toString().split(':')[1])
        : 1
    if (
      rule &&
      (rule.times === undefined || rule.used < rule.times) &&
      (!rule.resource || rule.resource === resource) &&
      (!rule.page || rule.page === page)
    ) {
      rule.used++
      const f = rule.fault
      if (f.kind === 'hang') {
        log.status = 0
        hanging.add(res)
        return
      }
      if (f.kind === 'status') {
        log.status = f.status
        res.writeHead(f.status, { 'content-type': 'text/plain' }).end(`lỗi thử / test failure ${f.status}`)
        return
      }
      if (f.kind === 'huge')
        return void streamHuge(res, '{"items":[{"MaHoSo":"HS-HUGE","TenTTHC":"', f.bytes, '"}],"next_cursor":null}', f.sent)
      if (f.kind === 'broken-json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [{"MaHoSo": "HS-1", ')
        return
      }
      forced = f.kind === 'repeat-cursor' ? f.cursor : `endless-${rule.used}`
    }
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      log.status = 401
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}')
      return
    }
    const all = data.get(resource)
    if (!all) {
      log.status = 404
      res.writeHead(404).end()
      return
    }
    const since = log.updatedSince ? Date.parse(log.updatedSince) : -Infinity
    const idKey = ID[resource] ?? 'id'
    const rows = all
      .filter((r) => at(r) === -Infinity || at(r) >= since)
      .sort((a, b) => at(a) - at(b) || String(a[idKey]).localeCompare(String(b[idKey])))
    const offset =
      cursor && /^\d+:\d+$/.test(Buffer.from(cursor, 'base64url').toString())
        ? Number(Buffer.from(cursor, 'base64url').toString().split(':')[0])
        : 0
    const items = rows.slice(offset, offset + limit)
    const next = forced ?? (offset + limit < rows.length ? Buffer.from(`${offset + limit}:${page + 1}`).toString('base64url') : null)
    const text = JSON.stringify({ items, next_cursor: next }, null, indent ?? undefined)
    const parts = text.split('__RAW_BYTES__')
    const body = Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from([0xc3, 0x28]), Buffer.from(p)] : [Buffer.from(p)])))
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body)
  }
  const server = http.createServer((req, res) => (delayMs ? void setTimeout(() => handle(req, res), delayMs) : handle(req, res)))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (resource, records) => void data.set(resource, [...records]),
    add: (resource, ...records) => void data.set(resource, [...(data.get(resource) ?? []), ...records]),
    indent: (n) => void (indent = n),
    slow: (ms, pageLimit = Infinity) => void ([delayMs, maxLimit] = [ms, pageLimit]),
    fault: (r) => {
      rule = r ? { ...r, used: 0 } : null
    },
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
