/**
 * Officers and assignments editing (Home Affairs): the officers of one commune with an edit form each,
 * a new-officer form, a new assignment (home move, secondment, reallocation) and ending an assignment.
 * Every form carries the CSRF field and is validated on the server; errors come back per field.
 */
import { useLang, useT } from '~/root'
import { fmtDate, fmtNum } from '~/i18n/format'
import { useFormBusy } from '~/components/forms/FormBits'
import { CommunePicker } from '~/components/forms/ParamSelect'
import type { ActionResult } from '~/dashboard/forms'
import { EndAssignmentForm, NewAssignmentForm, OfficerForm, type OfficerView } from './OfficerForms'

export type { OfficerView } from './OfficerForms'

interface Props {
  officers: OfficerView[]
  communes: { code: string; name: string }[]
  selected: string
  result?: ActionResult
  today: string
}

export function OfficerEditor({ officers, communes, selected, result, today }: Props) {
  const t = useT()
  const busy = useFormBusy()
  const name = (c: string | null) => (c === null ? '—' : (communes.find((x) => x.code === c)?.name ?? c))
  return (
    <div className="officer-editor">
      <CommunePicker param="oc" label={t('staff.officersOf')} communes={communes} selected={selected} />
      <div className="table-wrap">
        <table className="data" data-testid="officers-table">
          <caption>
            {t('staff.officersOf')} {name(selected)} ({officers.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.fullName')}</th>
              <th scope="col">{t('staff.position')}</th>
              <th scope="col" className="hide-sm">
                {t('staff.home')}
              </th>
              <th scope="col">{t('staff.currentAssignment')}</th>
              <th scope="col" className="num hide-sm">
                FTE
              </th>
              <th scope="col">{t('settings.edit')}</th>
            </tr>
          </thead>
          <tbody>
            {officers.map((o) => (
              <OfficerLine key={o.id} o={o} name={name} communes={communes} today={today} result={result} busy={busy} />
            ))}
          </tbody>
        </table>
      </div>

      <div className="grid grid-2">
        <section aria-labelledby="new-officer-h">
          <h3 id="new-officer-h">{t('staff.newOfficer')}</h3>
          <OfficerForm officer={null} communes={communes} result={result} busy={busy} defaultCommune={selected} />
        </section>
        <section aria-labelledby="new-assignment-h">
          <h3 id="new-assignment-h">{t('staff.newAssignment')}</h3>
          <NewAssignmentForm officers={officers} communes={communes} today={today} result={result} busy={busy} />
        </section>
      </div>
    </div>
  )
}

/** One officer: name (synthetic, inactive), position, home, current assignment with "end", FTE, and the edit form folded. */
function OfficerLine({
  o,
  name,
  communes,
  today,
  result,
  busy,
}: {
  o: OfficerView
  name: (c: string | null) => string
  communes: Props['communes']
  today: string
  result?: ActionResult
  busy: boolean
}) {
  const t = useT()
  const lang = useLang()
  return (
    <tr data-officer={o.id}>
      <th scope="row">
        {o.fullName} {o.synthetic ? <span className="badge-synthetic">{t('staff.syntheticShort')}</span> : null}{' '}
        {!o.active ? <span className="muted">({t('staff.inactive')})</span> : null}
      </th>
      <td>{t.code(`staff.pos.${o.position}`)}</td>
      <td className="hide-sm">{name(o.homeCommuneCode)}</td>
      <td>
        {o.current ? (
          <>
            {name(o.current.communeCode)} · {t.code(`staff.kind.${o.current.kind}`)} · {fmtDate(o.current.validFrom, lang)}
            {o.current.validTo ? ` – ${fmtDate(o.current.validTo, lang)}` : ''}
            <EndAssignmentForm assignmentId={o.current.id} today={today} result={result} busy={busy} />
          </>
        ) : (
          <span className="muted">{t('staff.noAssignment')}</span>
        )}
      </td>
      <td className="num hide-sm">{fmtNum(o.fte, 1, lang)}</td>
      <td>
        <details>
          <summary>{t('settings.edit')}</summary>
          <OfficerForm officer={o} communes={communes} result={result} busy={busy} />
        </details>
      </td>
    </tr>
  )
}
