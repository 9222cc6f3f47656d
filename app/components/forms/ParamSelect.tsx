/**
 * A GET form with one select that names what the page shows (a commune, a map's KPI): submitted on change
 * (a button without JavaScript), keeping the page's other query parameters.
 */
import { Form, useSearchParams, useSubmit } from '@remix-run/react'
import { useT } from '~/root'

export function ParamSelect({
  param,
  label,
  options,
  selected,
  className = 'filter-bar',
  hideLabel = false,
  allLabel,
  drop = [],
  keepScroll = true,
}: {
  /** The query parameter the select sets ('ic', 'oc', 'kpi'). */
  param: string
  label: string
  options: readonly { value: string; label: string }[]
  selected: string
  className?: string
  /** Label for screen readers only (a card's action). */
  hideLabel?: boolean
  /** A first option that sets no filter ("Tất cả"). */
  allLabel?: string
  /** Other query parameters that belong to what the select replaces (a table's sort when the level changes). */
  drop?: readonly string[]
  /** Keep the scroll position (a card's picker); false scrolls to the top like a new page. */
  keepScroll?: boolean
}) {
  const t = useT()
  const submit = useSubmit()
  const [params] = useSearchParams()
  return (
    <Form
      method="get"
      className={className}
      onChange={(e) => submit(e.currentTarget, { preventScrollReset: keepScroll })}
      preventScrollReset={keepScroll}
    >
      {[...params.entries()]
        .filter(([k]) => k !== param && !drop.includes(k))
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
      <label>
        <span className={hideLabel ? 'sr-only' : undefined}>{label}</span>
        <select name={param} defaultValue={selected} key={selected} aria-label={hideLabel ? label : undefined}>
          {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="btn">
          {t('dash.apply')}
        </button>
      </noscript>
    </Form>
  )
}

/** The communes as a select's options, by name. */
export function CommuneOptions({ communes }: { communes: readonly { code: string; name: string }[] }) {
  return communes.map((c) => (
    <option key={c.code} value={c.code}>
      {c.name}
    </option>
  ))
}

/** Which commune an editor shows. */
export function CommunePicker({
  param,
  label,
  communes,
  selected,
}: {
  param: string
  label: string
  communes: readonly { code: string; name: string }[]
  selected: string
}) {
  return <ParamSelect param={param} label={label} options={communes.map((c) => ({ value: c.code, label: c.name }))} selected={selected} />
}
