/** One row of a source code table: its meaning as an inline form, its state, when it changed, and delete. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { fieldError } from '~/components/forms/FormBits'
import type { ActionResult } from '~/dashboard/forms'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'
import type { CodeTableRow } from './CodeTable'
import { CodeTargetInput } from './CodeTargetInput'

type Communes = { code: string; name: string }[]

interface RowProps {
  communes: Communes
  fields: Record<string, Record<string, string>>
  busy: boolean
  result: ActionResult | undefined
  /** Show the system and kind column (the list of unmapped codes mixes them). */
  showSystem?: boolean
}

export function CodeRow({ r, communes, fields, busy, result, showSystem }: RowProps & { r: CodeTableRow }) {
  const t = useT()
  const lang = useLang()
  const key = `${r.system}/${r.kind}/${r.code}`
  return (
    <tr data-code={key} className={r.target === null ? 'row-warn' : undefined}>
      {showSystem ? (
        <td className="small">
          {t(`codes.system.${r.system}`)} · {fields[r.system]?.[r.kind]}
        </td>
      ) : null}
      <th scope="row">
        <code>{r.code}</code>
      </th>
      <td>{r.label ?? '—'}</td>
      <td>
        <SaveTargetForm r={r} rowKey={key} communes={communes} busy={busy} result={result} />
      </td>
      <MappingState r={r} />
      <td className="hide-sm small muted">
        {fmtDateTime(r.updatedAt, lang)}
        {r.updatedBy ? ` · ${r.updatedBy}` : ''}
      </td>
      <td>
        <DeleteCodeForm r={r} rowKey={key} busy={busy} />
      </td>
    </tr>
  )
}

/** The code's meaning (a status, a channel, a commune) and Save, with the server's error beside it. */
function SaveTargetForm({
  r,
  rowKey: key,
  communes,
  busy,
  result,
}: {
  r: CodeTableRow
  rowKey: string
  communes: Communes
  busy: boolean
  result: ActionResult | undefined
}) {
  const t = useT()
  const err = fieldError(result, 'code.save', 'target', key, 'row')
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="code.save" />
      <input type="hidden" name="row" value={key} />
      <input type="hidden" name="system" value={r.system} />
      <input type="hidden" name="kind" value={r.kind} />
      <input type="hidden" name="code" value={r.code} />
      <input type="hidden" name="label" value={r.label ?? ''} />
      <CodeTargetInput
        kind={r.kind}
        name="target"
        communes={communes}
        listId={`communes-${key}`}
        defaultValue={r.target}
        label={`${t('codes.target')} — ${r.code}`}
      />
      <button type="submit" className="btn" disabled={busy}>
        {t('codes.save')}
      </button>
      {err ? (
        <span className="field-error" role="alert">
          {t.code(err)}
        </span>
      ) : null}
    </Form>
  )
}

/** Unmapped (with the records it rejected and when last met), a default to review, or mapped. */
function MappingState({ r }: { r: CodeTableRow }) {
  const t = useT()
  const lang = useLang()
  return (
    <td className="small">
      {r.target === null ? (
        <span className="level level-critical">{t('codes.unmapped')}</span>
      ) : r.isDefault ? (
        <span className="level level-watch">{t('codes.default')}</span>
      ) : (
        <span className="level level-normal">{t('codes.mapped')}</span>
      )}
      {r.unmappedSeen > 0 ? (
        <div className="muted">
          {t('codes.seenRecords', { n: r.unmappedSeen })}
          {r.lastSeenAt ? `, ${t('codes.lastSeen')} ${fmtDateTime(r.lastSeenAt, lang)}` : ''}
        </div>
      ) : null}
    </td>
  )
}

/** Deletes the code's row (its meaning falls back to the default, if any). */
function DeleteCodeForm({ r, rowKey: key, busy }: { r: CodeTableRow; rowKey: string; busy: boolean }) {
  const t = useT()
  return (
    <Form method="post" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="code.delete" />
      <input type="hidden" name="row" value={key} />
      <input type="hidden" name="system" value={r.system} />
      <input type="hidden" name="kind" value={r.kind} />
      <input type="hidden" name="code" value={r.code} />
      <button type="submit" className="btn btn-danger" disabled={busy} aria-label={`${t('codes.delete')} ${r.code}`}>
        {t('codes.delete')}
      </button>
    </Form>
  )
}
