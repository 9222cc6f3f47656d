/**
 * Officers and assignments editing (Home Affairs): the officers of one commune with an edit form each,
 * a new-officer form, a new assignment (home move, secondment, reallocation) and ending an assignment.
 * Every form carries the CSRF field and is validated on the server; errors come back per field.
 */
import { DayInput } from '~/components/forms/DayInput'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtDate, fmtNum } from '~/i18n/format'
import { fieldName } from '~/i18n/messages'
import { Field, fieldError, useFormBusy } from '~/components/forms/FormBits'
import { CommuneOptions, CommunePicker } from '~/components/forms/ParamSelect'
import type { ActionResult } from '~/dashboard/forms'
import type { OfficerRow } from '~/dashboard/staffing-edit.server'

/** An officer as the staffing loader sends it (type only: erased from the client bundle). */
export type OfficerView = OfficerRow

const POSITIONS = ['director', 'deputy', 'officer', 'provincial']
const KINDS = ['home', 'secondment', 'reallocation']
const FIELDS = ['dat_dai', 'ho_tich', 'chung_thuc', 'kinh_doanh', 'xay_dung', 'bao_tro_xa_hoi', 'khac']

interface Props {
  officers: OfficerView[]
  communes: { code: string; name: string }[]
  selected: string
  result?: ActionResult
  today: string
}

export function OfficerEditor({ officers, communes, selected, result, today }: Props) {
  const t = useT()
  const lang = useLang()
  const busy = useFormBusy()
  const name = (c: string | null) => (c === null ? '—' : (communes.find((x) => x.code === c)?.name ?? c))
  const err = (intent: string, field: string, row?: string) => fieldError(result, intent, field, row)
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
              <tr key={o.id} data-officer={o.id}>
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
                      <Form method="post" className="inline-form" preventScrollReset>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="assignment.end" />
                        <input type="hidden" name="id" value={o.current.id} />
                        <input type="hidden" name="assignmentId" value={o.current.id} />
                        <Field label={t('staff.endOn')} name="validTo" error={err('assignment.end', 'validTo', String(o.current.id))}>
                          <DayInput name="validTo" defaultValue={today} required />
                        </Field>
                        <button type="submit" className="btn" disabled={busy}>
                          {t('staff.end')}
                        </button>
                      </Form>
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
          <Form method="post" className="form-grid" preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="intent" value="assignment.add" />
            <input type="hidden" name="id" value="new" />
            <Field label={t('staff.officer')} name="officerId" error={err('assignment.add', 'officerId', 'new')}>
              <select name="officerId" required>
                {officers
                  .filter((o) => o.active)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.fullName}
                    </option>
                  ))}
              </select>
            </Field>
            <Field label={t('staff.toCommune')} name="communeCode" error={err('assignment.add', 'communeCode', 'new')}>
              <select name="communeCode" required>
                {communes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('staff.kindLabel')} name="kind" error={err('assignment.add', 'kind', 'new')}>
              <select name="kind">
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t.code(`staff.kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('dash.from')} name="validFrom" error={err('assignment.add', 'validFrom', 'new')}>
              <DayInput name="validFrom" defaultValue={today} required />
            </Field>
            <Field label={t('dash.to')} name="validTo" error={err('assignment.add', 'validTo', 'new')}>
              <DayInput name="validTo" />
            </Field>
            <Field label={t('staff.reason')} name="reason" error={err('assignment.add', 'reason', 'new')}>
              <input name="reason" maxLength={500} />
            </Field>
            <div>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('staff.assign')}
              </button>
            </div>
          </Form>
        </section>
      </div>
    </div>
  )
}

function OfficerForm({
  officer,
  communes,
  result,
  busy,
  defaultCommune,
}: {
  officer: OfficerView | null
  communes: { code: string; name: string }[]
  result?: ActionResult
  busy: boolean
  defaultCommune?: string
}) {
  const t = useT()
  const lang = useLang()
  const row = officer?.id ?? 'new'
  const err = (field: string) => fieldError(result, 'officer.save', field, row)
  return (
    <Form method="post" className="form-grid" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="officer.save" />
      <input type="hidden" name="id" value={row} />
      <Field label={t('staff.fullName')} name="fullName" error={err('fullName')}>
        <input name="fullName" defaultValue={officer?.fullName ?? ''} required minLength={2} maxLength={120} />
      </Field>
      <Field label={t('staff.position')} name="position" error={err('position')}>
        <select name="position" defaultValue={officer?.position ?? 'officer'}>
          {POSITIONS.map((p) => (
            <option key={p} value={p}>
              {t.code(`staff.pos.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('staff.home')} name="homeCommuneCode" error={err('homeCommuneCode')}>
        <select name="homeCommuneCode" defaultValue={officer ? (officer.homeCommuneCode ?? '') : (defaultCommune ?? '')}>
          <option value="">{t('staff.noHome')}</option>
          <CommuneOptions communes={communes} />
        </select>
      </Field>
      <Field label="FTE" name="fte" error={err('fte')}>
        <input name="fte" defaultValue={fmtNum(officer?.fte ?? 1, 1, lang)} inputMode="decimal" required size={4} />
      </Field>
      <fieldset className="skills">
        <legend>{t('staff.skills')}</legend>
        {FIELDS.map((f) => (
          <label key={f} className="check">
            <input type="checkbox" name="skills" value={f} defaultChecked={officer?.skills.includes(f)} /> {fieldName(lang, f)}
          </label>
        ))}
        {err('skills') ? <span className="field-error">{t.code(err('skills')!)}</span> : null}
      </fieldset>
      <label className="check">
        <input type="checkbox" name="active" defaultChecked={officer?.active ?? true} /> {t('staff.active')}
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('settings.save')}
        </button>
      </div>
    </Form>
  )
}
