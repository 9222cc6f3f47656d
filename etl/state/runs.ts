/** The run log (`etl_runs`): one row per run with counts by reason, window, duration, status and error. */
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/pg/client.ts'
import { etlRuns } from '../../db/pg/schema/index.ts'

export interface RunStart {
  job: string
  trigger: string
  source?: string | null
  windowFrom?: Date | null
  windowTo?: Date | null
}

export async function startRun(db: Db, r: RunStart): Promise<number> {
  // Holding the job's lock, any run still marked 'running' was cut off (process killed): say so.
  await db
    .update(etlRuns)
    .set({ status: 'failed', error: 'interrupted: the process ended during the run', finishedAt: new Date() })
    .where(and(eq(etlRuns.job, r.job), eq(etlRuns.status, 'running')))
  const [row] = await db
    .insert(etlRuns)
    .values({
      job: r.job,
      status: 'running',
      trigger: r.trigger,
      source: r.source ?? null,
      windowFrom: r.windowFrom ?? null,
      windowTo: r.windowTo ?? null,
    })
    .returning({ id: etlRuns.id })
  return row!.id
}

export interface RunEnd {
  status: 'ok' | 'failed'
  read: number
  loaded: number
  rejected: Record<string, number>
  error?: string | null
  source?: string | null
  windowFrom?: Date | null
  windowTo?: Date | null
}

export async function finishRun(db: Db, id: number, e: RunEnd): Promise<void> {
  await db
    .update(etlRuns)
    .set({
      status: e.status,
      read: e.read,
      loaded: e.loaded,
      rejected: e.rejected,
      error: e.error ?? null,
      finishedAt: new Date(),
      ...(e.source !== undefined ? { source: e.source } : {}),
      ...(e.windowFrom !== undefined ? { windowFrom: e.windowFrom } : {}),
      ...(e.windowTo !== undefined ? { windowTo: e.windowTo } : {}),
    })
    .where(eq(etlRuns.id, id))
}

export interface LastRun {
  job: string
  status: string
  startedAt: Date
  finishedAt: Date | null
  read: number
  loaded: number
  rejected: Record<string, number>
  error: string | null
}

/** The latest run of each job. */
export async function lastRuns(db: Db): Promise<Map<string, LastRun>> {
  const rows = await db
    .selectDistinctOn([etlRuns.job], {
      job: etlRuns.job,
      status: etlRuns.status,
      startedAt: etlRuns.startedAt,
      finishedAt: etlRuns.finishedAt,
      read: etlRuns.read,
      loaded: etlRuns.loaded,
      rejected: etlRuns.rejected,
      error: etlRuns.error,
    })
    .from(etlRuns)
    .orderBy(etlRuns.job, desc(etlRuns.startedAt), desc(etlRuns.id))
  return new Map(rows.map((r) => [r.job, r]))
}
