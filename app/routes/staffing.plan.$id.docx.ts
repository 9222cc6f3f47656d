/**
 * GET /staffing/plan/:id/docx — a staffing plan as a draft decision (DOCX: officer names, from, to, dates,
 * reason; app/planning/decision.server.ts). access: kpi.read (province-wide, as the planner page).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { PlanError, PlanIdSchema } from '~/planning/plans.server'
import { decisionDocx } from '~/planning/decision.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const id = PlanIdSchema.safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const stores = await getStores()
  try {
    const shell = await loadShell(stores)
    const { buf } = await decisionDocx(stores, id.data, shell.province.fullName)
    return new Response(new Uint8Array(buf), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Disposition': `attachment; filename="du-thao-quyet-dinh-dieu-dong-${id.data}.docx"`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (e) {
    if (e instanceof PlanError && e.status === 404) throw new Response('Not found', { status: 404 })
    throw e
  }
}
