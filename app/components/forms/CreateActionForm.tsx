/**
 * "Tạo hành động" from an alert, in place: a disclosure holding the actions page's create form, pre-filled
 * (commune, KPI, the alert's id, a title from the alert, the department that usually owns that KPI). It posts
 * to /actions through a fetcher, so the page stays where it is and says "done" (or why not) on the spot; the
 * action route checks the permission and the commune like any other create (ADR 024).
 */
import { DayInput } from '~/components/forms/DayInput'
import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useT } from '~/root'

export interface CreateActionOptions {
  /** Departments in the form's order, with their labels. */
  departments: { value: string; label: string }[]
  /** The department that usually owns each KPI. */
  defaultDepartment: Record<string, string>
}

export function CreateActionForm({
  communeCode,
  kpi,
  alertId,
  title,
  options,
}: {
  communeCode: string
  kpi: string
  alertId?: number
  title: string
  options: CreateActionOptions
}) {
  const t = useT()
  const fetcher = useFetcher<{ ok: boolean; message?: string; error?: string }>()
  const done = fetcher.state === 'idle' && fetcher.data
  if (done && fetcher.data?.ok)
    return (
      <span className="flash-inline flash-ok" role="status" data-testid="action-created">
        {t('actions.createdHere')}
      </span>
    )
  return (
    <details className="assign assign-inline" data-testid="create-action">
      <summary className="btn btn-small">{t('actions.create')}</summary>
      <fetcher.Form method="post" action="/actions" className="form-grid">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="communeCode" value={communeCode} />
        <input type="hidden" name="kpi" value={kpi} />
        {alertId !== undefined ? <input type="hidden" name="alertId" value={alertId} /> : null}
        <label>
          {t('actions.titleField')}
          <input name="title" required minLength={3} maxLength={300} defaultValue={title} />
        </label>
        <label>
          {t('actions.department')}
          <select name="department" defaultValue={options.defaultDepartment[kpi] ?? 'leadership'}>
            {options.departments.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('actions.owner')}
          <input name="owner" maxLength={200} />
        </label>
        <label>
          {t('actions.due')}
          <DayInput name="dueDate" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={fetcher.state !== 'idle'}>
          {t('actions.create')}
        </button>
        {done && !fetcher.data?.ok ? (
          <span className="flash-inline flash-error" role="alert">
            {t('actions.notCreated')}
          </span>
        ) : null}
      </fetcher.Form>
    </details>
  )
}
