/**
 * POST /data/run (job, csrf) — "run now" for one job from the Data page (IT: the data.import permission). The
 * run goes through the scheduler (single-flight, recorded in etl_runs) and goes on after the answer: the page comes
 * back at once (`/data?ran=<job>`) and follows it live (GET /data/run/status; without JavaScript the page refreshes
 * itself while the run goes on), then shows its result. Audited as `job.run` with the counts when it ends (or
 * `job.run_failed`). A job already running answers 409.
 */
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { auditRequest, requireAction } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { isJobBusy, jobControl } from '../../db/job-control.ts'

export async function loader() {
  return new Response('POST a job name here (see the Data page)', { status: 405, headers: { Allow: 'POST' } })
}

/** How long the answer waits for a run that ends quickly (a refusal, a job with nothing to do). */
const ANSWER_WAIT_MS = 400

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, 'data.import')
  const stores = await getStores()
  const jobs = jobControl(stores)
  const name = String(form.get('job') ?? '')
  if (!jobs.list().some((j) => j.name === name)) return new Response(`Không có tác vụ ${name} / no job ${name}`, { status: 400 })
  const run = jobs.run(name, 'ui').then(
    async (s) => {
      await auditRequest(request, user, 'job.run', name, { read: s.read, loaded: s.loaded, rejected: s.rejected })
      return null
    },
    async (e: unknown) => {
      if (isJobBusy(e)) return e
      await auditRequest(request, user, 'job.run_failed', name, { error: (e as Error).message })
      return null
    },
  )
  const early = await Promise.race([run, new Promise<'running'>((r) => setTimeout(() => r('running'), ANSWER_WAIT_MS))])
  if (early && early !== 'running') return new Response(`Tác vụ ${name} đang chạy / the ${name} job is running`, { status: 409 })
  return redirect(`/data?ran=${encodeURIComponent(name)}#jobs`)
}
