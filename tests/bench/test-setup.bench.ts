/**
 * Bench: a test file's store set-up (tests/support/stores.ts `openTestStores`), from scratch against a copy of
 * the run's seed (ADR 015). Each trial is a fresh Node process, as a vitest fork is, so PGlite's WebAssembly is
 * compiled every time; the two kinds alternate so both see the same machine. Printed: median wall time and
 * CPU time of the set-up (this process's CPU: PGlite runs in it, a Postgres server's work is not counted),
 * and from-scratch ÷ seeded. chDB's share (open, migrations, working-day calendar) is measured alone to show
 * why it is not snapshotted. On the Postgres server when DATABASE_URL is set.
 *
 *   npm run bench -- test-setup          BENCH_SETUP_TRIALS=9 (default 5)
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSeedRun, SEED_DIR_ENV } from '../support/seed.ts'
import type { BenchRow } from './run.ts'

type Mode = 'scratch' | 'seed' | 'chdb'
interface Sample {
  wall: number
  cpu: number
}

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const child = path.join(here, 'test-setup-child.ts')

function trial(mode: Mode, seedDir: string): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, mode], {
    cwd: root,
    env: { ...process.env, [SEED_DIR_ENV]: seedDir },
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').at(-1)!) as Sample
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export async function run(): Promise<{ title: string; rows: BenchRow[] }> {
  const trials = Number(process.env.BENCH_SETUP_TRIALS ?? 5)
  const seed = createSeedRun()
  try {
    const first = trial('seed', seed.dir) // builds the run's seed once (not counted below)
    const samples: Record<Mode, Sample[]> = { scratch: [], seed: [], chdb: [] }
    for (let i = 0; i < trials; i++) for (const mode of ['scratch', 'seed', 'chdb'] as const) samples[mode].push(trial(mode, seed.dir))
    const wall = (m: Mode) => median(samples[m].map((s) => s.wall))
    const cpu = (m: Mode) => median(samples[m].map((s) => s.cpu))
    const pg = process.env.DATABASE_URL ? 'Postgres server' : 'PGlite'
    return {
      title: `a test file's store set-up, ${pg} + chDB, median of ${trials} fresh processes each`,
      rows: [
        { metric: 'from scratch: wall', value: wall('scratch'), unit: 's', note: 'migrations + reference data + defaults, then chDB' },
        { metric: 'from scratch: CPU', value: cpu('scratch'), unit: 's' },
        {
          metric: 'copy of the seed: wall',
          value: wall('seed'),
          unit: 's',
          note: pg === 'PGlite' ? 'loadDataDir' : 'CREATE DATABASE … TEMPLATE',
        },
        { metric: 'copy of the seed: CPU', value: cpu('seed'), unit: 's' },
        { metric: 'from scratch ÷ seed, wall', value: wall('scratch') / wall('seed'), target: '≥ 2' },
        { metric: 'from scratch ÷ seed, CPU', value: cpu('scratch') / cpu('seed') },
        { metric: 'of which chDB (open, migrate, calendar): wall', value: wall('chdb'), unit: 's', note: 'not snapshotted' },
        { metric: 'building the seed once per run (first file): wall', value: first.wall, unit: 's' },
      ],
    }
  } finally {
    await seed.teardown()
  }
}
