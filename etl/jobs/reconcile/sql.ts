/**
 * The reconciliation's SQL (index.ts): the source's window re-read into a stage table with the columns of
 * `dossiers`, then per (commune, day of CapNhatLuc) the count and a content hash on both sides — the newest
 * version per dossier, every column but loaded_at — written to `reconcile_results`; the cells that differ are
 * loaded from the stage into `dossiers`.
 */
import type { ChStore } from '../../../db/clickhouse/client.ts'
import { vnDay } from '../../../db/lib/vn-time.ts'

export const STAGE = 'etl_reconcile_dossiers'

/** A fresh stage table shaped like `dossiers` (its own engine: the rows of one run, dropped at the end). */
export async function createStage(ch: ChStore): Promise<void> {
  await ch.client.command({ query: `DROP TABLE IF EXISTS ${STAGE}` })
  await ch.client.command({ query: `CREATE TABLE ${STAGE} AS dossiers ENGINE = MergeTree ORDER BY dossier_id` })
}

export async function dropStage(ch: ChStore): Promise<void> {
  await ch.client.command({ query: `DROP TABLE IF EXISTS ${STAGE}` })
}

const ident = (c: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`reconcile: bad column ${c}`)
  return c
}

/** Per (commune, day): count and groupBitXor of the rows' hashes (as text), from `source` (a FROM clause) in the window. */
async function cells(ch: ChStore, columns: readonly string[], source: string, p: { from: number; until: number }) {
  // toString of the tuple: cityHash64 over Nullable arguments is NULL as soon as one is NULL (then ignored by groupBitXor).
  const hash = `cityHash64(toString(tuple(${columns.map(ident).join(', ')})))`
  const rs = await ch.client.query({
    query: `SELECT toString(commune_code) AS c, toString(toDate(updated_at)) AS d, count() AS n, toString(groupBitXor(${hash})) AS h
            FROM ${source} WHERE updated_at >= fromUnixTimestamp64Milli({from:Int64}) AND updated_at < fromUnixTimestamp64Milli({until:Int64})
            GROUP BY c, d`,
    query_params: { from: p.from, until: p.until },
    format: 'JSONEachRow',
  })
  const out = new Map<string, { c: string; d: string; n: number; h: string }>()
  for (const r of (await rs.json()) as { c: string; d: string; n: string | number; h: string }[])
    out.set(`${r.c} ${r.d}`, { ...r, n: Number(r.n) })
  return out
}

/** Compares the stage with `dossiers FINAL` over [from, until) and records every cell of the run. */
export async function compareCells(
  ch: ChStore,
  p: { runId: number; from: number; until: number; columns: readonly string[] },
): Promise<void> {
  const src = await cells(ch, p.columns, `(SELECT * FROM ${STAGE} ORDER BY updated_at DESC LIMIT 1 BY dossier_id)`, p)
  const db = await cells(ch, p.columns, 'dossiers FINAL', p)
  const runAt = Date.now()
  const values = [...new Set([...src.keys(), ...db.keys()])].sort().map((k) => {
    const s = src.get(k)
    const d = db.get(k)
    const matched = !!s && !!d && s.n === d.n && s.h === d.h
    return {
      run_id: p.runId,
      run_at: runAt,
      window_from: vnDay(p.from),
      commune_code: (s ?? d)!.c,
      day: (s ?? d)!.d,
      source_count: s?.n ?? 0,
      stored_count: d?.n ?? 0,
      source_hash: s?.h ?? '0',
      stored_hash: d?.h ?? '0',
      matched,
      loaded: matched ? 0 : (s?.n ?? 0),
    }
  })
  if (values.length)
    await ch.client.insert({
      table: 'reconcile_results',
      values,
      format: 'JSONEachRow',
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    })
}

/** Loads the stage's rows of the cells that differ into `dossiers`; returns how many. */
export async function loadDiffering(
  ch: ChStore,
  p: { runId: number; from: number; until: number; columns: readonly string[] },
): Promise<number> {
  const cols = p.columns.map(ident).join(', ')
  const where = `updated_at >= fromUnixTimestamp64Milli({from:Int64}) AND updated_at < fromUnixTimestamp64Milli({until:Int64})
    AND (commune_code, toDate(updated_at)) IN (SELECT commune_code, day FROM reconcile_results WHERE run_id = {runId:UInt64} AND NOT matched AND source_count > 0)`
  const newest = `(SELECT * FROM ${STAGE} ORDER BY updated_at DESC LIMIT 1 BY dossier_id)`
  const params = { runId: p.runId, from: p.from, until: p.until }
  const rs = await ch.client.query({
    query: `SELECT count() AS n FROM ${newest} WHERE ${where}`,
    query_params: params,
    format: 'JSONEachRow',
  })
  const n = Number(((await rs.json()) as { n: string | number }[])[0]?.n ?? 0)
  if (n > 0)
    await ch.client.command({
      query: `INSERT INTO dossiers (${cols}) SELECT ${cols} FROM ${newest} WHERE ${where}`,
      query_params: params,
      clickhouse_settings: { log_comment: 'etl:reconcile' },
    })
  return n
}
