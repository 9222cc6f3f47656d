/**
 * Mounts the push receiver at /dvcqg when TTHC_SOURCE_KIND=dvcqg-push (server.extensions.ts, before the access
 * gate: senders authenticate with their own credentials, not users' sessions). With the scheduler on, a drain is
 * asked for a few seconds after items arrive (coalesced), so dashboards follow within seconds; the job's own
 * schedule is the safety net.
 */
import type { Express } from 'express'
import type { Stores } from '../../../db/stores.ts'
import { JobBusyError, type Scheduler } from '../../scheduler.ts'
import { pushReceiver } from './receiver.ts'

export const DRAIN_DELAY_MS = 3000

export function mountPushReceiver(app: Express, ctx: { stores: Stores; scheduler: Scheduler }): void {
  const { stores, scheduler } = ctx
  let timer: NodeJS.Timeout | null = null
  const drainSoon = (delay = DRAIN_DELAY_MS) => {
    if (timer || stores.config.SCHEDULER !== 'on') return
    timer = setTimeout(() => {
      timer = null
      scheduler.runNow('dvcqg-push', 'after:push').catch((e: unknown) => {
        if (e instanceof JobBusyError)
          drainSoon(DRAIN_DELAY_MS * 2) // a drain is running: another after it
        else console.error('dvcqg-push: drain after push failed', (e as Error).message)
      })
    }, delay)
    timer.unref()
  }
  app.use('/dvcqg', pushReceiver(stores, { onStored: () => drainSoon() }))
}
