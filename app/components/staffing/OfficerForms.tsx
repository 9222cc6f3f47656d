/**
 * The staffing editor's forms: an officer (new or edited), a new assignment, and ending the current one. Each
 * carries the CSRF field and shows the server's error under its field.
 */
import { DayInput } from '~/components/forms/DayInput'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtNum } from '~/i18n/format'
import { fieldName } from '~/i18n/messages'
import { Field, fieldError } from '~/components/forms/FormBits'
import { CommuneOptions } from '~/components/forms/ParamSelect'
import type { ActionResult } from '~/dashboard/forms'
import type { OfficerRow } from '~/dashboard/staffing-edit.server'

/** An officer as the staffing loader sends it (type only: erased from the client bundle). */
export type OfficerView = OfficerRow

const POSITIONS = ['director', 'deputy', 'officer', 'provincial']
const KINDS = ['home', 'secondment', 'reallocation']
const FIELDS = ['dat_dai', 'ho_tich', 'chung_thuc', 'kinh_doanh', 'xay_dung', 'bao_tro_xa_hoi', 'khac']

type Communes = { code: string; name: string }[]

/** Ends an officer's current assignment on a day (today by default). */
export function EndAssignmentForm({
  assignmentId,
  today,
  result,
  busy,
}: {
  assignmentId: number
  today: string
  result?: ActionResult
  busy: boolean
}) {
  const t = useT()
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="assignment.end" />
      <input type="hidden" name="id" value={assignmentId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <Field label={t('staff.endOn')} name="validTo" error={fieldError(result, 'assignment.end', 'validTo', String(assignmentId))}>
        <DayInput name="validTo" defaultValue={today} required />
      </Field>
      <button type="submit" className="btn" disabled={busy}>
        {t('staff.end')}
      </button>
    </Form>
  )
}

/** A new assignment: an active officer to a commune, its kind (home, secondment, reallocation), from, to and why. */
export function NewAssignmentForm({
  officers,
  communes,
  today,
  result,
  busy,
}: {
  officers: OfficerView[]
  communes: Communes
  today: string
  result?: ActionResult
  busy: boolean
}) {
  const t = useT()
  const err = (field: string) => fieldError(result, 'assignment.add', field, 'new')
  return (
    <Form method="post" className="form-grid" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="assignment.add" />
      <input type="hidden" name="id" value="new" />
      <Field label={t('staff.officer')} name="officerId" error={err('officerId')}>
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
      <Field label={t('staff.toCommune')} name="communeCode" error={err('communeCode')}>
        <select name="communeCode" required>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('staff.kindLabel')} name="kind" error={err('kind')}>
        <select name="kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t.code(`staff.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('dash.from')} name="validFrom" error={err('validFrom')}>
        <DayInput name="validFrom" defaultValue={today} required />
      </Field>
      <Field label={t('dash.to')} name="validTo" error={err('validTo')}>
        <DayInput name="validTo" />
      </Field>
      <Field label={t('staff.reason')} name="reason" error={err('reason')}>
        <input name="reason" maxLength={500} />
      </Field>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('staff.assign')}
        </button>
      </div>
    </Form>
  )
}

/** An officer's details: name, position, home commune, FTE, skills, active; `officer` null for a new one. */
export function OfficerForm({
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
