/**
 * Which commune an editor shows: a GET form with one select, submitted on change (a button without
 * JavaScript), keeping the page's other query parameters.
 */
import { Form, useSearchParams, useSubmit } from '@remix-run/react'
import { useT } from '~/root'

export function CommunePicker({
  param,
  label,
  communes,
  selected,
}: {
  /** The query parameter that names the commune ('ic', 'oc'). */
  param: string
  label: string
  communes: readonly { code: string; name: string }[]
  selected: string
}) {
  const t = useT()
  const submit = useSubmit()
  const [params] = useSearchParams()
  return (
    <Form method="get" className="filter-bar" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })} preventScrollReset>
      {[...params.entries()]
        .filter(([k]) => k !== param)
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
      <label>
        <span>{label}</span>
        <select name={param} defaultValue={selected} key={selected}>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
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
