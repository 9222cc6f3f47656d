/** The options of the in-place "tạo hành động" form (departments and their labels, the usual owner per KPI). */
import { useT } from '~/root'
import type { CreateActionOptions } from '~/components/forms/CreateActionForm'
import { DEFAULT_DEPARTMENT, DEPARTMENTS } from '../actions-model'

/** undefined when the viewer may not assign actions (no form is offered). */
export function useActionOptions(canAct: boolean): CreateActionOptions | undefined {
  const t = useT()
  if (!canAct) return undefined
  return { departments: DEPARTMENTS.map((d) => ({ value: d, label: t(`actions.dept.${d}`) })), defaultDepartment: DEFAULT_DEPARTMENT }
}
