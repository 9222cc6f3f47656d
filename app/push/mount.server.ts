/**
 * Mounts the push receiver at /dvcqg when TTHC_SOURCE_KIND=dvcqg-push (server.extensions.ts, before the access
 * gate: senders authenticate with their own credentials, not users' sessions). With the scheduler on, a drain is
 * requested a few seconds after items arrive (through the job-control port, coalesced), so dashboards follow
 * within seconds; the `dvcqg-push` job's own schedule is the safety net.
 */
import type { Express } from 'express'
import { jobControl } from '../../db/job-control.ts'
import type { Stores } from '../../db/stores.ts'
import { pushReceiver } from './receiver.server.ts'

export const DRAIN_DELAY_MS = 3000

export function mountPushReceiver(app: Express, stores: Stores): void {
  let timer: NodeJS.Timeout | null = null
  const drainSoon = () => {
    if (timer || stores.config.SCHEDULER !== 'on') return
    timer = setTimeout(() => {
      timer = null
      // `request` waits for a drain already running, then runs once more: items staged meanwhile are not left behind.
      jobControl(stores)
        .request('dvcqg-push', 'after:push')
        .catch((e: unknown) => console.error('dvcqg-push: drain after push failed', (e as Error).message))
    }, DRAIN_DELAY_MS)
    timer.unref()
  }
  app.use('/dvcqg', pushReceiver(stores, { onStored: () => drainSoon() }))
}
