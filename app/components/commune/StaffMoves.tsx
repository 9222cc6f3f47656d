/** Staff moves into and out of a commune (accepted staffing plans; issue 18 "Commune chair"), on the commune page. */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDate } from '~/i18n/format'
import type { StaffMove } from '~/dashboard/commune-home.server'

function MoveList({ moves, names, dir }: { moves: StaffMove[]; names: Record<string, string>; dir: 'in' | 'out' }) {
  const t = useT()
  const lang = useLang()
  if (moves.length === 0) return <p className="muted small">{t('moves.none')}</p>
  return (
    <ul className="moves" data-testid={`moves-${dir}`}>
      {moves.map((m) => {
        const other = dir === 'in' ? m.fromCommune : m.toCommune
        return (
          <li key={`${m.planId}-${m.officerId}-${m.validFrom}`}>
            <strong>{m.officerName ?? m.officerId}</strong> · {t(`moves.kind.${m.kind}`)} · {dir === 'in' ? t('moves.from') : t('moves.to')}{' '}
            {other ? (names[other] ?? other) : '—'} · {t('moves.validFrom')} {fmtDate(m.validFrom, lang)}
            {m.validTo ? ` ${t('moves.validTo').toLowerCase()} ${fmtDate(m.validTo, lang)}` : ''} ·{' '}
            <Link to={`/staffing/plan?plan=${m.planId}`}>
              {t('moves.plan')} {m.planTitle}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}

export function StaffMoves({ moves, names }: { moves: { incoming: StaffMove[]; outgoing: StaffMove[] }; names: Record<string, string> }) {
  const t = useT()
  return (
    <div className="grid grid-2">
      <div>
        <h3>{t('moves.in')}</h3>
        <MoveList moves={moves.incoming} names={names} dir="in" />
      </div>
      <div>
        <h3>{t('moves.out')}</h3>
        <MoveList moves={moves.outgoing} names={names} dir="out" />
      </div>
    </div>
  )
}
