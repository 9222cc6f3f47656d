/** The commune page's staff moves into and out of the commune (accepted and draft plans; issue #18 item 5). */
import type { CommuneMove } from '~/planning/decision.server'
import { Card } from '~/components/states/States'
import { useLang, useT } from '~/root'
import { fmtDate } from '~/i18n/format'

export function CommuneMoves({ moves }: { moves: CommuneMove[] }) {
  const t = useT()
  const lang = useLang()
  return (
    <Card title={t('commune.movesTitle')} id="moves">
      {moves.length === 0 ? (
        <p className="muted">{t('commune.noMoves')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="commune-moves">
            <thead>
              <tr>
                <th scope="col">{t('plan.officer')}</th>
                <th scope="col">{t('commune.moveDirection')}</th>
                <th scope="col">{t('commune.moveOther')}</th>
                <th scope="col">{t('commune.moveDates')}</th>
                <th scope="col" className="hide-sm">
                  {t('commune.movePlan')}
                </th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m, i) => (
                <tr key={`${m.planId}-${i}`} data-direction={m.direction}>
                  <th scope="row">{m.officer}</th>
                  <td>
                    {t(`commune.move.${m.direction}`)} · {t.code(`plan.kind.${m.kind}`)}
                  </td>
                  <td>{m.other ?? t('pl.province')}</td>
                  <td className="nowrap">
                    {fmtDate(m.validFrom, lang)}
                    {m.validTo ? ` – ${fmtDate(m.validTo, lang)}` : ''}
                  </td>
                  <td className="hide-sm">
                    <a href={`/staffing/plan?plan=${m.planId}`}>{m.planTitle}</a> ({t.code(`pl.status.${m.status}`)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
