/** The input for a code's meaning (source code tables): a status 1…10, a channel 1…3, or a commune with suggestions. */
import { useT } from '~/root'
import type { CodeTableRow } from './CodeTable'

type Communes = { code: string; name: string }[]

/** The meaning of a code: a status 1…10, a channel 1…3, or a commune (code or pre-merger name, with suggestions). */
export function CodeTargetInput(props: {
  kind: CodeTableRow['kind'] | 'any'
  name: string
  communes: Communes
  listId: string
  defaultValue?: string | null
  label?: string
}) {
  const t = useT()
  const { kind, name, communes, listId } = props
  if (kind === 'status' || kind === 'channel')
    return (
      <select name={name} defaultValue={props.defaultValue ?? ''} aria-label={props.label}>
        <option value="">{t('codes.choose')}</option>
        {Array.from({ length: kind === 'status' ? 10 : 3 }, (_, i) => String(i + 1)).map((v) => (
          <option key={v} value={v}>
            {t.code(`codes.${kind}.${v}`)}
          </option>
        ))}
      </select>
    )
  return (
    <>
      <input name={name} defaultValue={props.defaultValue ?? ''} list={listId} maxLength={200} size={12} aria-label={props.label} />
      <datalist id={listId}>
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </datalist>
    </>
  )
}
