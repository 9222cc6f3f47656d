/**
 * The Bearer token for iGate: an OpenID Connect client-credentials grant on the Keycloak realm's token
 * endpoint (`{issuer}/protocol/openid-connect/token`). The token is kept and reused until shortly before it
 * expires (a fifth of its life, at most 30 s, early), and fetched again then — so a long pull never sends an
 * expired token — or at once after iGate answers 401 (`invalidate`). Secrets come only from the environment.
 */
import { z } from 'zod'

export interface TokenOptions {
  issuer: string
  clientId: string
  clientSecret: string
  timeoutMs?: number
  signal?: AbortSignal
  now?: () => number
}

const TokenReply = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
})

export class TokenError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retriable: boolean,
  ) {
    super(message)
    this.name = 'TokenError'
  }
}

export class OidcToken {
  private token: string | null = null
  private refreshAt = 0
  private pending: Promise<string> | null = null
  /** Tokens obtained so far (logs, tests). */
  fetched = 0

  constructor(private readonly o: TokenOptions) {}

  get endpoint(): string {
    return `${this.o.issuer.replace(/\/+$/, '')}/protocol/openid-connect/token`
  }

  private now(): number {
    return this.o.now?.() ?? Date.now()
  }

  /** A token valid for a while yet (cached, or a new one). Concurrent callers share one request. */
  async get(): Promise<string> {
    if (this.token && this.now() < this.refreshAt) return this.token
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null
    })
    return this.pending
  }

  /** iGate refused `token` (401): the next `get` fetches a new one. */
  invalidate(token: string): void {
    if (this.token === token) {
      this.token = null
      this.refreshAt = 0
    }
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.o.clientId, client_secret: this.o.clientSecret })
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 30_000)
    const started = this.now()
    let res: Response
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout,
      })
    } catch (e) {
      throw new TokenError(`token endpoint unreachable: ${(e as Error).message} — POST ${this.endpoint}`, null, true)
    }
    const text = await res.text()
    if (!res.ok) {
      const retriable = res.status >= 500 || res.status === 429
      const hint = res.status === 400 || res.status === 401 ? ' (check IGATE_CLIENT_ID / IGATE_CLIENT_SECRET)' : ''
      throw new TokenError(
        `token endpoint answered ${res.status}${hint} — POST ${this.endpoint}: ${text.slice(0, 200)}`,
        res.status,
        retriable,
      )
    }
    let parsed: z.infer<typeof TokenReply>
    try {
      parsed = TokenReply.parse(JSON.parse(text))
    } catch {
      throw new TokenError(`token endpoint sent no access_token — POST ${this.endpoint}`, res.status, true)
    }
    const lifeMs = (parsed.expires_in ?? 300) * 1000
    this.token = parsed.access_token
    this.refreshAt = started + lifeMs - Math.min(30_000, lifeMs / 5)
    this.fetched++
    return this.token
  }
}
