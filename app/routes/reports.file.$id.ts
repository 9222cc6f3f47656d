/**
 * GET /reports/file/:id — a stored scheduled report (PDF under DATA_DIR/reports). access: reports.read; a
 * commune-only user gets only their commune's reports.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { reportFiles, reportSubscriptions } from '../../db/pg/schema/index.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'reports.read')
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id < 1) throw new Response('Not found', { status: 404 })
  const stores = await getStores()
  const [f] = await stores.pg.db.select().from(reportFiles).where(eq(reportFiles.id, id))
  if (!f) throw new Response('Không có báo cáo này / no such report', { status: 404 })
  const [sub] = await stores.pg.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, f.subscriptionId))
  const communeOnly = user.roles.includes('commune') && user.roles.length === 1
  if (communeOnly && sub?.communeCode !== user.communeCode) throw new Response('Forbidden', { status: 403 })
  const file = path.join(stores.config.dataDir, 'reports', path.basename(f.file))
  if (!fs.existsSync(file)) throw new Response('Tệp báo cáo không còn / the report file is gone', { status: 410 })
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${path.basename(f.file)}"`,
      'Content-Length': String(fs.statSync(file).size),
      'Cache-Control': 'private, no-store',
    },
  })
}
