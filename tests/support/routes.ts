/** The app's routes as Remix itself computes them from app/routes (flat-routes convention): id → full path. */
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const appDir = path.resolve(import.meta.dirname, '../../app')

interface ConfigRoute {
  id: string
  path?: string
  index?: boolean
  parentId?: string
  file: string
}

/** Every route module under app/routes with the URL pattern Remix serves it at ('/a/:b'). */
export function remixRoutes(): { id: string; file: string; path: string; index: boolean }[] {
  const { flatRoutes } = require('@remix-run/dev/dist/config/flat-routes.js') as {
    flatRoutes: (dir: string) => Record<string, ConfigRoute>
  }
  const manifest = flatRoutes(appDir)
  const full = (r: ConfigRoute): string[] => {
    const parent = r.parentId && r.parentId !== 'root' ? manifest[r.parentId] : undefined
    return [...(parent ? full(parent) : []), ...(r.path ? r.path.split('/') : [])]
  }
  return Object.values(manifest).map((r) => ({ id: r.id, file: r.file, path: '/' + full(r).join('/'), index: !!r.index }))
}
