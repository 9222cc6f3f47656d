/**
 * Bench: the dossiers ETL on a ≥ 1 M-dossier backfill through the real HTTP pull path, against ClickHouse's
 * own `INSERT … SELECT FROM file()` for the same rows, measured in one run on this machine.
 *
 * Source: the simulator (etl/sim) for Quảng Trị, scale 1.8 (≥ 1 M dossiers), clock fixed at 2026-11-01, served by its express
 * router on 127.0.0.1:0 inside this process (the history is built before timing starts; serving pages —
 * JSON encoding on the source side — is inside the timed path, on the same two cores as the ETL).
 * ETL: `runJob(dossiers)` — HTTP pages of 10,000 (the simulator's maximum) → zod per record → lineage →
 * TabSeparated batches of 100,000 → `INSERT … SELECT FROM file()` into chDB → watermark. Stores: chDB in
 * memory and PGlite in memory (or the Postgres server when DATABASE_URL is set).
 * Reference: the rows the ETL loaded, exported to a TabSeparated file, then inserted into an empty copy of
 * `dossiers` with `INSERT … SELECT * FROM file()` — the engine's own fast path (STACK-NOTES ≈ 1 M rows/s).
 * Also printed: the HTTP pull alone (fetch + JSON.parse, nothing validated or stored) — the source's ceiling.
 * Peak memory: RSS sampled every 50 ms during the ETL run, next to the RSS before it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { z } from 'zod'
import { DEFAULT_SEED } from '../../etl/sim/build.ts'
import { simRouter } from '../../etl/sim/router.ts'
import { SimSource } from '../../etl/sim/source.ts'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { pullPages } from '../../etl/source/http.ts'
import { dossierKind } from '../../etl/validate/dossier.ts'
import { silentLogger } from '../../etl/log.ts'
import { openTestStores } from '../support/stores.ts'

export interface BenchRow {
  metric: string
  value: number | string
  unit?: string
  target?: string
  note?: string
}
export interface BenchResult {
  title: string
  rows: BenchRow[]
}

const SCALE = Number(process.env.BENCH_ETL_SCALE ?? 1.8)
const NOW = '2026-11-01T00:00:00+07:00'
const MB = 1024 * 1024

function memorySampler() {
  let rss = process.memoryUsage.rss()
  let heap = process.memoryUsage().heapUsed
  const t = setInterval(() => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapUsed)
  }, 50)
  return { stop: () => (clearInterval(t), { rss: Math.max(rss, process.memoryUsage.rss()), heap }) }
}

/** CPU seconds (user + system, all threads of this process: JS, chDB, PGlite) since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from)
  return (d.user + d.system) / 1e6
}

async function count(ch: Awaited<ReturnType<typeof openTestStores>>['ch'], q: string): Promise<number> {
  const rs = await ch.client.query({ query: q, format: 'JSONEachRow', clickhouse_settings: { log_comment: 'bench:etl' } })
  return z.array(z.object({ n: z.coerce.number() })).parse(await rs.json())[0]!.n
}

export async function run(): Promise<BenchResult> {
  const tBuild = Date.now()
  const source = new SimSource({ provinceCode: '44', seed: DEFAULT_SEED, scale: SCALE, now: NOW })
  const built = (await source.data()).data
  const buildSeconds = (Date.now() - tBuild) / 1000
  const app = express()
  app.use('/sim', simRouter({ source }))
  const server = await new Promise<import('node:http').Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sim`
  const stores = await openTestStores({ TTHC_SOURCE_URL: url })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-bench-etl-'))
  try {
    // 1. The HTTP pull alone: what the source and JSON.parse allow.
    let pulled = 0
    const cPull = process.cpuUsage()
    const tPull = Date.now()
    for await (const page of pullPages('/dossiers', null, null, { baseUrl: url, pageSize: 10_000 })) pulled += page.items.length
    const pullSeconds = (Date.now() - tPull) / 1000
    const pullCpu = cpuSeconds(cPull)

    // 2. The ETL: the real job, timed end to end.
    global.gc?.()
    const rssBefore = process.memoryUsage.rss()
    const heapBefore = process.memoryUsage().heapUsed
    const sampler = memorySampler()
    const cEtl = process.cpuUsage()
    const tEtl = Date.now()
    const summary = await runJob(stores, findJob('dossiers')!, { trigger: 'bench', options: { pageSize: 10_000, batchRows: 100_000 }, log: silentLogger })
    const etlSeconds = (Date.now() - tEtl) / 1000
    const etlCpu = cpuSeconds(cEtl)
    const { rss: rssPeak, heap: heapPeak } = sampler.stop()
    const distinct = await count(stores.ch, 'SELECT count() AS n FROM dossiers FINAL')

    // 3. ClickHouse's own INSERT … SELECT FROM file() for the same rows.
    const cols = dossierKind.columns.map(([c]) => c).join(', ')
    const structure = dossierKind.columns.map(([c, t]) => `${c} ${t}`).join(', ')
    const file = path.join(dir, 'dossiers.tsv')
    await stores.ch.client.command({
      query: `INSERT INTO FUNCTION file({file:String}, 'TabSeparated', {structure:String}) SELECT ${cols} FROM dossiers`,
      query_params: { file, structure },
      clickhouse_settings: { log_comment: 'bench:etl export' },
    })
    const fileRows = await count(stores.ch, `SELECT count() AS n FROM file('${file}', 'TabSeparated', '${structure.replace(/'/g, "\\'")}')`)
    await stores.ch.client.command({ query: 'CREATE TABLE dossiers_bench AS dossiers' })
    const cFile = process.cpuUsage()
    const tFile = Date.now()
    await stores.ch.client.command({
      query: `INSERT INTO dossiers_bench (${cols}) SELECT * FROM file({file:String}, 'TabSeparated', {structure:String})`,
      query_params: { file, structure },
      clickhouse_settings: { log_comment: 'bench:etl file()' },
    })
    const fileSeconds = (Date.now() - tFile) / 1000
    const fileCpu = cpuSeconds(cFile)
    await stores.ch.client.command({ query: 'DROP TABLE dossiers_bench' })

    const tm = summary.timings as { sourceMs: number; validateMs: number; insertMs: number }
    const us = (ms: number) => ((ms * 1000) / summary.read).toFixed(1)
    const etlRate = summary.read / etlSeconds
    const fileRate = fileRows / fileSeconds
    const pullRate = pulled / pullSeconds
    const r = (x: number) => Math.round(x)
    return {
      title: `ETL — dossiers backfill through HTTP (simulator Quảng Trị, scale ${SCALE}, synthetic; ${os.cpus().length} cores)`,
      rows: [
        { metric: 'dossier records served by the source', value: built.dossiers.day.length, unit: 'records', target: '≥ 1,000,000', note: `history 2025-01-01 … 2026-11-01 built in ${buildSeconds.toFixed(1)} s (not timed)` },
        { metric: 'ETL read / loaded / rejected', value: `${summary.read} / ${summary.loaded} / ${summary.read - summary.loaded}`, note: `${distinct} dossiers in FINAL; rejected ${JSON.stringify(summary.rejected)}` },
        { metric: 'ETL time (HTTP → zod → TSV → file() insert → watermark)', value: etlSeconds.toFixed(1), unit: 's' },
        { metric: 'ETL rate', value: r(etlRate), unit: 'rows/s' },
        {
          metric: 'ETL time per record: waiting for the source / validate + encode / insert',
          value: `${us(tm.sourceMs)} / ${us(tm.validateMs)} / ${us(tm.insertMs)}`,
          unit: 'µs',
          note: 'validate + encode = JSON record → zod (NFC, dates, enums) → lineage → TabSeparated line',
        },
        { metric: 'ClickHouse INSERT … SELECT FROM file(), same rows', value: r(fileRate), unit: 'rows/s', note: `${fileRows} rows in ${fileSeconds.toFixed(2)} s` },
        { metric: 'ratio ETL ÷ file()', value: (etlRate / fileRate).toFixed(2), target: '≥ 0.5', note: 'wall clock' },
        {
          metric: 'per CPU-second: ETL / file() / ratio',
          value: `${r(summary.read / etlCpu)} / ${r(fileRows / fileCpu)} / ${(summary.read / etlCpu / (fileRows / fileCpu)).toFixed(2)}`,
          unit: 'rows/CPU-s',
          note: `CPU ${etlCpu.toFixed(1)} s and ${fileCpu.toFixed(1)} s: the comparison that other load on the machine does not skew`,
        },
        { metric: 'HTTP pull alone (fetch + JSON.parse)', value: r(pullRate), unit: 'rows/s', note: `${pulled} records in ${pullSeconds.toFixed(1)} s (${pullCpu.toFixed(1)} CPU-s, source included): the source's ceiling` },
        { metric: 'ratio ETL ÷ HTTP pull alone', value: (etlRate / pullRate).toFixed(2) },
        { metric: 'RSS before the ETL run / peak during it', value: `${r(rssBefore / MB)} / ${r(rssPeak / MB)}`, unit: 'MB', note: 'includes the simulator’s in-memory history and both embedded stores' },
        { metric: 'RSS growth during the ETL run', value: r((rssPeak - rssBefore) / MB), unit: 'MB', note: 'JS pages and batches, and chDB’s own insert/merge memory' },
        { metric: 'JS heap before / peak during the ETL run', value: `${r(heapBefore / MB)} / ${r(heapPeak / MB)}`, unit: 'MB', note: 'the ETL holds 2 pages (10k records) + 1 batch (100k TSV lines)' },
        { metric: 'machine load average (1 min) at the end', value: os.loadavg()[0]!.toFixed(1), note: `${os.cpus().length} cores shared with whatever else runs` },
      ],
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    await stores.dispose()
    await new Promise((r) => server.close(r))
  }
}
