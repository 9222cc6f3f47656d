/**
 * Express-level pieces mounted before Remix (the simulator under /sim, API middleware…). Kept apart from
 * server.ts so each feature registers itself here in one line.
 */
import type { Express } from 'express'
import type { Config } from './app/config.server.ts'
import type { Stores } from './db/stores.ts'
import type { Scheduler } from './etl/scheduler.ts'

export interface ServerContext {
  config: Config
  stores: Stores
  scheduler: Scheduler
}

export async function mountExtensions(_app: Express, _ctx: ServerContext): Promise<void> {}
