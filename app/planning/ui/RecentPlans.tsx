/** The recent plans of a planner (staffing, budget): number, title linking to the plan, then the planner's own columns. */
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Card, ResultView } from '~/components/states/States'
import type { Result } from '~/components/states/result'
import { useT } from '~/root'

export function RecentPlans<P extends { id: number; title: string }>({
  title,
  plans,
  testId,
  href,
  afterTitle,
  head,
  cells,
}: {
  title: string
  plans: Result<P[]>
  testId: string
  href: (id: number) => string
  /** Shown after the title's link (the budget's method). */
  afterTitle?: (p: P) => ReactNode
  /** The planner's own header cells and, per plan, its cells. */
  head: ReactNode
  cells: (p: P) => ReactNode
}) {
  const t = useT()
  return (
    <Card title={title} id="plans">
      <ResultView result={plans} what={title} isEmpty={(d) => d.length === 0} empty={t('pl.noPlans')}>
        {(rows) => (
          <div className="table-wrap">
            <table className="data" data-testid={testId}>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('plan.planTitle')}</th>
                  {head}
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td>{p.id}</td>
                    <td>
                      <Link to={href(p.id)}>{p.title}</Link>
                      {afterTitle?.(p)}
                    </td>
                    {cells(p)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ResultView>
    </Card>
  )
}
