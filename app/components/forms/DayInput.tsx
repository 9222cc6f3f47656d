/**
 * A date field that reads dd/mm/yyyy whatever the browser's locale (never `type="date"`, which shows mm/dd/yyyy in
 * some): a text field with a numeric keyboard, the format as placeholder and a pattern. It accepts yyyy-mm-dd too
 * (links carry it) and shows a yyyy-mm-dd default as dd/mm/yyyy. The server reads it with `toYmd`/`parseDayInput`.
 */
import type { FocusEventHandler } from 'react'
import { useT } from '~/root'
import { ymdToVi } from '~/lib/day-input'

export const DAY_PATTERN = '[0-9]{1,2}[^0-9][0-9]{1,2}[^0-9][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}'

export function DayInput(props: {
  name: string
  defaultValue?: string | null
  required?: boolean
  testId?: string
  label?: string
  onBlur?: FocusEventHandler<HTMLInputElement>
}) {
  const t = useT()
  const v = props.defaultValue ?? ''
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(v) ? ymdToVi(v) : v
  return (
    <input
      type="text"
      name={props.name}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('dash.datePlaceholder')}
      pattern={DAY_PATTERN}
      title={t('dash.datePlaceholder')}
      size={10}
      defaultValue={shown}
      key={shown}
      required={props.required}
      aria-label={props.label}
      onBlur={props.onBlur}
      data-testid={props.testId}
      className="day-input"
    />
  )
}
