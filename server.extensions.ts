/**
 * Express-level pieces mounted before Remix (the simulator under /sim, API middleware…). Kept apart from
 * server.ts so each feature registers itself here in one line.
 */
import type { Express } from 'express'
import type { Config } from './db/config.ts'
import type { Stores } from './db/stores.ts'
import type { Scheduler } from './etl/scheduler.ts'
import { mountAuth } from './app/auth/mount.server.ts'
import { startInitialPull } from './etl/startup.ts'
import { mountSimulator } from './etl/sim/mount.ts'
import { mountPushReceiver } from './app/push/mount.server.ts'

export interface ServerContext {
  config: Config
  stores: Stores
  scheduler: Scheduler
}

export async function mountExtensions(app: Express, ctx: ServerContext): Promise<void> {
  // Simulator: the TTHC source under /sim when the contract adapter has no TTHC_SOURCE_URL (+ demo organisation when DEMO=on).
  if (ctx.config.simulator) await mountSimulator(app, ctx)
  // The national portal's sync receiver under /dvcqg when dossiers arrive by push (ADR 021).
  if (ctx.config.TTHC_SOURCE_KIND === 'dvcqg-push') mountPushReceiver(app, ctx.stores)
  // ETL: the first pull of every source + rollups, in the background once the server listens (SCHEDULER=on).
  startInitialPull(ctx)
  // Accounts (keep LAST, add other mounts above it): users control endpoint, demo accounts, then the access
  // gate, which answers every request that reaches it (deny by default) — a router mounted after it is unreachable.
  await mountAuth(app, ctx)
}
