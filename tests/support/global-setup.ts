/**
 * Before the suite: builds the Remix app if the build is missing or stale (server tests import it), and
 * makes this run's seed directory (tests/support/seed.ts), removed — with the Postgres template — after it.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSeedRun, SEED_DIR_ENV } from './seed.ts'

export default function setup(): () => Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'server.build.ts')], { cwd: root, stdio: 'inherit' })
  const run = createSeedRun()
  process.env[SEED_DIR_ENV] = run.dir
  return run.teardown
}
