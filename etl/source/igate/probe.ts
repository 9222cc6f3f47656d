/** The data page's check of iGate: a token from the OpenID Connect endpoint, then one dossier of the search. */
import type { Stores } from '../../../db/stores.ts'
import { IgateClient } from './client.ts'
import { SEARCH_PATH } from './paging.ts'
import { OidcToken } from './token.ts'

export async function probeIgate(stores: Stores, timeoutMs = 4000) {
  const c = stores.config
  const url = `${c.IGATE_BASE_URL}${SEARCH_PATH}`
  const started = Date.now()
  const base = { url, kind: 'igate' as const, tokenConfigured: !!c.IGATE_CLIENT_SECRET }
  try {
    const token = new OidcToken({
      issuer: c.IGATE_OIDC_ISSUER!,
      clientId: c.IGATE_CLIENT_ID!,
      clientSecret: c.IGATE_CLIENT_SECRET!,
      timeoutMs,
    })
    const client = new IgateClient({ baseUrl: c.IGATE_BASE_URL!, token, timeoutMs, retries: 0 })
    await client.get(SEARCH_PATH, [
      ['spec', 'slice'],
      ['page', '0'],
      ['size', '1'],
    ])
    return { ...base, reachable: true, status: 200, latencyMs: Date.now() - started, error: null }
  } catch (e) {
    const status = (e as { status?: number | null }).status ?? null
    return { ...base, reachable: false, status, latencyMs: null, error: (e as Error).message.slice(0, 300) }
  }
}
