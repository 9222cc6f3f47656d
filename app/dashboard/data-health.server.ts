/**
 * Data health (Dữ liệu, for the IT department): per job its last run and freshness; the rejected records
 * with their reasons (filterable, paged); the source's status (configured URL and a live probe).
 */
import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { etlRejects, etlRuns } from '../../db/pg/schema/index.ts'
import { sourceUrl, type Stores } from '../../db/stores.ts'
import { inboxStatus } from '../../db/sources/push-inbox.ts'
import { jobControl } from '../../db/job-control.ts'
import { jobFreshness } from './shell.server.ts'
import type { JobFreshness } from '../lib/freshness.ts'

export interface JobRow extends JobFreshness {
  description: string
  lastRun: {
    id: number
    status: string
    trigger: string
    startedAt: string
    finishedAt: string | null
    durationS: number | null
    read: number
    loaded: number
    rejected: number
    error: string | null
  } | null
  runs24h: number
  failed24h: number
}

function lastRunOf(r: typeof etlRuns.$inferSelect): NonNullable<JobRow['lastRun']> {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
    durationS: r.finishedAt ? (new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000 : null,
    read: r.read,
    loaded: r.loaded,
    rejected: Object.values(r.rejected ?? {}).reduce((a, b) => a + Number(b), 0),
    error: r.error,
  }
}

export async function jobTable(stores: Stores, now = new Date()): Promise<JobRow[]> {
  const fresh = await jobFreshness(stores, now)
  const jobs = jobControl(stores).list()
  const db = stores.pg.db
  const last = await db.selectDistinctOn([etlRuns.job]).from(etlRuns).orderBy(etlRuns.job, desc(etlRuns.startedAt))
  const since = new Date(now.getTime() - 86_400_000)
  const counts = await db
    .select({
      job: etlRuns.job,
      runs: count(),
      failed: sql<number>`count(*) filter (where ${etlRuns.status} = 'failed')::int`,
    })
    .from(etlRuns)
    .where(sql`${etlRuns.startedAt} >= ${since.toISOString()}`)
    .groupBy(etlRuns.job)
  const lastBy = new Map(last.map((r) => [r.job, r]))
  const countBy = new Map(counts.map((r) => [r.job, r]))
  return fresh.map((f) => {
    const r = lastBy.get(f.job)
    const c = countBy.get(f.job)
    return {
      ...f,
      description: jobs.find((j) => j.name === f.job)?.description ?? '',
      lastRun: r ? lastRunOf(r) : null,
      runs24h: Number(c?.runs ?? 0),
      failed24h: Number(c?.failed ?? 0),
    }
  })
}

export const RejectFilterSchema = z.object({
  job: z
    .string()
    .trim()
    .max(60)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  reason: z
    .string()
    .trim()
    .max(120)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  rq: z
    .string()
    .trim()
    .max(120)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  rpage: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
})
export type RejectFilter = z.infer<typeof RejectFilterSchema>
export const REJECT_PAGE_SIZE = 25

export function parseRejectFilter(sp: URLSearchParams): RejectFilter {
  return RejectFilterSchema.parse(Object.fromEntries(['job', 'reason', 'rq', 'rpage'].map((k) => [k, sp.get(k) ?? undefined])))
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)

function rejectWhere(f: RejectFilter): SQL | undefined {
  const w: SQL[] = []
  if (f.job) w.push(eq(etlRejects.job, f.job))
  if (f.reason) w.push(eq(etlRejects.reason, f.reason))
  if (f.rq) w.push(or(ilike(etlRejects.recordId, `%${escapeLike(f.rq)}%`), ilike(etlRejects.detail, `%${escapeLike(f.rq)}%`))!)
  return w.length ? and(...w) : undefined
}

export interface RejectRow {
  id: number
  at: string
  job: string
  reason: string
  detail: string | null
  recordId: string | null
  runId: number | null
  raw: string
}

export async function listRejects(
  stores: Stores,
  f: RejectFilter,
  pageSize = REJECT_PAGE_SIZE,
): Promise<{ rows: RejectRow[]; total: number; page: number; pages: number }> {
  const db = stores.pg.db
  const where = rejectWhere(f)
  const [t] = await db.select({ n: count() }).from(etlRejects).where(where)
  const total = Number(t?.n ?? 0)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(f.rpage, pages)
  const rows = await db
    .select()
    .from(etlRejects)
    .where(where)
    .orderBy(desc(etlRejects.at), desc(etlRejects.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      job: r.job,
      reason: r.reason,
      detail: r.detail,
      recordId: r.recordId,
      runId: r.runId,
      raw: JSON.stringify(r.raw ?? null).slice(0, 2000),
    })),
    total,
    page,
    pages,
  }
}

/** Rejects counted by job and reason (the filter's choices and the summary table). */
export async function rejectReasons(stores: Stores): Promise<{ job: string; reason: string; count: number }[]> {
  const rows = await stores.pg.db
    .select({ job: etlRejects.job, reason: etlRejects.reason, n: count() })
    .from(etlRejects)
    .groupBy(etlRejects.job, etlRejects.reason)
    .orderBy(desc(count()))
  return rows.map((r) => ({ job: r.job, reason: r.reason, count: Number(r.n) }))
}

export interface SourceStatus {
  url: string
  kind: 'simulator' | 'http' | 'igate' | 'dvcqg-push'
  reachable: boolean
  status: number | null
  latencyMs: number | null
  error: string | null
  tokenConfigured: boolean
  /** The push receiver: items waiting in its staging table, and when the last one arrived. */
  push?: { pending: number; lastReceivedAt: string | null }
}

/**
 * iGate as the last `dossiers` run found it (the dashboard does not import the ETL's client, ADR 012): reachable
 * when that run succeeded, its error otherwise.
 */
async function igateStatus(stores: Stores): Promise<SourceStatus> {
  const c = stores.config
  const [last] = await stores.pg.db
    .select({ status: etlRuns.status, error: etlRuns.error, startedAt: etlRuns.startedAt, finishedAt: etlRuns.finishedAt })
    .from(etlRuns)
    .where(and(eq(etlRuns.job, 'dossiers'), or(eq(etlRuns.status, 'ok'), eq(etlRuns.status, 'failed'))))
    .orderBy(desc(etlRuns.startedAt))
    .limit(1)
  return {
    url: `${c.IGATE_BASE_URL}/pa/dossier/search`,
    kind: 'igate',
    reachable: last?.status === 'ok',
    status: null,
    latencyMs: null,
    error: last ? (last.error ?? null) : 'no run yet',
    tokenConfigured: !!c.IGATE_CLIENT_SECRET,
  }
}

/** Probes the dossiers' source with a short timeout: the contract's endpoint (one item), iGate (a token and one
 * dossier, as the last run met it), or — for the push receiver, which is this server — its staging table. */
export async function probeSource(stores: Stores, timeoutMs = 4000): Promise<SourceStatus> {
  const c = stores.config
  if (c.TTHC_SOURCE_KIND === 'igate') return igateStatus(stores)
  if (c.TTHC_SOURCE_KIND === 'dvcqg-push') {
    const inbox = await inboxStatus(stores.pg.db)
    return {
      url: '/dvcqg',
      kind: 'dvcqg-push',
      reachable: true,
      status: null,
      latencyMs: null,
      error: null,
      tokenConfigured: false,
      push: { pending: inbox.pending, lastReceivedAt: inbox.lastReceivedAt?.toISOString() ?? null },
    }
  }
  const url = sourceUrl(stores)
  const kind = stores.config.TTHC_SOURCE_URL ? 'http' : 'simulator'
  const started = Date.now()
  try {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (stores.config.TTHC_SOURCE_TOKEN) headers.Authorization = `Bearer ${stores.config.TTHC_SOURCE_TOKEN}`
    const res = await fetch(`${url.replace(/\/$/, '')}/dossiers?limit=1`, { headers, signal: AbortSignal.timeout(timeoutMs) })
    await res.body?.cancel()
    return {
      url,
      kind,
      reachable: res.ok,
      status: res.status,
      latencyMs: Date.now() - started,
      error: res.ok ? null : res.statusText,
      tokenConfigured: !!stores.config.TTHC_SOURCE_TOKEN,
    }
  } catch (e) {
    return {
      url,
      kind,
      reachable: false,
      status: null,
      latencyMs: null,
      error: (e as Error).message,
      tokenConfigured: !!stores.config.TTHC_SOURCE_TOKEN,
    }
  }
}

/** A job's run as the data page follows it live (GET /data/run/status): the run going on, else the last one recorded. */
export interface RunStatus {
  job: string
  running: boolean
  /** While running: since when, seconds so far, records read, the source's total when known, pages. */
  live: { trigger: string; startedAt: string; elapsedS: number; read: number; total: number | null; pages: number } | null
  last: NonNullable<JobRow['lastRun']> | null
}

export async function runStatus(stores: Stores, job: string, now = Date.now()): Promise<RunStatus> {
  const l = stores.jobs?.live(job) ?? null
  const [r] = await stores.pg.db.select().from(etlRuns).where(eq(etlRuns.job, job)).orderBy(desc(etlRuns.startedAt)).limit(1)
  return {
    job,
    running: l !== null,
    live: l
      ? {
          trigger: l.trigger,
          startedAt: l.startedAt,
          elapsedS: Math.max(0, (now - Date.parse(l.startedAt)) / 1000),
          read: l.read,
          total: l.total,
          pages: l.pages,
        }
      : null,
    last: r ? lastRunOf(r) : null,
  }
}
