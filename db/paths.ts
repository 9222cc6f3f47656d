/**
 * Absolute paths of the project's data files. Found from the project root (the folder holding this
 * project's package.json) so they are right both from source (tsx) and from the Remix server bundle.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json')
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'mot-cua-kpi') return dir
    if (path.dirname(dir) === dir) return process.cwd()
  }
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)))
export const pgMigrationsDir = path.join(projectRoot, 'db/pg/migrations')
export const chMigrationsDir = path.join(projectRoot, 'db/clickhouse/migrations')
export const referenceDir = path.join(projectRoot, 'db/reference')
export const geoDir = path.join(projectRoot, 'public/geo')
