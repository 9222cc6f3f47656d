/**
 * A fake VNPT iGate for tests (not the simulator's production path): a real HTTP server (port 0) with
 * - the Keycloak token endpoint `POST /auth/realms/digo/protocol/openid-connect/token` (client credentials;
 *   tokens live `tokenLifeMs`, an expired or revoked token is answered 401 like iGate's gateway does);
 * - `GET /pa/dossier/search` with Spring paging (`page` from 0, `size`, repeated `sort=field,asc|desc`,
 *   `spec=page|slice`) and the filters docs/design.md §6.3 lists (`accepted-from`, `result-returned-from`,
 *   `dossier-status`, `ancestor-agency-id`, `code`) plus an update-time filter under a configurable name.
 *   Missing dates sort first (as MongoDB's ascending order does) and never pass a `-from` filter.
 * Faults are scripted per search request (n-th request: status, Retry-After); `onSearch` runs before each
 * search is answered, so a test can update dossiers mid-pull and make the pages shift.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { streamHuge } from './huge-body.ts'

export type IgateDossier = Record<string, unknown> & { id: string; code: string }

export interface SearchLog {
  n: number
  params: URLSearchParams
  status: number
  at: number
  auth: string | null
}

export interface SearchFault {
  /** The n-th search request (1-based) gets this answer instead. */
  request: number
  status: number
  retryAfter?: string
  /** Instead: a 200 whose body is about this many bytes (one huge dossier field), streamed 64 KB at a time. */
  hugeBytes?: number
  /** Counts the bytes of the huge body that left the server. */
  sent?: { bytes: number }
}

export interface FakeIgate {
  url: string
  issuer: string
  clientId: string
  clientSecret: string
  searches: SearchLog[]
  tokensIssued: number
  set(dossiers: IgateDossier[]): void
  upsert(d: IgateDossier): void
  get(id: string): IgateDossier | undefined
  update(id: string, patch: Record<string, unknown>): void
  faults: SearchFault[]
  /** Runs before the n-th search is answered. */
  onSearch: ((n: number, params: URLSearchParams) => void) | null
  /** Milliseconds each search waits before answering. */
  delayMs: number
  tokenLifeMs: number
  /** The name of the update-time filter this iGate accepts (null: none, as publicly documented). */
  updatedParam: string | null
  revokeTokens(): void
  close(): Promise<void>
}

const time = (v: unknown) => (typeof v === 'string' && v ? Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN)

function field(d: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), d)
}

function compare(a: unknown, b: unknown): number {
  const ta = time(a)
  const tb = time(b)
  const na = a === null || a === undefined
  const nb = b === null || b === undefined
  if (na || nb) return na === nb ? 0 : na ? -1 : 1
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

type FakeState = Pick<FakeIgate, 'searches' | 'tokensIssued' | 'faults' | 'onSearch' | 'delayMs' | 'tokenLifeMs' | 'updatedParam'>
type Json = (status: number, body: unknown, headers?: Record<string, string>) => void

const CLIENT_ID = 'mot-cua-kpi'
const CLIENT_SECRET = 'bí-mật-thử-nghiệm'

/** Keeps the dossiers that pass the search's `-from`, status, agency and code filters. */
function filterDossiers(rows: IgateDossier[], params: URLSearchParams, updatedParam: string | null): IgateDossier[] {
  const from = (name: string, path: string) => {
    const v = params.get(name)
    if (v) rows = rows.filter((d) => time(field(d, path)) >= Date.parse(v))
  }
  from('accepted-from', 'acceptedDate')
  from('result-returned-from', 'returnedDate')
  if (updatedParam) from(updatedParam, 'updatedDate')
  const statuses = params.get('dossier-status')
  if (statuses) {
    const set = new Set(statuses.split(','))
    rows = rows.filter((d) => set.has(String(field(d, 'dossierStatus.id'))))
  }
  const agency = params.get('ancestor-agency-id')
  if (agency) rows = rows.filter((d) => field(d, 'agency.parent.id') === agency)
  const code = params.get('code')
  if (code) rows = rows.filter((d) => d.code === code)
  return rows
}

/** One Spring page (or slice) of the search: filtered, sorted by the repeated `sort` parameters, paged. */
function searchPage(all: IgateDossier[], params: URLSearchParams, updatedParam: string | null): unknown {
  const rows = filterDossiers(all, params, updatedParam)
  const sorts = params.getAll('sort').map((s) => s.split(','))
  rows.sort((a, b) => {
    for (const [f, dir] of sorts) {
      const c = compare(field(a, f!), field(b, f!))
      if (c) return dir === 'desc' ? -c : c
    }
    return 0
  })
  const page = Number(params.get('page') ?? 0)
  const size = Math.min(Number(params.get('size') ?? 20), 2000)
  const content = rows.slice(page * size, page * size + size)
  const last = (page + 1) * size >= rows.length
  const common = { content, number: page, size, numberOfElements: content.length, first: page === 0, last, empty: content.length === 0 }
  if (params.get('spec') === 'slice') return common
  return {
    ...common,
    totalElements: rows.length,
    totalPages: Math.ceil(rows.length / size),
    pageable: { pageNumber: page, pageSize: size },
  }
}

/** The Keycloak client-credentials token endpoint: a token that lives `tokenLifeMs`. */
function issueToken(req: http.IncomingMessage, json: Json, fake: FakeState, tokens: Map<string, number>, seq: { n: number }): void {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => {
    const f = new URLSearchParams(body)
    if (f.get('grant_type') !== 'client_credentials' || f.get('client_id') !== CLIENT_ID || f.get('client_secret') !== CLIENT_SECRET)
      return json(401, { error: 'unauthorized_client', error_description: 'Invalid client credentials' })
    const token = `tok-${++seq.n}`
    tokens.set(token, Date.now() + fake.tokenLifeMs)
    fake.tokensIssued++
    json(200, { access_token: token, expires_in: fake.tokenLifeMs / 1000, token_type: 'Bearer', scope: 'profile' })
  })
}

/** A search, logged; answered after `delayMs` with 401 (token), the scripted fault, or the page. */
function answerSearch(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  params: URLSearchParams,
  json: Json,
  fake: FakeState,
  tokens: Map<string, number>,
  data: Map<string, IgateDossier>,
): void {
  const n = fake.searches.length + 1
  const log: SearchLog = { n, params, status: 200, at: Date.now(), auth: req.headers.authorization ?? null }
  fake.searches.push(log)
  const answer = () => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    const exp = tokens.get(token)
    if (exp === undefined || exp < Date.now()) {
      log.status = 401
      return json(401, { error: 'invalid_token', error_description: 'Token is not active' })
    }
    const fault = fake.faults.find((f) => f.request === n)
    if (fault?.hugeBytes) {
      const tail = '"}],"number":0,"size":1,"numberOfElements":1,"first":true,"last":true,"empty":false}'
      return void streamHuge(res, '{"content":[{"id":"huge","code":"', fault.hugeBytes, tail, fault.sent)
    }
    if (fault) {
      log.status = fault.status
      return json(
        fault.status,
        { message: 'thử lỗi / test fault' },
        fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
      )
    }
    fake.onSearch?.(n, params)
    json(200, searchPage([...data.values()], params, fake.updatedParam))
  }
  if (fake.delayMs) setTimeout(answer, fake.delayMs)
  else answer()
}

export async function startFakeIgate(): Promise<FakeIgate> {
  const data = new Map<string, IgateDossier>()
  const tokens = new Map<string, number>()
  const seq = { n: 0 }
  const fake: FakeState = {
    searches: [],
    tokensIssued: 0,
    faults: [],
    onSearch: null,
    delayMs: 0,
    tokenLifeMs: 300_000,
    updatedParam: 'updated-from',
  }
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    const json: Json = (status, body, headers = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
    if (req.method === 'POST' && u.pathname === '/auth/realms/digo/protocol/openid-connect/token')
      return issueToken(req, json, fake, tokens, seq)
    if (req.method === 'GET' && u.pathname === '/pa/dossier/search') return answerSearch(req, res, u.searchParams, json, fake, tokens, data)
    json(404, { error: 'not_found' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return Object.assign(fake, {
    url,
    issuer: `${url}/auth/realms/digo`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    set: (ds: IgateDossier[]) => {
      data.clear()
      for (const d of ds) data.set(d.id, structuredClone(d))
    },
    upsert: (d: IgateDossier) => void data.set(d.id, structuredClone(d)),
    get: (id: string) => data.get(id),
    update: (id: string, patch: Record<string, unknown>) => {
      const d = data.get(id)
      if (!d) throw new Error(`no dossier ${id}`)
      data.set(id, { ...d, ...patch })
    },
    revokeTokens: () => tokens.clear(),
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }) as FakeIgate
}
