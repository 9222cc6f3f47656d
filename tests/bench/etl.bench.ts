/**
 * Bench: the dossiers ETL on a ≥ 1 M-dossier backfill through the real HTTP pull path, against ClickHouse's
 * own `INSERT … SELECT FROM file()` for the same rows, measured in one run on this machine.
 *
 * Source: the simulator (etl/sim) for Quảng Trị, scale 1.8 (≥ 1 M dossiers), clock fixed at 2026-11-01. Its pages
 * are pulled once from its express router (timed: "HTTP pull alone") and then REPLAYED byte for byte by a
 * plain HTTP server on 127.0.0.1, in its own process (replay-server.mjs), for the ETL runs: the ETL's number is
 * the ETL's, not the simulator's JSON encoding, and serving does not share the ETL's event loop (a real source
 * is another machine; it still shares this machine's cores). The ETL's whole client path is real: fetch,
 * retries, envelope.
 * ETL: `runJob(dossiers)` — HTTP pages of 10,000 → the fast lane (ADR 011: ClickHouse parses and checks the
 * items, JS/zod only for the records it flags) in batches of 100,000 → watermark. Stores: chDB in memory and
 * PGlite in memory (or the Postgres server when DATABASE_URL is set). The JS-only path is timed too.
 * References, both ClickHouse's own `INSERT … SELECT FROM file()` into an empty copy of `dossiers`:
 *  - JSON: the same source records as the source sent them (the pages' items, JSONEachRow), converted to the
 *    table's columns without any check — the engine ingesting these rows by itself;
 *  - TSV: the rows the ETL loaded, exported to TabSeparated — the engine's fastest text format for the table.
 * The judged pair (ETL, JSON reference with optimize_on_insert = 0) runs as a warm-up pair and then PAIRS timed
 * pairs, each from an empty table on a quiet engine (no merge running); the medians are compared, and every
 * pair's ratio is printed. On a shared 2-core machine single runs vary by ±20%.
 * Peak memory: RSS sampled every 50 ms during the (median) ETL run, next to the RSS before it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { z } from 'zod'
import { DEFAULT_SEED } from '../../etl/sim/build.ts'
import { simRouter } from '../../etl/sim/router.ts'
import { SimSource } from '../../etl/sim/source.ts'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { BEGINNING, pullPages } from '../../etl/source/http.ts'
import { rawEnvelope } from '../../etl/source/raw-page.ts'
import { isoVn } from '../../db/lib/vn-time.ts'
import { FAST_LANE_STRUCTURE } from '../../etl/validate/dossier-sql.ts'
import { dossierKind } from '../../etl/validate/dossier.ts'
import { silentLogger } from '../../etl/log.ts'
import { openTestStores } from '../support/stores.ts'
import { etlRejects, etlWatermarks } from '../../db/pg/schema/index.ts'

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
/** Timed (ETL, reference) pairs after the warm-up pair; medians are reported. */
const PAIRS = Number(process.env.BENCH_ETL_PAIRS ?? 3)

const TIME = (f: string) => `parseDateTime64BestEffortOrNull(${f}, 3, 'Asia/Ho_Chi_Minh')`
/** The source fields as the table's columns, converted the plain way (no validation): the JSON reference. */
const JSON_PLAIN = [
  `ifNull(MaHoSo, '')`,
  `ifNull(MaDonVi, '')`,
  `ifNull(MaDonVi, '')`,
  `ifNull(MaTTHC, '')`,
  `ifNull(TenTTHC, '')`,
  `ifNull(MaLinhVuc, '')`,
  `ifNull(TenLinhVuc, '')`,
  `toUInt8(ifNull(KenhThucHien, 0))`,
  `ifNull(MucDo, '')`,
  `toUInt8(ifNull(TrangThaiHoSo, 0))`,
  TIME('NgayNopHoSo'),
  TIME('NgayTiepNhan'),
  TIME('NgayHenTra'),
  TIME('NgayKetThucXuLy'),
  TIME('NgayTra'),
  `toUInt8(ifNull(SoLanBoSung, 0))`,
  `toFloat32(ifNull(SoGioChoBoSung, 0))`,
  `ifNull(PhiLePhi, 0)`,
  `toUInt8(ifNull(DuocThanhToanTrucTuyen, 0))`,
  `ifNull(CoKetQuaDienTu, false)`,
  `ifNull(DaSoHoa, false)`,
  `ifNull(TaiSuDungDuLieu, false)`,
  `ifNull(DungDuLieuDanCu, false)`,
  `ifNull(XacThucVNeID, false)`,
  `ifNull(CanBoXuLy, '')`,
  `ifNull(${TIME('CapNhatLuc')}, toDateTime64(0, 3))`,
  `true`,
].join(', ')
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

type Stores = Awaited<ReturnType<typeof openTestStores>>
type EtlRun = Awaited<ReturnType<typeof etlRun>>
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const r = (x: number) => Math.round(x)
const NO_OPT = ' SETTINGS optimize_on_insert = 0'
const COLS = dossierKind.columns.map(([c]) => c).join(', ')

/** The HTTP pull alone: what the simulator and JSON.parse allow. */
async function timePull(url: string) {
  let pulled = 0
  const cPull = process.cpuUsage()
  const tPull = Date.now()
  for await (const page of pullPages('/dossiers', null, null, { baseUrl: url, pageSize: 10_000 })) pulled += page.items.length
  return { pulled, pullSeconds: (Date.now() - tPull) / 1000, pullCpu: cpuSeconds(cPull) }
}

/** The simulator's pages, recorded by URL (not timed), for the replay server and the JSON reference. */
async function recordPages(url: string): Promise<Map<string, Buffer>> {
  const recorded = new Map<string, Buffer>()
  let cursor: string | null = null
  for (;;) {
    const q = new URLSearchParams({ updated_since: isoVn(BEGINNING), limit: '10000' })
    if (cursor) q.set('cursor', cursor)
    const pathQ = `/dossiers?${q}`
    const body = Buffer.from(await (await fetch(`${url}${pathQ}`)).arrayBuffer())
    recorded.set(pathQ, body)
    cursor = (JSON.parse(body.toString('utf8')) as { next_cursor: string | null }).next_cursor
    if (!cursor) break
  }
  return recorded
}

/** The replay server, in its own process (a real source is another machine), and the pages' items as files. */
async function startReplay(recorded: Map<string, Buffer>, dir: string) {
  const replayDir = path.join(dir, 'replay')
  fs.mkdirSync(replayDir)
  const map: Record<string, string> = {}
  for (const [u, body] of recorded) {
    map[u] = `r${Object.keys(map).length + 1}.json`
    fs.writeFileSync(path.join(replayDir, map[u]!), body)
  }
  fs.writeFileSync(path.join(replayDir, 'map.json'), JSON.stringify(map))
  const replay = fork(fileURLToPath(new URL('./replay-server.mjs', import.meta.url)), [replayDir], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const replayUrl = `http://127.0.0.1:${await new Promise<number>((r, j) => (replay.once('message', (m) => r(Number(m))), replay.once('exit', (c) => j(new Error(`replay server exited ${c}`)))))}`
  const pagesDir = path.join(dir, 'pages')
  fs.mkdirSync(pagesDir)
  let n = 0
  for (const body of recorded.values())
    fs.writeFileSync(path.join(pagesDir, `p${String(++n).padStart(5, '0')}.json`), rawEnvelope(body)!.raw)
  recorded.clear()
  return { replay, replayUrl, pagesDir }
}

/** Waits until ClickHouse has no merge running, so one measurement does not pay for the previous one's parts. */
async function quiet(stores: Stores) {
  for (let i = 0; i < 1200 && (await count(stores.ch, 'SELECT count() AS n FROM system.merges')) > 0; i++)
    await new Promise((r) => setTimeout(r, 100))
}

/** ClickHouse's own ingest of the same source records as JSON (no checks) into an empty copy of `dossiers`. */
async function jsonIngest(stores: Stores, pagesDir: string, settings: string) {
  await stores.ch.client.command({ query: 'CREATE TABLE dossiers_bench_json AS dossiers' })
  await quiet(stores)
  const t = Date.now()
  await stores.ch.client.command({
    query: `INSERT INTO dossiers_bench_json (${COLS}) SELECT ${JSON_PLAIN} FROM file({glob:String}, 'JSONEachRow', {structure:String})${settings}`,
    query_params: { glob: `${pagesDir}/*.json`, structure: FAST_LANE_STRUCTURE },
    clickhouse_settings: { log_comment: 'bench:etl json file()' },
  })
  const seconds = (Date.now() - t) / 1000
  const rows = await count(stores.ch, 'SELECT count() AS n FROM dossiers_bench_json')
  await stores.ch.client.command({ query: 'DROP TABLE dossiers_bench_json' })
  return { rows, seconds }
}

/** The ETL: the real job from an empty table and no watermark, timed end to end. */
async function etlRun(stores: Stores, replayUrl: string, fastLane: boolean) {
  await stores.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
  await stores.pg.db.delete(etlWatermarks)
  await stores.pg.db.delete(etlRejects)
  await quiet(stores)
  global.gc?.()
  const rssBefore = process.memoryUsage.rss()
  const heapBefore = process.memoryUsage().heapUsed
  const sampler = memorySampler()
  const c = process.cpuUsage()
  const t = Date.now()
  const summary = await runJob(stores, findJob('dossiers')!, {
    trigger: 'bench',
    source: { url: replayUrl },
    options: { pageSize: 10_000, batchRows: 100_000, fastLane },
    log: silentLogger,
  })
  const seconds = (Date.now() - t) / 1000
  return { summary, seconds, cpu: cpuSeconds(c), rssBefore, heapBefore, ...sampler.stop() }
}

/** The ETL and ClickHouse's own ingest of the same records (optimize_on_insert = 0, as the fast lane's insert),
 * in pairs: a warm-up pair, then PAIRS timed pairs; the medians are compared. */
async function timedPairs(stores: Stores, replayUrl: string, pagesDir: string) {
  await etlRun(stores, replayUrl, true)
  await jsonIngest(stores, pagesDir, NO_OPT)
  const pairs: { etl: EtlRun; ref: { rows: number; seconds: number } }[] = []
  for (let i = 0; i < PAIRS; i++)
    pairs.push({ etl: await etlRun(stores, replayUrl, true), ref: await jsonIngest(stores, pagesDir, NO_OPT) })
  const etlSeconds = median(pairs.map((p) => p.etl.seconds))
  const mid = pairs.find((p) => p.etl.seconds === etlSeconds)!.etl
  const jsonNoOpt = { rows: pairs[0]!.ref.rows, seconds: median(pairs.map((p) => p.ref.seconds)) }
  const pairRatios = pairs.map((p) => p.etl.summary.read / p.etl.seconds / (p.ref.rows / p.ref.seconds))
  const distinct = await count(stores.ch, 'SELECT count() AS n FROM dossiers FINAL')
  return { pairs, etlSeconds, mid, jsonNoOpt, pairRatios, distinct }
}

/** ClickHouse's own INSERT … SELECT FROM file() for the loaded rows as TabSeparated. */
async function tsvIngest(stores: Stores, dir: string) {
  const structure = dossierKind.columns.map(([c, t]) => `${c} ${t}`).join(', ')
  const file = path.join(dir, 'dossiers.tsv')
  await stores.ch.client.command({
    query: `INSERT INTO FUNCTION file({file:String}, 'TabSeparated', {structure:String}) SELECT ${COLS} FROM dossiers`,
    query_params: { file, structure },
    clickhouse_settings: { log_comment: 'bench:etl export' },
  })
  const fileRows = await count(stores.ch, `SELECT count() AS n FROM file('${file}', 'TabSeparated', '${structure.replace(/'/g, "\\'")}')`)
  await stores.ch.client.command({ query: 'CREATE TABLE dossiers_bench AS dossiers' })
  await quiet(stores)
  const cFile = process.cpuUsage()
  const tFile = Date.now()
  await stores.ch.client.command({
    query: `INSERT INTO dossiers_bench (${COLS}) SELECT * FROM file({file:String}, 'TabSeparated', {structure:String})`,
    query_params: { file, structure },
    clickhouse_settings: { log_comment: 'bench:etl file()' },
  })
  const fileSeconds = (Date.now() - tFile) / 1000
  const fileCpu = cpuSeconds(cFile)
  await stores.ch.client.command({ query: 'DROP TABLE dossiers_bench' })
  return { fileRows, fileSeconds, fileCpu }
}

/** Everything one run measured, for the report. */
interface Measured {
  records: number
  buildSeconds: number
  pull: Awaited<ReturnType<typeof timePull>>
  paired: Awaited<ReturnType<typeof timedPairs>>
  tsv: Awaited<ReturnType<typeof tsvIngest>>
  json: { rows: number; seconds: number }
  js: EtlRun
}

/** The ETL's own figures: records, time, rates, and where its time goes. */
function etlRows(m: Measured): BenchRow[] {
  const { summary } = m.paired.mid
  const { pairs, etlSeconds, distinct } = m.paired
  const tm = summary.timings as { sourceMs: number; validateMs: number; insertMs: number }
  const us = (ms: number) => ((ms * 1000) / summary.read).toFixed(1)
  const etlRate = summary.read / etlSeconds
  const jsRate = m.js.summary.read / m.js.seconds
  const fl = summary.fastLane as { rows: number; batches: number; flaggedByRange: number; flaggedByScan: number } | undefined
  return [
    {
      metric: 'dossier records served by the source',
      value: m.records,
      unit: 'records',
      target: '≥ 1,000,000',
      note: `history 2025-01-01 … 2026-11-01 built in ${m.buildSeconds.toFixed(1)} s (not timed)`,
    },
    {
      metric: 'ETL read / loaded / rejected',
      value: `${summary.read} / ${summary.loaded} / ${summary.read - summary.loaded}`,
      note: `${distinct} dossiers in FINAL; rejected ${JSON.stringify(summary.rejected)}`,
    },
    {
      metric: 'ETL time (HTTP → fast lane → watermark)',
      value: etlSeconds.toFixed(1),
      unit: 's',
      note: `median of ${PAIRS} runs after a warm-up (${pairs.map((p) => p.etl.seconds.toFixed(1)).join(', ')} s); ${fl?.rows ?? 0} rows by the fast lane in ${fl?.batches ?? 0} batches, the rest through zod (read back by byte range ${fl?.flaggedByRange ?? 0}, by ClickHouse scan ${fl?.flaggedByScan ?? 0})`,
    },
    { metric: 'ETL rate', value: r(etlRate), unit: 'rows/s' },
    {
      metric: 'ETL rate, JS path only (JSON.parse + zod per record)',
      value: r(jsRate),
      unit: 'rows/s',
      note: `same pages; fast lane ÷ JS path = ${(etlRate / jsRate).toFixed(1)}×`,
    },
    {
      metric: 'ETL time per record: waiting for the source / validate + encode / insert',
      value: `${us(tm.sourceMs)} / ${us(tm.validateMs)} / ${us(tm.insertMs)}`,
      unit: 'µs',
      note: 'validate + encode = JSON record → zod (NFC, dates, enums) → lineage → TabSeparated line',
    },
  ]
}

/** The ETL against ClickHouse's own ingest of the same records (JSON, both insert settings; TSV) and the pull. */
function referenceRows(m: Measured): BenchRow[] {
  const { summary } = m.paired.mid
  const { pairs, etlSeconds, jsonNoOpt, pairRatios } = m.paired
  const { fileRows, fileSeconds, fileCpu } = m.tsv
  const etlCpu = m.paired.mid.cpu
  const etlRate = summary.read / etlSeconds
  const jsonRate = m.json.rows / m.json.seconds
  const jsonNoOptRate = jsonNoOpt.rows / jsonNoOpt.seconds
  const fileRate = fileRows / fileSeconds
  const pullRate = m.pull.pulled / m.pull.pullSeconds
  return [
    {
      metric: 'ClickHouse INSERT … SELECT FROM file(), the same source records (JSONEachRow, no checks)',
      value: r(jsonRate),
      unit: 'rows/s',
      note: `${m.json.rows} rows in ${m.json.seconds.toFixed(2)} s`,
    },
    {
      metric: 'ratio ETL ÷ file() of the same records (JSON)',
      value: (etlRate / jsonRate).toFixed(2),
      note: 'wall clock; ClickHouse with its default insert (optimize_on_insert = 1)',
    },
    {
      metric: 'ClickHouse, the same JSON records, optimize_on_insert = 0',
      value: r(jsonNoOptRate),
      unit: 'rows/s',
      note: `${jsonNoOpt.rows} rows, median ${jsonNoOpt.seconds.toFixed(2)} s of ${PAIRS} runs, each right after an ETL run (${pairs.map((p) => p.ref.seconds.toFixed(2)).join(', ')} s): the insert setting the fast lane itself uses`,
    },
    {
      metric: 'ratio ETL ÷ that (like for like)',
      value: (etlRate / jsonNoOptRate).toFixed(2),
      target: '≥ 0.5',
      note: `wall clock, medians; the reading the target is judged on (ADR 011). Pair by pair: ${pairRatios.map((x) => x.toFixed(2)).join(', ')}`,
    },
    {
      metric: 'ClickHouse INSERT … SELECT FROM file(), the loaded rows as TabSeparated',
      value: r(fileRate),
      unit: 'rows/s',
      note: `${fileRows} rows in ${fileSeconds.toFixed(2)} s`,
    },
    {
      metric: 'ratio ETL ÷ file() of the loaded rows (TSV)',
      value: (etlRate / fileRate).toFixed(2),
      note: 'wall clock; the stricter reading',
    },
    {
      metric: 'per CPU-second: ETL / file() / ratio',
      value: `${r(summary.read / etlCpu)} / ${r(fileRows / fileCpu)} / ${(summary.read / etlCpu / (fileRows / fileCpu)).toFixed(2)}`,
      unit: 'rows/CPU-s',
      note: `CPU ${etlCpu.toFixed(1)} s and ${fileCpu.toFixed(1)} s: the comparison that other load on the machine does not skew`,
    },
    {
      metric: 'HTTP pull alone (fetch + JSON.parse)',
      value: r(pullRate),
      unit: 'rows/s',
      note: `${m.pull.pulled} records in ${m.pull.pullSeconds.toFixed(1)} s (${m.pull.pullCpu.toFixed(1)} CPU-s, source included): the source's ceiling`,
    },
    { metric: 'ratio ETL ÷ HTTP pull alone', value: (etlRate / pullRate).toFixed(2) },
  ]
}

/** Memory during the median ETL run, and the machine's load. */
function memoryRows(m: Measured): BenchRow[] {
  const { rssBefore, heapBefore, rss: rssPeak, heap: heapPeak } = m.paired.mid
  return [
    {
      metric: 'RSS before the ETL run / peak during it',
      value: `${r(rssBefore / MB)} / ${r(rssPeak / MB)}`,
      unit: 'MB',
      note: 'includes the simulator’s in-memory history and both embedded stores',
    },
    {
      metric: 'RSS growth during the ETL run',
      value: r((rssPeak - rssBefore) / MB),
      unit: 'MB',
      note: 'JS pages and batches, and chDB’s own insert/merge memory',
    },
    {
      metric: 'JS heap before / peak during the ETL run',
      value: `${r(heapBefore / MB)} / ${r(heapPeak / MB)}`,
      unit: 'MB',
      note: 'pages stream to files on tmpfs (the batch in ClickHouse + the one filling, ≈ 2 × 75 MB, not in RSS); JS holds only records flagged for zod',
    },
    {
      metric: 'machine load average (1 min) at the end',
      value: os.loadavg()[0]!.toFixed(1),
      note: `${os.cpus().length} cores shared with whatever else runs`,
    },
  ]
}

/** Row order as the report has always printed it: the ETL's figures with the references between. */
function reportRows(m: Measured): BenchRow[] {
  const etl = etlRows(m)
  const ref = referenceRows(m)
  return [...etl.slice(0, 5), ...ref.slice(0, 4), etl[5]!, ...ref.slice(4), ...memoryRows(m)]
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
  let replay: ChildProcess | null = null
  try {
    // 1. The HTTP pull alone, then the recorded pages replayed from another process.
    const pull = await timePull(url)
    const started = await startReplay(await recordPages(url), dir)
    replay = started.replay
    const { replayUrl, pagesDir } = started
    // 2. The ETL and ClickHouse's JSON ingest in pairs (optimize_on_insert = 0).
    const paired = await timedPairs(stores, replayUrl, pagesDir)
    // 3. ClickHouse's own INSERT … SELECT FROM file() for the loaded rows as TabSeparated.
    const tsv = await tsvIngest(stores, dir)
    // 4. ClickHouse's own ingest of the same records with its default insert (optimize_on_insert = 1).
    const json = await jsonIngest(stores, pagesDir, '')
    // 5. The JS-only path (every record JSON.parse + zod → TabSeparated), same pages, from an empty table.
    const js = await etlRun(stores, replayUrl, false)
    return {
      title: `ETL — dossiers backfill through HTTP (simulator Quảng Trị, scale ${SCALE}, synthetic; ${os.cpus().length} cores)`,
      rows: reportRows({ records: built.dossiers.day.length, buildSeconds, pull, paired, tsv, json, js }),
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    await stores.dispose()
    await new Promise((r) => server.close(r))
    replay?.kill()
  }
}
