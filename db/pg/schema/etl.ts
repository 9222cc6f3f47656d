/** ETL state: watermarks (advanced only after a committed load), runs, rejected records, job locks. */
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const etlWatermarks = pgTable('etl_watermarks', {
  job: text('job').primaryKey(),
  /** Highest source `CapNhatLuc` loaded and committed. */
  watermark: timestamp('watermark', { withTimezone: true, precision: 3 }),
  /** Tie-breaker within the same timestamp (the last record id). */
  lastId: text('last_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const etlRuns = pgTable(
  'etl_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    /** 'running' | 'ok' | 'failed' */
    status: text('status').notNull(),
    trigger: text('trigger').notNull().default('schedule'),
    source: text('source'),
    windowFrom: timestamp('window_from', { withTimezone: true, precision: 3 }),
    windowTo: timestamp('window_to', { withTimezone: true, precision: 3 }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    read: integer('read').notNull().default(0),
    loaded: integer('loaded').notNull().default(0),
    rejected: jsonb('rejected').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
  },
  (t) => [index('etl_runs_job_idx').on(t.job, t.startedAt)],
)

export const etlRejects = pgTable(
  'etl_rejects',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: integer('run_id'),
    job: text('job').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    recordId: text('record_id'),
    raw: jsonb('raw'),
    /** Hash of reason + raw record: a record re-read (window overlap, re-run) is kept once, under its first run. */
    fingerprint: text('fingerprint'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('etl_rejects_job_idx').on(t.job, t.reason),
    index('etl_rejects_run_idx').on(t.runId),
    uniqueIndex('etl_rejects_fingerprint_uq').on(t.job, t.fingerprint),
  ],
)

/** A row per job held by a running server (with a Postgres advisory lock too): two servers never run one job. */
export const etlLocks = pgTable('etl_locks', {
  job: text('job').primaryKey(),
  holder: text('holder').notNull(),
  acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull().defaultNow(),
})
