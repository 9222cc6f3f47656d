/** The budget page's saved plans: one plan (its lines, XLSX, approve while a draft) and the recent plans' list. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { Card } from '~/components/states/States'
import type { Result } from '~/components/states/result'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtVnd } from '~/i18n/format'
import type { getBudgetPlan, listBudgetPlans } from '../budget-plans.server'
import { SavedBudgetPlan } from './BudgetViews'
import { RecentPlans } from './RecentPlans'

export function SavedBudgetPlanCard({
  v,
  canEdit,
  busy,
}: {
  v: Awaited<ReturnType<typeof getBudgetPlan>>
  canEdit: boolean
  busy: boolean
}) {
  const t = useT()
  return (
    <Card
      title={`${t('budget.plan')} ${v.plan.id}: ${v.plan.title} — ${t.code(`pl.status.${v.plan.status}`)}`}
      id="saved"
      actions={
        <a className="btn" href={`/equipment/budget/${v.plan.id}/xlsx`} download>
          {t('budget.xlsx')}
        </a>
      }
    >
      <SavedBudgetPlan view={v} />
      {v.plan.status === 'draft' && canEdit ? (
        <Form method="post" className="no-print">
          <CsrfInput />
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="plan" value={v.plan.id} />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('budget.approve')}
          </button>
        </Form>
      ) : null}
    </Card>
  )
}

export function RecentBudgetPlans({ plans }: { plans: Result<Awaited<ReturnType<typeof listBudgetPlans>>> }) {
  const t = useT()
  const lang = useLang()
  return (
    <RecentPlans
      title={t('budget.recent')}
      plans={plans}
      testId="budget-plans"
      href={(id) => `/equipment/budget?plan=${id}`}
      afterTitle={(p) => (
        <>
          {' '}
          <span className="muted small">({t.code(`budget.method.${p.method}`)})</span>
        </>
      )}
      head={
        <>
          <th scope="col" className="num">
            {t('budget.ceiling')}
          </th>
          <th scope="col">{t('pl.status')}</th>
          <th scope="col">{t('pl.createdAt')}</th>
          <th scope="col">
            <span className="sr-only">{t('budget.xlsx')}</span>
          </th>
        </>
      }
      cells={(p) => (
        <>
          <td className="num">{fmtVnd(p.ceilingVnd, lang)}</td>
          <td>{t.code(`pl.status.${p.status}`)}</td>
          <td>{fmtDateTime(p.createdAt, lang)}</td>
          <td>
            <a href={`/equipment/budget/${p.id}/xlsx`} download>
              {t('budget.xlsx')}
            </a>
          </td>
        </>
      )}
    />
  )
}
