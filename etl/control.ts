/**
 * The running server's control endpoint for the CLI (one process owns the embedded stores, so a CLI asks
 * the server instead of opening them). Local only, authenticated by the token in DATA_DIR/owner.lock.
 *
 * POST /internal/etl/run  { job, from?, to?, source?, file? } → the job's summary
 *   400 bad request, 403 bad token, 409 already running, 502 the source failed, 500 anything else.
 * GET  /internal/etl/jobs → [{ name, schedule, description, lastRun }]
 */
import crypto from 'node:crypto'
import path from 'node:path'
import express, { type Router } from 'express'
import { z } from 'zod'
import { getStores, type Stores } from '../db/stores.ts'
import { JobBusyError, scheduleFor, type Scheduler } from './scheduler.ts'
import { SourceHttpError } from './source/http.ts'
import { lastRuns } from './state/runs.ts'

const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time')
  .transform((s) => new Date(s))

export const RunRequest = z
  .object({
    job: z.string().min(1),
    from: isoTime.optional(),
    to: isoTime.optional(),
    source: z.url({ protocol: /^https?$/ }).optional(),
    file: z
      .string()
      .min(1)
      .refine((f) => path.isAbsolute(f), 'file must be an absolute path (the server resolves it)')
      .optional(),
  })
  .refine((r) => !(r.source && r.file), 'give --source or --file, not both')
  .refine((r) => !(r.from && r.to) || r.from < r.to, 'from must be before to')

export function controlRouter(scheduler: Scheduler, token: string, stores?: Stores): Router {
  const r = express.Router()
  r.use(express.json({ limit: '1mb' }))
  r.use((req, res, next) => {
    const given = Buffer.from(String(req.get('x-control-token') ?? ''))
    const want = Buffer.from(token)
    if (given.length !== want.length || !crypto.timingSafeEqual(given, want)) return res.status(403).json({ error: 'forbidden' })
    next()
  })
  r.post('/etl/run', async (req, res) => {
    const parsed = RunRequest.safeParse(req.body)
    if (!parsed.success)
      return res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') })
    const { job, from, to, source, file } = parsed.data
    if (!scheduler.jobs.some((j) => j.name === job)) return res.status(400).json({ error: `unknown job ${job}` })
    try {
      const summary = await scheduler.runNow(
        job,
        'cli',
        { from: from ?? null, to: to ?? null },
        { source: source || file ? { url: source, file } : undefined },
      )
      res.json(summary)
    } catch (e) {
      const status = e instanceof JobBusyError ? 409 : e instanceof SourceHttpError ? 502 : 500
      res.status(status).json({ error: (e as Error).message })
    }
  })
  r.get('/etl/jobs', async (_req, res) => {
    try {
      const last = await lastRuns((stores ?? (await getStores())).pg.db)
      res.json(
        scheduler.jobs.map((j) => ({
          name: j.name,
          schedule: scheduleFor(j),
          description: j.description,
          lastRun: last.get(j.name) ?? null,
        })),
      )
    } catch (e) {
      res.status(500).json({ error: (e as Error).message })
    }
  })
  return r
}
