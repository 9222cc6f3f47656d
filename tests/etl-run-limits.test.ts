/**
 * A source that never ends, or sends too much, ends the run failed with its reason (issue #17 items 3 and 8,
 * ADR 017): a repeated cursor, more pages than ETL_MAX_PAGES, a run longer than ETL_RUN_TIME_LIMIT, and a page
 * larger than ETL_MAX_PAGE_BYTES (abandoned while it streams). Each leaves the watermark where it was, records
 * the run as failed with the reason, and releases the job lock (the next run loads the waiting record).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { etlRuns } from '../db/pg/schema/index.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import type { PullOptions } from '../etl/job.ts'
import { ConfigError, loadConfig } from '../db/config.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type Fault, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
const job = findJob('dossiers')!
const FIRST = '2026-03-02T08:05:00.000+07:00'
let n = 0

async function stored() {
  const rs = await s.ch.client.query({ query: 'SELECT count() AS n FROM dossiers FINAL', format: 'JSONEachRow' })
  return z.array(z.object({ n: z.coerce.number() })).parse(await rs.json())[0]!.n
}
async function lastRun() {
  const [r] = await s.pg.db.select().from(etlRuns).where(eq(etlRuns.job, 'dossiers')).orderBy(desc(etlRuns.id)).limit(1)
  return r!
}

/** A new record waits at the source; the fault makes the run fail; then the source heals and the next run loads it. */
async function failsThenHeals(fault: Fault, options: PullOptions, reason: RegExp) {
  const before = await stored()
  const wm = (await getWatermark(s.pg.db, 'dossiers'))!.at.toISOString()
  src.add('dossiers', dossier({ MaHoSo: `HS-L${++n}`, CapNhatLuc: `2026-03-0${2 + n}T09:00:00+07:00` }))
  src.fault({ fault })
  const t0 = Date.now()
  await expect(runJob(s, job, { trigger: 'test', options: { pageSize: 2, retries: 0, ...options } })).rejects.toThrow(reason)
  const seconds = (Date.now() - t0) / 1000
  const run = await lastRun()
  expect(run.status).toBe('failed')
  expect(run.error).toMatch(reason)
  expect((await getWatermark(s.pg.db, 'dossiers'))!.at.toISOString()).toBe(wm)
  expect(await stored()).toBe(before)
  src.fault(null)
  // The lock was released: the next run goes ahead and loads what waited.
  const ok = await runJob(s, job, { trigger: 'test', options: { pageSize: 2 } })
  expect(ok.loaded).toBeGreaterThanOrEqual(1)
  expect(await stored()).toBe(before + 1)
  return seconds
}

beforeAll(async () => {
  src = await startSourceServer()
  src.set('dossiers', [dossier({ MaHoSo: 'HS-L0', CapNhatLuc: FIRST })])
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'error' })
  expect((await runJob(s, job, { trigger: 'test' })).loaded).toBe(1)
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('a source that never ends, or sends too much, ends the run failed with its reason', () => {
  it('a repeated cursor', async () => {
    await failsThenHeals(
      { kind: 'repeat-cursor', cursor: 'lap-lai' },
      {},
      /source repeated a cursor: page 2 points back to a page already read/,
    )
    // Page 1, then the page its cursor names, which names itself again: two requests, no more.
    expect(src.requests.filter((r) => r.cursor === 'lap-lai')).toHaveLength(1)
  })

  it('more pages than ETL_MAX_PAGES', async () => {
    const at = src.requests.length
    await failsThenHeals({ kind: 'endless' }, { maxPages: 5 }, /more than 5 source pages in one run \(ETL_MAX_PAGES\)/)
    // Five pages read and the sixth refused (one more may have been prefetched): the run did not go on.
    expect(src.requests.length - at).toBeLessThanOrEqual(7 + 1)
  })

  it('a run longer than ETL_RUN_TIME_LIMIT (a source that never answers, inside its request timeout)', async () => {
    const seconds = await failsThenHeals(
      { kind: 'hang' },
      { timeLimitMs: 1500, timeoutMs: 60_000 },
      /run took longer than its limit of 2 s \(ETL_RUN_TIME_LIMIT\)/,
    )
    expect(seconds).toBeLessThan(10)
  })

  it.each([
    ['fast lane', true],
    ['JS path', false],
  ])('a page larger than ETL_MAX_PAGE_BYTES is abandoned while it streams (%s)', async (_name, fastLane) => {
    const sent = { bytes: 0 }
    await failsThenHeals(
      { kind: 'huge', bytes: 200 * 1024 ** 2, sent },
      { maxPageBytes: 1024 ** 2, fastLane },
      /source page too large: over 1048576 bytes, more than the limit of 1048576 \(ETL_MAX_PAGE_BYTES\); transfer abandoned/,
    )
    // The client stopped reading: far less than the 200 MB page left the server.
    expect(sent.bytes).toBeGreaterThan(1024 ** 2)
    expect(sent.bytes).toBeLessThan(32 * 1024 ** 2)
  })
})

describe('the limits are configuration', () => {
  it('defaults, units, one clear error', () => {
    const c = loadConfig({})
    expect([c.ETL_MAX_PAGES, c.ETL_RUN_TIME_LIMIT, c.ETL_MAX_PAGE_BYTES]).toEqual([10_000, 7_200_000, 64 * 1024 ** 2])
    const d = loadConfig({ ETL_MAX_PAGES: '200', ETL_RUN_TIME_LIMIT: '30m', ETL_MAX_PAGE_BYTES: '512KB' })
    expect([d.ETL_MAX_PAGES, d.ETL_RUN_TIME_LIMIT, d.ETL_MAX_PAGE_BYTES]).toEqual([200, 1_800_000, 524_288])
    expect(() => loadConfig({ ETL_MAX_PAGES: '0' })).toThrow(ConfigError)
    expect(() => loadConfig({ ETL_MAX_PAGES: 'nhiều' })).toThrow(/ETL_MAX_PAGES/)
    expect(() => loadConfig({ ETL_MAX_PAGE_BYTES: '1 trang' })).toThrow(/ETL_MAX_PAGE_BYTES must be a size/)
  })
})
