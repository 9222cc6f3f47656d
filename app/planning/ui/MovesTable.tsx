/** A plan's moves as a table: who goes where, for how long, to cover which field; editable on a draft. */
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import type { Move } from '../model'
import type { EditOptions, MoveLabels, PlanOfficer } from './plan-edit'

interface MovesTableProps {
  moves: Move[]
  who: Map<string, PlanOfficer>
  options: EditOptions | null
  labels: MoveLabels
  editable: boolean
  /** Officer id → name for moves whose officer is not among the edit options (an accepted plan). */
  officerNames: Record<string, string>
  onUpdate: (i: number, patch: Partial<Move>) => void
  onRemove: (i: number) => void
}

export function MovesTable({ moves, editable, ...row }: MovesTableProps) {
  const t = useT()
  return (
    <div className="table-wrap">
      <table className="data" data-testid="moves">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('plan.officer')}</th>
            <th scope="col">{t('plan.kind')}</th>
            <th scope="col">{t('plan.from')}</th>
            <th scope="col">{t('plan.to')}</th>
            <th scope="col" className="num">
              {t('plan.days')}
            </th>
            <th scope="col">{t('plan.field')}</th>
            {editable ? (
              <th scope="col">
                <span className="sr-only">{t('plan.remove')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {moves.map((m, i) => (
            <MoveRow key={`${m.officerId}-${i}`} m={m} i={i} editable={editable} {...row} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The communes a move may go to: a commune officer's reach, or any commune for a provincial secondment. */
function targetsOf(m: Move, options: EditOptions | null): string[] {
  if (m.kind !== 'move') return options?.communes.map((c) => c.code) ?? [m.to]
  return m.from ? (options?.reach[m.from] ?? [m.to]) : [m.to]
}

type MoveRowProps = Omit<MovesTableProps, 'moves'> & { m: Move; i: number }

function MoveRow({ m, i, who, options, labels, editable, officerNames, onUpdate, onRemove }: MoveRowProps) {
  const t = useT()
  const lang = useLang()
  const o = who.get(m.officerId)
  const { name, field } = labels
  return (
    <tr data-officer={m.officerId}>
      <td>{fmtInt(i + 1, lang)}</td>
      <td>
        {o?.name ?? officerNames[m.officerId] ?? m.officerId}
        <div className="muted small">{o ? labels.skills(o.skills) : null}</div>
      </td>
      <td>{t(`plan.kind.${m.kind}`)}</td>
      <td>{name(m.from)}</td>
      <td>
        {editable ? (
          <select aria-label={t('plan.to')} value={m.to} onChange={(e) => onUpdate(i, { to: e.target.value })}>
            {[...new Set([m.to, ...targetsOf(m, options)])].map((c) => (
              <option key={c} value={c}>
                {name(c)}
              </option>
            ))}
          </select>
        ) : (
          name(m.to)
        )}
      </td>
      <td className="num">
        <SecondmentDays m={m} editable={editable} onDays={(days) => onUpdate(i, { days })} />
      </td>
      <td>
        {editable ? (
          <select aria-label={t('plan.field')} value={m.field ?? ''} onChange={(e) => onUpdate(i, { field: e.target.value || undefined })}>
            <option value="">—</option>
            {(options?.fields ?? []).map((f) => (
              <option key={f} value={f}>
                {field(f)}
              </option>
            ))}
          </select>
        ) : m.field ? (
          field(m.field)
        ) : (
          '—'
        )}
      </td>
      {editable ? (
        <td>
          <button type="button" className="btn btn-danger" onClick={() => onRemove(i)}>
            {t('plan.remove')}
          </button>
        </td>
      ) : null}
    </tr>
  )
}

/** A secondment's working days (an input on a draft); a permanent move has none (—). */
function SecondmentDays({ m, editable, onDays }: { m: Move; editable: boolean; onDays: (days: number) => void }) {
  const t = useT()
  const lang = useLang()
  if (m.kind !== 'secondment') return <>—</>
  if (!editable) return <>{fmtInt(m.days ?? null, lang)}</>
  return (
    <input
      aria-label={t('plan.days')}
      type="number"
      min={1}
      max={120}
      size={4}
      value={m.days ?? 1}
      onChange={(e) => onDays(Math.max(1, Number(e.target.value) || 1))}
    />
  )
}
