/**
 * Bench: the staffing model's back-test (ADR 031), `npm run bench -- model`.
 *
 * Data: the simulator's Quảng Trị (default seed, scale 1, clock = now) pulled through the real ETL (dossiers
 * job over HTTP, fast lane) into chDB in memory, the rollups refreshed over the whole history, the demo staff
 * (etl/sim/seed-postgres.ts) in PGlite. Then `backtestStaffingModel` over the 6 latest settled 4-week windows:
 * predicted vs observed late dossiers per commune, WAPE = Σ |predicted − observed| ÷ Σ observed.
 * Printed twice: the pure capacity model (queue and back-office fluid queue only, the model before ADR 031)
 * and the model with lateness outside capacity (target < 25 %).
 */
import type { AddressInfo } from 'node:net'
import express from 'express'
import { DEFAULT_SEED } from '../../etl/sim/build.ts'
import { simRouter } from '../../etl/sim/router.ts'
import { SimSource } from '../../etl/sim/source.ts'
import { seedDemoPostgres } from '../../etl/sim/seed-postgres.ts'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { isoVn } from '../../db/lib/vn-time.ts'
import { resolveScope } from '../../app/kpi/scope.server.ts'
import { backtestStaffingModel, type Backtest } from '../../app/kpi/staffing-backtest.server.ts'
import { openTestStores } from '../support/stores.ts'
import type { BenchRow } from './run.ts'

const pct = (x: number | null) => (x === null ? 'n/a' : Math.round(x * 1000) / 10)

function rowsOf(label: string, b: Backtest): BenchRow[] {
  return [
    {
      metric: `${label}: WAPE over communes × ${b.windows.length} windows`,
      value: pct(b.wape),
      unit: '%',
      target: label.startsWith('model') ? '< 25' : '',
      note:
        `predicted ${b.predicted.toLocaleString('en-US')} late vs observed ${b.observed.toLocaleString('en-US')}` +
        (b.uncovered > 0 ? `; ${b.uncovered} window(s) left out: history not held in full` : ''),
    },
    ...b.windows.map((w) => ({
      metric: `${label}: ${w.from} … ${w.to}`,
      value: pct(w.wape),
      unit: '%',
      note: `predicted ${w.predicted.toLocaleString('en-US')}, observed ${w.observed.toLocaleString('en-US')}`,
    })),
  ]
}

export async function run() {
  const source = new SimSource({ provinceCode: '44', seed: DEFAULT_SEED, scale: 1 })
  const app = express()
  app.use('/sim', simRouter({ source }))
  const server = await new Promise<import('node:http').Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sim`
  const stores = await openTestStores({ TTHC_SOURCE_URL: url })
  try {
    const t0 = Date.now()
    const pulled = await runJob(stores, findJob('dossiers')!, {
      trigger: 'bench',
      source: { url },
      options: { pageSize: 10_000, batchRows: 100_000 },
    })
    await runJob(stores, findJob('rollups')!, {
      trigger: 'bench',
      window: { from: new Date('2025-01-01T00:00:00+07:00'), to: new Date(Date.now() + 86_400_000) },
    })
    await seedDemoPostgres(stores.pg.db, { provinceCode: '44' })
    const loadSeconds = (Date.now() - t0) / 1000
    const { all } = await resolveScope(stores)
    const t1 = Date.now()
    const before = await backtestStaffingModel(stores, all, { lateShares: false })
    const after = await backtestStaffingModel(stores, all)
    const backtestSeconds = (Date.now() - t1) / 2000
    return {
      title: `staffing model back-test (simulator, ${pulled.loaded.toLocaleString('en-US')} dossiers to ${isoVn(Date.now()).slice(0, 10)})`,
      rows: [
        ...rowsOf('queue only (before)', before),
        ...rowsOf('model (queue + lateness outside capacity)', after),
        { metric: 'load: pull + rollups + demo staff', value: Math.round(loadSeconds), unit: 's' },
        { metric: 'one back-test (6 windows, 78 communes)', value: Math.round(backtestSeconds * 10) / 10, unit: 's' },
      ],
    }
  } finally {
    await stores.dispose()
    server.close()
  }
}
