/**
 * The running server's control endpoint for the CLI (one process owns the embedded stores, so a CLI asks
 * the server instead of opening them). Local only, authenticated by the token in DATA_DIR/owner.lock.
 */
import crypto from 'node:crypto'
import express, { type Router } from 'express'
import { JobBusyError, type Scheduler } from './scheduler.ts'

export function controlRouter(scheduler: Scheduler, token: string): Router {
  const r = express.Router()
  r.use(express.json({ limit: '1mb' }))
  r.use((req, res, next) => {
    const given = Buffer.from(String(req.get('x-control-token') ?? ''))
    const want = Buffer.from(token)
    if (given.length !== want.length || !crypto.timingSafeEqual(given, want)) return res.status(403).json({ error: 'forbidden' })
    next()
  })
  r.post('/etl/run', async (req, res) => {
    const { job, from, to } = req.body as { job?: string; from?: string; to?: string }
    if (!job) return res.status(400).json({ error: 'job is required' })
    try {
      const summary = await scheduler.runNow(job, 'cli', { from: from ? new Date(from) : null, to: to ? new Date(to) : null })
      res.json(summary)
    } catch (e) {
      res.status(e instanceof JobBusyError ? 409 : 500).json({ error: (e as Error).message })
    }
  })
  return r
}
