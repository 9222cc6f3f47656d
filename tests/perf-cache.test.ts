/**
 * The answer cache and the request's abort in the query layer (db/clickhouse/query-runtime.ts, ADR 027), on
 * real chDB + PGlite with a hand-written week of dossiers in Phường Đồng Hới (Mon 9 – Fri 13 March 2026):
 * a cached answer equals the uncached one and runs no ClickHouse read; a load (rows inserted, the rollups
 * job run) makes it old and the next answer has the new exact figures; a caller that changes its rows does
 * not change the cache; a read whose request goes away is left at once (on chDB it keeps its slot until the
 * engine is done, ADR 039), and a read still queued never starts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { getBacklog } from '../app/kpi/backlog.server.ts'
import { backlogRows } from '../app/kpi/queries/backlog.ts'
import { defineQuery, num, sql } from '../db/clickhouse/query.ts'
import { configureQueryRuntime, dataGeneration, queryStats, withRequestSignal } from '../db/clickhouse/query-runtime.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { runJob } from '../etl/runner.ts'
import { insertDossiers, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
const week = { commune: H, from: '2026-03-09', to: '2026-03-13' }

// prettier-ignore
const first: DossierFixture[] = [
  { id: 'C01', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:00' }, // on time
  { id: 'C02', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:01' }, // one minute late
  { id: 'C03', commune: H, received: '2026-03-09 08:00', due: '2026-03-12 17:00', finished: '2026-03-10 10:00' }, // early
  { id: 'C04', commune: H, received: '2026-03-03 08:00', due: '2026-03-05 17:00' }, // carried over, open, overdue
  { id: 'C05', commune: H, received: '2026-03-10 08:00', due: '2026-03-16 17:00' }, // open, nearly due (1 working day left)
]
// prettier-ignore
const second: DossierFixture[] = [
  { id: 'C06', commune: H, received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-10 09:00' }, // carried over, late
  { id: 'C07', commune: H, received: '2026-03-09 08:00', due: '2026-03-18 17:00' }, // open, not yet due
]

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, first)
  await refreshRollups(s, { fromDay: '2026-03-01', toDay: '2026-03-31' })
})
afterAll(async () => {
  configureQueryRuntime({ cache: true, maxQueries: 4 })
  await s?.dispose()
})

describe('answer cache', () => {
  it('a cached answer equals the uncached one, exactly, and reads nothing from ClickHouse', async () => {
    configureQueryRuntime({ cache: false })
    const uncached = await getBacklog(s, week)
    configureQueryRuntime({ cache: true })
    const cold = await getBacklog(s, week)
    const before = queryStats()
    const warm = await getBacklog(s, week)
    const after = queryStats()
    expect(after.runs).toBe(before.runs) // no read ran
    expect(after.hits).toBeGreaterThan(before.hits)
    expect(cold).toEqual(uncached)
    expect(warm).toEqual(uncached)
    expect(warm).toMatchObject({
      carriedOver: 1, // C04
      received: 4, // C01, C02, C03, C05
      toProcess: 5,
      processedEarly: 1, // C03
      processedOnTime: 1, // C01
      processedLate: 1, // C02
      processed: 3,
      inProcess: 2, // C04, C05
      inProcessOverdue: 1, // C04
      inProcessNearlyDue: 1, // C05
      inProcessNotDue: 0,
    })
  })

  it('a load makes the cached answer old: the next one has the new figures', async () => {
    configureQueryRuntime({ cache: true })
    expect((await getBacklog(s, week)).received).toBe(4)
    const generation = dataGeneration()
    await insertDossiers(s.ch, second)
    // The ETL's rollups job, as after every load (recomputes the days its watermark says changed).
    await s.jobs!.run('rollups', 'test', {
      window: { from: new Date('2026-03-01T00:00:00+07:00'), to: new Date('2026-04-01T00:00:00+07:00') },
    })
    expect(dataGeneration()).toBeGreaterThan(generation)
    const b = await getBacklog(s, week)
    expect(b).toMatchObject({
      carriedOver: 2, // C04, C06
      received: 5, // + C07
      toProcess: 7,
      processedEarly: 1,
      processedOnTime: 1,
      processedLate: 2, // C02, C06
      processed: 4,
      inProcess: 3, // C04, C05, C07
      inProcessOverdue: 1,
      inProcessNearlyDue: 1,
      inProcessNotDue: 1, // C07
    })
    configureQueryRuntime({ cache: false })
    expect(await getBacklog(s, week)).toEqual(b)
  })

  it('a job run that loads nothing keeps every cached answer (the every-minute jobs with nothing new)', async () => {
    configureQueryRuntime({ cache: true })
    const before = await getBacklog(s, week)
    const generation = dataGeneration()
    // A job that finds nothing new (as the national portal's push job does every minute with an empty queue).
    const idle = {
      name: 'idle',
      schedule: '* * * * *',
      description: 'finds nothing',
      run: async () => ({ job: 'idle', read: 0, loaded: 0, rejected: {}, watermark: null }),
    }
    const summary = await runJob(s, idle, { trigger: 'test' })
    expect(summary.loaded).toBe(0)
    expect(dataGeneration()).toBe(generation)
    const runs = queryStats().runs
    expect(await getBacklog(s, week)).toEqual(before) // served from the cache: no read ran
    expect(queryStats().runs).toBe(runs)
  })

  it('rows changed by a caller do not change the cached answer', async () => {
    configureQueryRuntime({ cache: true })
    const params = { communes: [H], from: week.from, to: week.to, scanFrom: '2026-01-01' }
    const a = await backlogRows(s.ch, params, 'test')
    const received = a[0]!.received
    a[0]!.received = -1
    a.length = 0
    const b = await backlogRows(s.ch, params, 'test')
    expect(b).toHaveLength(1)
    expect(b[0]!.received).toBe(received)
  })
})

/** A read that takes a while on chDB (a few hundred ms to seconds on a busy machine). */
const slowCount = defineQuery({
  name: 'test slow count',
  params: z.object({ n: num, salt: num }),
  row: z.object({ c: num }),
  sql: sql`SELECT count() AS c FROM numbers({n:UInt64}) WHERE sipHash64(number, {salt:UInt64}) % 7 = 1`,
})

/** Records the AbortSignal of every query the store's client is asked to run. */
function watchClient(t: TestStores): { signals: (AbortSignal | undefined)[]; restore(): void } {
  const signals: (AbortSignal | undefined)[] = []
  const client = t.ch.client
  const query = client.query.bind(client)
  Object.defineProperty(client, 'query', {
    configurable: true,
    value: (p: Parameters<typeof client.query>[0]) => {
      signals.push(p.abort_signal)
      return query(p)
    },
  })
  return { signals, restore: () => Object.defineProperty(client, 'query', { configurable: true, value: query }) }
}

describe('a request that goes away', () => {
  it('leaves its running read at once (which keeps its slot until chDB is done) and its queued read never starts', async () => {
    configureQueryRuntime({ cache: true, maxQueries: 1 })
    const watch = watchClient(s)
    try {
      const gone = new AbortController()
      const [running, queued] = withRequestSignal(gone.signal, () => [
        slowCount(s.ch, { n: 20_000_000, salt: 1 }, 'test'),
        slowCount(s.ch, { n: 1000, salt: 2 }, 'test'),
      ])
      await new Promise((r) => setTimeout(r, 50))
      expect(watch.signals).toHaveLength(1) // the second waits for the one read slot
      const aborted = queryStats().aborted
      gone.abort()
      await expect(running).rejects.toThrow()
      await expect(queued).rejects.toThrow()
      // chDB cannot interrupt a read (ADR 039): the request has left, the read keeps its slot until the engine
      // is done, so nothing else is sent to the engine behind it meanwhile.
      expect(watch.signals[0]).toBeUndefined()
      expect(queryStats()).toMatchObject({ readsRunning: 1, readsQueued: 0 })
      expect(watch.signals).toHaveLength(1) // the queued read never reached ClickHouse
      expect(queryStats().aborted).toBe(aborted + 2)
      while (queryStats().readsRunning > 0) await new Promise((r) => setTimeout(r, 20))
      expect(watch.signals).toHaveLength(1)
    } finally {
      watch.restore()
    }
  })

  it('a read shared by two requests goes on when one of them leaves', async () => {
    configureQueryRuntime({ cache: true, maxQueries: 4 })
    const one = new AbortController()
    const two = new AbortController()
    const a = withRequestSignal(one.signal, () => slowCount(s.ch, { n: 200_000, salt: 3 }, 'test'))
    const b = withRequestSignal(two.signal, () => slowCount(s.ch, { n: 200_000, salt: 3 }, 'test'))
    one.abort()
    await expect(a).rejects.toThrow()
    const [row] = await b
    configureQueryRuntime({ cache: false })
    const [alone] = await slowCount(s.ch, { n: 200_000, salt: 3 }, 'test')
    expect(row!.c).toBe(alone!.c)
  })
})
