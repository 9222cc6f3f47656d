/**
 * One scenario through the ledger: run it (peaks sampled when it is a measured case), then count what
 * `dossiers FINAL` holds against what the source sent. Shared by `npm run chaos` (run.ts) and tests/chaos.test.ts.
 */
import path from 'node:path'
import { tally } from './ledger.ts'
import { PeakSampler, type Peaks } from './peaks.ts'
import type { RunNote, ScenarioContext, SourceScenario } from './scenarios.ts'

export interface Caps {
  /** RSS growth of a case over the RSS just before it. */
  rssGrowthMB: number
  /** Bytes under the case's scratch directory. */
  scratchMB: number
}

export interface Row {
  name: string
  sent: number | string
  loaded: number
  /** Distinct versions rejected with a reason (etl_rejects), against the versions the scenario sent to be rejected. */
  rejected: number
  toReject: number
  lost: number
  doubled: number
  runs: string
  peaks?: Peaks
  caps?: Caps
  examples?: string[]
}

export const describeRuns = (runs: RunNote[]) =>
  runs
    .map((r) => (r.ok ? `${r.job} ok (read ${r.read}, loaded ${r.loaded}, rejected ${r.rejected})` : `${r.job} failed: ${r.error}`))
    .join('; ')

export async function runScenario(ctx: ScenarioContext, s: SourceScenario, caps?: Caps): Promise<Row> {
  const sampler = s.measured ? new PeakSampler([path.join(ctx.stores.config.dataDir, 'scratch')]) : null
  const r = await s.run(ctx)
  const peaks = sampler?.stop()
  const t = await tally(ctx.stores, s.prefix, r.sent)
  return {
    name: s.name,
    sent: t.sent,
    loaded: r.runs.reduce((a, x) => a + x.loaded, 0),
    rejected: t.rejectsKept,
    toReject: t.toReject,
    lost: t.lost,
    doubled: t.doubled,
    runs: describeRuns(r.runs),
    ...(peaks ? { peaks, caps } : {}),
    ...(t.examples.length ? { examples: t.examples } : {}),
  }
}

/** A row over its bound: lost or doubled records, or a peak past its cap. */
export function failures(row: Row): string[] {
  const out: string[] = []
  if (row.lost > 0) out.push(`${row.lost} lost`)
  if (row.doubled > 0) out.push(`${row.doubled} doubled`)
  if (row.rejected !== row.toReject) out.push(`${row.rejected} rejected with a reason, ${row.toReject} expected`)
  if (row.peaks && row.caps) {
    if (row.peaks.rssGrowthMB > row.caps.rssGrowthMB) out.push(`RSS +${row.peaks.rssGrowthMB} MB > cap ${row.caps.rssGrowthMB} MB`)
    if (row.peaks.scratchPeakMB > row.caps.scratchMB) out.push(`scratch ${row.peaks.scratchPeakMB} MB > cap ${row.caps.scratchMB} MB`)
  }
  return out
}
