/**
 * The `igate` adapter (TTHC_SOURCE_KIND=igate, ADR 020): VNPT iGate's dossier search, mapped onto the
 * contract's records (mapping.ts) and handed to the one ETL path.
 *
 * What it asks for, from `since` (the watermark minus the pipeline's overlap):
 * - with IGATE_UPDATED_PARAM set: every dossier whose IGATE_UPDATED_FIELD is at or after `since` — one query;
 * - without it (the filter is not public) the fall-back: dossiers accepted from `since` − IGATE_WINDOW_DAYS
 *   (a sliding window, which also catches dossiers entered with an earlier reception date), every dossier whose
 *   status maps to an open one (re-read each run: their progress), dossiers returned since the window's start,
 *   and — so that an old dossier that left the open set (withdrawn, stopped) is not left open here for ever —
 *   each dossier we hold as open but did not meet among the open ones is looked up by its code.
 * The first run (no watermark) reads the whole history in one query.
 *
 * Each query is read by keyset (paging.ts). A dossier met twice in one run with the same version is passed on
 * once (id + version); the pipeline keeps the newest version of each.
 */
import { z } from 'zod'
import type { Stores } from '../../../db/stores.ts'
import type { Reject } from '../../state/rejects.ts'
import { CodeTable, TERMINAL_STATUSES } from '../../../db/sources/codes.ts'
import type { AdapterPull, SourceAdapter } from '../adapters/types.ts'
import { IgateClient } from './client.ts'
import { mapIgateDossier } from './mapping.ts'
import { keysetPages, SEARCH_PATH, type KeysetQuery, type KeysetStats } from './paging.ts'
import { OidcToken } from './token.ts'

/** At most this many dossiers looked up by code per run (the rest on the next runs). */
export const MAX_LOOKUPS = 1000
const DAY = 86_400_000

function queries(stores: Stores, codes: CodeTable, since: number | null): KeysetQuery[] {
  const c = stores.config
  const base: [string, string][] = c.IGATE_AGENCY_ID ? [['ancestor-agency-id', c.IGATE_AGENCY_ID]] : []
  if (c.IGATE_UPDATED_PARAM)
    return [{ name: 'updated', params: base, fromParam: c.IGATE_UPDATED_PARAM, field: c.IGATE_UPDATED_FIELD, from: since }]
  if (since === null) return [{ name: 'accepted', params: base, fromParam: 'accepted-from', field: 'acceptedDate', from: null }]
  const from = since - c.IGATE_WINDOW_DAYS * DAY
  const open = codes.openStatusCodes()
  return [
    { name: 'accepted', params: base, fromParam: 'accepted-from', field: 'acceptedDate', from },
    ...(open.length
      ? [
          {
            name: 'open',
            params: [...base, ['dossier-status', open.join(',')]] as [string, string][],
            fromParam: 'accepted-from',
            field: 'acceptedDate',
            from: null,
          },
        ]
      : []),
    { name: 'returned', params: base, fromParam: 'result-returned-from', field: 'returnedDate', from },
  ]
}

/** Dossiers we hold as open (their latest version), for the fall-back's look-ups. */
async function heldOpen(stores: Stores): Promise<string[]> {
  const rs = await stores.ch.client.query({
    query: `SELECT dossier_id FROM dossiers FINAL WHERE status NOT IN (${[...TERMINAL_STATUSES].join(',')}) AND NOT synthetic`,
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: 'etl:igate' },
  })
  return z
    .array(z.object({ dossier_id: z.string() }))
    .parse(await rs.json())
    .map((r) => r.dossier_id)
}

export function igateAdapter(stores: Stores, job: string): SourceAdapter {
  const c = stores.config
  let codes: CodeTable | null = null
  return {
    name: 'igate',
    label: `${c.IGATE_BASE_URL}${SEARCH_PATH}`,
    synthetic: false,
    watermarkKey: `${job}@igate`,
    rawPages: false,
    async *pages(p: AdapterPull) {
      const table = (codes = await CodeTable.load(stores.pg.db, 'igate', c.PROVINCE_CODE))
      const o = p.options
      const token = new OidcToken({
        issuer: c.IGATE_OIDC_ISSUER!,
        clientId: c.IGATE_CLIENT_ID!,
        clientSecret: c.IGATE_CLIENT_SECRET!,
        signal: p.signal,
      })
      const client = new IgateClient({
        baseUrl: c.IGATE_BASE_URL!,
        token,
        timeoutMs: o.timeoutMs,
        retries: o.retries,
        minBackoffMs: o.minBackoffMs,
        maxBackoffMs: o.maxBackoffMs,
        maxRetryAfterMs: c.IGATE_MAX_RETRY_AFTER * 1000,
        maxPageBytes: o.maxPageBytes ?? c.ETL_MAX_PAGE_BYTES,
        signal: p.signal,
        onRetry: (r) => p.log.warn('iGate request failed, retrying', r),
      })
      const pageSize = o.pageSize ?? c.IGATE_PAGE_SIZE
      const stats: KeysetStats = { requests: 0, grown: 0, byNumber: 0 }
      const versions = new Set<string>()
      const met = new Set<string>()
      let n = 0
      const mapPage = (items: unknown[]) => {
        const records: unknown[] = []
        const rejects: Reject[] = []
        for (const it of items) {
          const m = mapIgateDossier(it, table, c.IGATE_UPDATED_FIELD)
          if (m.id) met.add(m.id)
          const v = `${m.id}\u0000${m.at}`
          if (m.id && versions.has(v)) continue
          if (m.id) versions.add(v)
          if (m.ok) records.push(m.record)
          else rejects.push(m.reject)
        }
        return { items: records, rejects, page: ++n, bytes: 0 }
      }
      const plan = queries(stores, table, p.since)
      for (const q of plan)
        for await (const items of keysetPages(client, q, { pageSize, maxPageSize: Math.max(pageSize, 2000), log: p.log, stats }))
          yield mapPage(items)
      let looked = 0
      if (!c.IGATE_UPDATED_PARAM && p.since !== null) {
        const gone = (await heldOpen(stores)).filter((id) => !met.has(id))
        for (const code of gone.slice(0, MAX_LOOKUPS)) {
          looked++
          const body = (await client.get(SEARCH_PATH, [
            ['spec', 'page'],
            ['page', '0'],
            ['size', '5'],
            ['code', code],
          ])) as { content?: unknown[] }
          const hit = (body?.content ?? []).filter((d) => (d as { code?: unknown })?.code === code)
          if (hit.length) yield mapPage(hit)
        }
        if (gone.length > MAX_LOOKUPS)
          p.log.warn('iGate: more open dossiers to look up than one run does', { left: gone.length - MAX_LOOKUPS })
      }
      p.log.info('iGate pull', {
        queries: plan.map((q) => q.name),
        ...stats,
        lookups: looked,
        tokens: token.fetched,
        retried: client.retried,
        refreshedAfter401: client.refreshedAfter401,
      })
    },
    finish: async () => {
      await codes?.recordUnmapped(stores.pg.db)
    },
  }
}
