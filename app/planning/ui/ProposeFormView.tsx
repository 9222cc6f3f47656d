/** The planner's constraints form (propose). */
import { DayInput } from '~/components/forms/DayInput'
import { useState } from 'react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useT } from '~/root'
import type { ProposeForm } from '../planner.server'

export function ProposeFormView({ defaults, busy }: { defaults: ProposeForm; busy: boolean }) {
  const t = useT()
  const [mode, setMode] = useState(defaults.mode)
  return (
    <Form method="post" className="form-grid" data-testid="propose-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="propose" />
      <label>
        {t('plan.planTitle')}
        <input name="title" defaultValue={defaults.title} required maxLength={200} />
      </label>
      <label>
        {t('plan.start')}
        <DayInput name="start" defaultValue={defaults.start} required />
      </label>
      <label>
        {t('plan.horizon')}
        <input name="horizonDays" type="number" min={5} max={120} defaultValue={defaults.horizonDays} required />
      </label>
      <label>
        {t('plan.maxMoves')}
        <input name="maxMoves" type="number" min={0} max={500} defaultValue={defaults.maxMoves} required />
      </label>
      <label>
        {t('plan.rule')}
        <select name="mode" value={mode} onChange={(e) => setMode(e.target.value as ProposeForm['mode'])}>
          <option value="adjacent">{t('plan.rule.adjacent')}</option>
          <option value="distance">{t('plan.rule.distance')}</option>
          <option value="either">{t('plan.rule.either')}</option>
        </select>
      </label>
      <label>
        {t('plan.maxKm')}
        <input name="maxKm" type="number" min={0} max={500} step="any" defaultValue={defaults.maxKm ?? ''} disabled={mode === 'adjacent'} />
      </label>
      <label>
        {t('plan.maxSecondments')}
        <input name="maxSecondments" type="number" min={0} max={200} defaultValue={defaults.maxSecondments} required />
      </label>
      <label>
        {t('plan.secondmentDays')}
        <input name="secondmentDays" type="number" min={1} max={120} defaultValue={defaults.secondmentDays} required />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('plan.propose')}
      </button>
    </Form>
  )
}
