/**
 * POST /data/run (job, csrf) — "run now" for one job from the Data page (IT: the data.import permission). The
 * run goes through the scheduler (single-flight, recorded in etl_runs); the page then shows its status in the
 * jobs table. Audited as `job.run`. A job already running answers 409.
 */
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { auditRequest, requireAction } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { isJobBusy, jobControl } from '../../db/job-control.ts'

export async function loader() {
  return new Response('POST a job name here (see the Data page)', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, 'data.import')
  const stores = await getStores()
  const jobs = jobControl(stores)
  const name = String(form.get('job') ?? '')
  if (!jobs.list().some((j) => j.name === name)) return new Response(`Không có tác vụ ${name} / no job ${name}`, { status: 400 })
  try {
    const s = await jobs.run(name, 'ui')
    await auditRequest(request, user, 'job.run', name, { read: s.read, loaded: s.loaded, rejected: s.rejected })
  } catch (e) {
    if (isJobBusy(e)) return new Response(`Tác vụ ${name} đang chạy / the ${name} job is running`, { status: 409 })
    await auditRequest(request, user, 'job.run_failed', name, { error: (e as Error).message })
  }
  return redirect(`/data?ran=${encodeURIComponent(name)}#jobs`)
}
