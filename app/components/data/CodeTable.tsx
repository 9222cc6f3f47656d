/**
 * Rows of the source code tables (app/routes/data.codes.tsx): each row an inline form for its meaning, with
 * its state (a default to review, unmapped with the records it rejected) and a delete button.
 */
import type { ActionResult } from '~/dashboard/forms'
import { useT } from '~/root'
import { CodeRow } from './CodeRow'

export interface CodeTableRow {
  system: 'igate' | 'dvcqg' | 'contract'
  kind: 'status' | 'channel' | 'unit'
  code: string
  target: string | null
  label: string | null
  isDefault: boolean
  unmappedSeen: number
  lastSeenAt: string | null
  updatedAt: string
  updatedBy: string | null
}

type Communes = { code: string; name: string }[]

export { CodeTargetInput } from './CodeTargetInput'

export function CodeTable(props: {
  testId: string
  rows: CodeTableRow[]
  communes: Communes
  fields: Record<string, Record<string, string>>
  busy: boolean
  result: ActionResult | undefined
  /** Show the system and kind columns (the list of unmapped codes mixes them). */
  showSystem?: boolean
}) {
  const t = useT()
  const { rows, busy, result } = props
  return (
    <div className="table-wrap">
      <table className="data" data-testid={props.testId}>
        <thead>
          <tr>
            {props.showSystem ? <th scope="col">{t('codes.field')}</th> : null}
            <th scope="col">{t('codes.code')}</th>
            <th scope="col">{t('codes.label')}</th>
            <th scope="col">{t('codes.target')}</th>
            <th scope="col">{t('codes.state')}</th>
            <th scope="col" className="hide-sm">
              {t('codes.updated')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('codes.delete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <CodeRow
              key={`${r.system}/${r.kind}/${r.code}`}
              r={r}
              communes={props.communes}
              fields={props.fields}
              busy={busy}
              result={result}
              showSystem={props.showSystem}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}
