/**
 * GET /data/run/status?job=<name> — a job's run as the data page follows it after "Chạy ngay" (IT, data.read): the
 * run going on in this server (since when, seconds so far, records read of the total when known, pages), else the
 * last run recorded (status, counts, error). JSON, never cached; the page polls it about once a second.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { runStatus } from '~/dashboard/data-health.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'data.read')
  const stores = await getStores()
  const job = new URL(request.url).searchParams.get('job') ?? ''
  if (!(stores.jobs?.list() ?? []).some((j) => j.name === job))
    return Response.json({ error: `Không có tác vụ ${job} / no job ${job}` }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return Response.json(await runStatus(stores, job), { headers: { 'Cache-Control': 'no-store' } })
}
