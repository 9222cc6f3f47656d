/**
 * One trial of tests/bench/test-setup.bench.ts, in a fresh process: opens the test stores as a test file does
 * (`scratch`: empty Postgres; `seed`: a copy of the seed in MCK_TEST_SEED_DIR) or only chDB's part (`chdb`),
 * and prints the set-up's wall and CPU seconds as JSON.
 */
import { loadConfig } from '../../db/config.ts'
import { openClickHouse } from '../../db/clickhouse/client.ts'
import { migrateClickHouse } from '../../db/clickhouse/migrate.ts'
import type { PgStore } from '../../db/pg/client.ts'
import { rebuildWorkdays } from '../../db/seed/workdays.ts'
import { openSeededPglite } from '../support/seed.ts'
import { openTestStores } from '../support/stores.ts'

/** Wall and CPU seconds of `setUp`; the returned clean-up runs after the clock stops. */
async function timed(setUp: () => Promise<() => Promise<unknown>>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const cleanUp = await setUp()
  const c = process.cpuUsage(cpu0)
  const sample = { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }
  await cleanUp()
  return sample
}

/** chDB's part of the set-up: open, migrate, fill the working-day calendar (from `pg`, opened before the clock starts). */
async function chdbOnly(pg: PgStore): Promise<() => Promise<unknown>> {
  const config = loadConfig({ DATA_DIR: '/tmp/mck-test-unused', SCHEDULER: 'off' })
  const ch = await openClickHouse({ database: config.CLICKHOUSE_DATABASE, dataDir: ':memory:' })
  await migrateClickHouse(ch)
  await rebuildWorkdays(pg.db, ch)
  return () => Promise.all([ch.close(), pg.close()])
}

const mode = process.argv[2]
const pg = mode === 'chdb' ? await openSeededPglite() : null
const sample = await timed(async () => (pg ? chdbOnly(pg) : (await openTestStores({}, { fresh: mode === 'scratch' })).dispose))
process.stdout.write(JSON.stringify(sample) + '\n')
process.exit(0)
