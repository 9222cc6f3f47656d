/**
 * Period, comparison and commune-type filters as a GET form: the URL is the state (linkable), the form
 * submits itself on change (a button remains for keyboard users and no-JS). "Tùy chọn" (custom) shows two
 * dd/mm/yyyy text fields (never the browser's date input, which shows mm/dd/yyyy in some locales): CSS shows
 * them when the custom option is selected (`:has`, so it works without JavaScript too); with JavaScript,
 * choosing "Tùy chọn" waits for the dates instead of submitting, and leaving a date field submits once both
 * dates are valid. Dates the server cannot use are shown back with a message (the 30 days are shown meanwhile).
 */
import { Form, useSearchParams, useSubmit } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDate } from '~/i18n/format'
import { DayInput } from '~/components/forms/DayInput'
import { COMMUNE_TYPES, COMPARISONS, PERIOD_PRESETS, parseDayInput, ymdToVi, type ResolvedPeriod } from '~/lib/url-filters'

interface Props {
  resolved: ResolvedPeriod
  showType?: boolean
  /** Other params to keep (hidden inputs), e.g. kpi. */
  keep?: string[]
  children?: React.ReactNode
}

/** The form's fields to submit: the dates only with "Tùy chọn", and only once both are dates (else null: wait). */
function periodForm(form: HTMLFormElement): FormData | null {
  const fd = new FormData(form)
  if (fd.get('period') !== 'custom') {
    fd.delete('from')
    fd.delete('to')
    return fd
  }
  const ok = (k: string) => parseDayInput(String(fd.get(k) ?? '')) !== null
  return ok('from') && ok('to') ? fd : null
}

export function FilterBar({ resolved, showType = false, keep = ['kpi', 'q', 'sort', 'dir'], children }: Props) {
  const t = useT()
  const lang = useLang()
  const [params] = useSearchParams()
  const submit = useSubmit()
  const send = (form: HTMLFormElement) => {
    const fd = periodForm(form)
    if (fd) submit(fd, { method: 'get', replace: false, preventScrollReset: true })
  }
  const onChange = (e: React.FormEvent<HTMLFormElement>) => {
    const { name, value } = e.target as HTMLInputElement
    // Choosing "Tùy chọn" and typing a date submit nothing (the fields show, prefilled with the current range);
    // leaving a date field (onBlur below), Enter or the button does.
    if (name === 'period' && value === 'custom') return
    if (name !== 'from' && name !== 'to') send(e.currentTarget)
  }
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    // Dates the server cannot read are still sent: it answers with the message and the fields as typed.
    submit(periodForm(e.currentTarget) ?? e.currentTarget, { method: 'get', preventScrollReset: true })
  }
  const selected = resolved.customInvalid ? 'custom' : resolved.preset
  const dateValue = (k: 'from' | 'to') =>
    resolved.customInvalid ? (params.get(k) ?? '') : ymdToVi(k === 'from' ? resolved.current.from : resolved.current.to)
  const dateField = (k: 'from' | 'to') => (
    <label>
      <span>{t(k === 'from' ? 'dash.from' : 'dash.to')}</span>
      <DayInput
        key={`${k}${selected}`}
        name={k}
        defaultValue={dateValue(k)}
        onBlur={(e) => (e.currentTarget.form ? send(e.currentTarget.form) : undefined)}
        testId={`period-${k}`}
      />
    </label>
  )
  return (
    <Form method="get" className="filter-bar no-print" onChange={onChange} onSubmit={onSubmit} aria-label={t('dash.filters')} role="search">
      <label>
        <span>{t('dash.period')}</span>
        <select name="period" defaultValue={selected} key={selected}>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`dash.period.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <span className="custom-dates" data-testid="custom-dates">
        {dateField('from')}
        {dateField('to')}
      </span>
      <label>
        <span>{t('dash.compare')}</span>
        <select name="compare" defaultValue={resolved.compare} key={resolved.compare}>
          {COMPARISONS.map((c) => (
            <option key={c} value={c}>
              {t(`dash.compare.${c}`)}
            </option>
          ))}
        </select>
      </label>
      {showType ? (
        <label>
          <span>{t('type')}</span>
          <select name="type" defaultValue={params.get('type') ?? 'all'} key={params.get('type') ?? 'all'}>
            {COMMUNE_TYPES.map((c) => (
              <option key={c} value={c}>
                {c === 'all' ? t('dash.allTypes') : t(c)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {keep.map((k) => (params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k)!} /> : null))}
      {children}
      <button type="submit" className="btn">
        {t('dash.apply')}
      </button>
      {resolved.customInvalid ? (
        <p className="state state-error period-error" role="alert" data-testid="period-error">
          {t('dash.customInvalid')}
        </p>
      ) : null}
      <p className="period-text muted small" data-testid="period-text">
        {fmtDate(resolved.current.from, lang)} – {fmtDate(resolved.current.to, lang)} · {t('dash.comparedWith')}{' '}
        {fmtDate(resolved.comparison.from, lang)} – {fmtDate(resolved.comparison.to, lang)}
      </p>
    </Form>
  )
}
