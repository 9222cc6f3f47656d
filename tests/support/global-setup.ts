/** Builds the Remix app once before the suite if the build is missing or stale (server tests import it). */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export default function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'server.build.ts')], { cwd: root, stdio: 'inherit' })
}
