/**
 * Peak memory of the file import with hostile files (issue #17 item 7), one case per process so each peak
 * is its own (RSS sampled every 20 ms during the run, against the RSS just before it): `npx tsx tests/bench/import-hostile.ts strings|rows|rejects|ok [n]`. Prints one JSON line.
 * Real chDB + PGlite (the test stores), the default import limits.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { manyRows, manyStrings } from '../support/hostile-xlsx.ts'
import { openTestStores } from '../support/stores.ts'

const rssMB = () => process.memoryUsage().rss / 1048576

const [kind = 'strings', nArg] = process.argv.slice(2)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-hostile-'))
const file = path.join(dir, `${kind}.xlsx`)
const n = Number(nArg ?? (kind === 'strings' ? 4_000_000 : kind === 'rows' ? 1_000_000 : 5000))
// 'rejects': every row from an unknown unit (all rejected: at most IMPORT_MAX_REJECTS_KEPT kept).
const unit = kind === 'rejects' ? 'Huyện Cũ' : '18904'
const bytes = kind === 'strings' ? await manyStrings(file, n, unit) : await manyRows(file, n, unit)
const s = await openTestStores({ LOG_LEVEL: 'error' })
global.gc?.()
const before = rssMB()
let peak = before
const sampler = setInterval(() => (peak = Math.max(peak, rssMB())), 20)
const t0 = Date.now()
let outcome: unknown
try {
  const r = await runJob(s, findJob('dossiers')!, { trigger: 'bench', source: { file } })
  outcome = { read: r.read, loaded: r.loaded, rejected: r.rejected, rejectsNotKept: r.rejectsNotKept ?? 0 }
} catch (e) {
  outcome = { refused: (e as Error).message.split(' / ')[1] ?? (e as Error).message }
}
clearInterval(sampler)
peak = Math.max(peak, rssMB())
const fileMB = +(bytes / 1048576).toFixed(2)
const seconds = (Date.now() - t0) / 1000
console.log(
  JSON.stringify({
    kind,
    n,
    fileMB,
    seconds,
    rssBeforeMB: Math.round(before),
    peakRssMB: Math.round(peak),
    growthMB: Math.round(peak - before),
    outcome,
  }),
)
await s.dispose()
fs.rmSync(dir, { recursive: true, force: true })
process.exit(0)
