/**
 * What every dashboard page shows around its content: the province, whether the data is synthetic
 * (the simulator is the source, or staff/equipment rows were seeded by it), and which ETL jobs are late
 * against their schedule (read from etl_runs: the last successful run per job).
 */
import { and, desc, eq, inArray, max, sql } from 'drizzle-orm'
import { equipmentInventory, etlRuns, officers, provinces } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { jobControl } from '../../db/job-control.ts'
import { assessFreshness, type JobFreshness } from '../lib/freshness.ts'
import { attempt, type Result } from '../components/states/result.ts'

export interface Shell {
  /** The province the page looks at; `all` (named in the dictionary) for the nation. */
  province: { code: string; name: string; fullName: string }
  synthetic: boolean
  freshness: Result<{ late: JobFreshness[]; schedulerOn: boolean; lastLoadAt: string | null }>
  /**
   * The first pull is still running: no rollups run has ever succeeded (the pages read only rollups, so every
   * figure would show as zero) while a job is running or the scheduler is about to run them. `done` of `total`
   * jobs have had a successful run; `running` names the jobs running now.
   */
  firstLoad: { done: number; total: number; running: string[] } | null
}

/** The first-pull state from the job list (see `Shell.firstLoad`); null once the rollups have run once. */
export function firstLoadState(all: JobFreshness[], schedulerOn: boolean): Shell['firstLoad'] {
  const rollups = all.find((j) => j.job === 'rollups')
  if (!rollups || rollups.lastSuccessAt) return null
  const running = all.filter((j) => j.lastStatus === 'running').map((j) => j.job)
  if (running.length === 0 && !schedulerOn) return null
  return { done: all.filter((j) => j.lastSuccessAt).length, total: all.length, running }
}

export async function jobFreshness(stores: Stores, now = new Date()): Promise<JobFreshness[]> {
  const jobs = jobControl(stores).list()
  const names = jobs.map((j) => j.name)
  if (names.length === 0) return []
  const db = stores.pg.db
  const lastOk = await db
    .select({ job: etlRuns.job, at: max(etlRuns.startedAt) })
    .from(etlRuns)
    .where(and(eq(etlRuns.status, 'ok'), inArray(etlRuns.job, names)))
    .groupBy(etlRuns.job)
  const last = await db
    .selectDistinctOn([etlRuns.job], { job: etlRuns.job, at: etlRuns.startedAt, status: etlRuns.status })
    .from(etlRuns)
    .where(inArray(etlRuns.job, names))
    .orderBy(etlRuns.job, desc(etlRuns.startedAt))
  const okBy = new Map(lastOk.map((r) => [r.job, r.at ? new Date(r.at) : null]))
  const lastBy = new Map(last.map((r) => [r.job, { at: new Date(r.at), status: r.status }]))
  const startedAt = new Date(Date.now() - process.uptime() * 1000)
  return jobs.map((j) =>
    assessFreshness(
      { name: j.name, schedule: j.schedule },
      okBy.get(j.name) ?? null,
      lastBy.get(j.name) ?? null,
      now,
      undefined,
      startedAt,
    ),
  )
}

export async function loadShell(stores: Stores): Promise<Shell> {
  const { pg, config } = stores
  const [p] = await pg.db.select().from(provinces).where(eq(provinces.code, config.PROVINCE_CODE))
  let synthetic = config.simulator
  if (!synthetic) {
    const [row] = await pg.db
      .select({
        o: sql<boolean>`exists(select 1 from ${officers} where ${officers.synthetic})`,
        e: sql<boolean>`exists(select 1 from ${equipmentInventory} where ${equipmentInventory.synthetic})`,
      })
      .from(provinces)
      .limit(1)
    synthetic = Boolean(row?.o) || Boolean(row?.e)
  }
  let firstLoad: Shell['firstLoad'] = null
  const freshness = await attempt('freshness', async () => {
    const all = await jobFreshness(stores)
    firstLoad = firstLoadState(all, config.SCHEDULER === 'on')
    const lastLoadAt =
      all
        .map((j) => j.lastSuccessAt)
        .filter((x): x is string => !!x)
        .sort()
        .pop() ?? null
    return { late: all.filter((j) => j.late), schedulerOn: config.SCHEDULER === 'on', lastLoadAt }
  })
  return {
    province: { code: config.PROVINCE_CODE, name: p?.name ?? config.PROVINCE_CODE, fullName: p?.fullName ?? config.PROVINCE_CODE },
    synthetic,
    freshness,
    firstLoad,
  }
}
