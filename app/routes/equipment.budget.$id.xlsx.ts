/**
 * GET /equipment/budget/:id/xlsx — a budget plan as an XLSX workbook laid out for Finance (see
 * app/planning/budget-xlsx.server.ts). The workbook refuses to be built if its total differs from the plan's.
 * access: kpi.read (province-wide).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { getBudgetPlan } from '~/planning/budget-plans.server'
import { budgetWorkbook } from '~/planning/budget-xlsx.server'
import { PlanError } from '~/planning/plans.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'kpi.read')
  const id = z.coerce.number().int().positive().safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const stores = await getStores()
  try {
    const [view, shell] = await Promise.all([getBudgetPlan(stores, id.data), loadShell(stores)])
    const buf = await budgetWorkbook({ ...view, provinceName: shell.province.fullName, synthetic: shell.synthetic })
    return new Response(new Uint8Array(buf), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="ke-hoach-thiet-bi-${id.data}.xlsx"`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (e) {
    if (e instanceof PlanError && e.status === 404) throw new Response('Not found', { status: 404 })
    throw e
  }
}
