/**
 * Period, comparison and commune-type filters as a GET form: the URL is the state (linkable), the form
 * submits itself on change (a button remains for keyboard users and no-JS).
 */
import { Form, useSearchParams, useSubmit } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDate } from '~/i18n/format'
import { COMMUNE_TYPES, COMPARISONS, PERIOD_PRESETS, type ResolvedPeriod } from '~/lib/url-filters'

interface Props {
  resolved: ResolvedPeriod
  showType?: boolean
  /** Other params to keep (hidden inputs), e.g. kpi. */
  keep?: string[]
  children?: React.ReactNode
}

export function FilterBar({ resolved, showType = false, keep = ['kpi', 'q', 'sort', 'dir'], children }: Props) {
  const t = useT()
  const lang = useLang()
  const [params] = useSearchParams()
  const submit = useSubmit()
  const onChange = (e: React.FormEvent<HTMLFormElement>) => submit(e.currentTarget, { replace: false, preventScrollReset: true })
  return (
    <Form method="get" className="filter-bar no-print" onChange={onChange} aria-label={t('dash.filters')} role="search">
      <label>
        <span>{t('dash.period')}</span>
        <select name="period" defaultValue={resolved.preset} key={resolved.preset}>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`dash.period.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {resolved.preset === 'custom' ? (
        <>
          <label>
            <span>{t('dash.from')}</span>
            <input type="date" name="from" defaultValue={resolved.current.from} key={`f${resolved.current.from}`} />
          </label>
          <label>
            <span>{t('dash.to')}</span>
            <input type="date" name="to" defaultValue={resolved.current.to} key={`t${resolved.current.to}`} />
          </label>
        </>
      ) : null}
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
      <p className="period-text muted small" data-testid="period-text">
        {fmtDate(resolved.current.from, lang)} – {fmtDate(resolved.current.to, lang)} · {t('dash.comparedWith')}{' '}
        {fmtDate(resolved.comparison.from, lang)} – {fmtDate(resolved.comparison.to, lang)}
      </p>
    </Form>
  )
}
