/**
 * The app server's built-in source (server.extensions.ts calls this when TTHC_SOURCE_URL is unset):
 * the simulator under /sim for the province of PROVINCE_CODE (the whole country for `all`, at SIM_SCALE) — `sourceUrl(stores)` points the ETL at it —
 * with the same bearer token the ETL sends (TTHC_SOURCE_TOKEN), and, when DEMO=on, the demo organisation
 * in Postgres (officers whose ids the simulated dossiers carry).
 */
import type { Express } from 'express'
import type { Config } from '../../db/config.ts'
import type { Stores } from '../../db/stores.ts'
import { DEFAULT_SEED } from './build.ts'
import { simRouter, type SimRouterOptions } from './router.ts'
import { NATION } from '../../db/pg/reads/communes.ts'
import { seedDemoPostgres } from './seed-postgres.ts'

/** The whole country at Quảng Trị's per-commune load would be ≈ 25 M dossiers: the demo takes 2 % unless told. */
export const NATIONAL_DEMO_SCALE = 0.02

/** What the built-in simulator serves for this configuration: its province (or `all`), volume and token. */
export function simRouterOptions(config: Pick<Config, 'PROVINCE_CODE' | 'SIM_SCALE' | 'TTHC_SOURCE_TOKEN'>): SimRouterOptions {
  const scale = config.SIM_SCALE ?? (config.PROVINCE_CODE === NATION ? NATIONAL_DEMO_SCALE : 1)
  return { provinceCode: config.PROVINCE_CODE, seed: DEFAULT_SEED, scale, token: config.TTHC_SOURCE_TOKEN }
}

export async function mountSimulator(app: Express, ctx: { config: Config; stores: Stores }): Promise<void> {
  const { config } = ctx
  app.use('/sim', simRouter(simRouterOptions(config)))
  if (config.DEMO !== 'on') return
  try {
    const r = await seedDemoPostgres(ctx.stores.pg.db, { provinceCode: config.PROVINCE_CODE, seed: DEFAULT_SEED })
    if (!r.skipped)
      console.log(
        `Dữ liệu mô phỏng (synthetic): ${r.servicePoints} trung tâm, ${r.counters} quầy, ${r.officers} cán bộ, ` +
          `${r.inventoryRows} dòng thiết bị, ${r.disadvantaged} xã khó khăn (demo)`,
      )
  } catch (e) {
    console.error('Không tạo được dữ liệu mô phỏng / demo seed failed:', e)
  }
}
