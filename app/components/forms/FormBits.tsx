/** Small pieces shared by the editing forms: a labelled field with its error, and the action's flash message. */
import type { ReactNode } from 'react'
import { useNavigation } from '@remix-run/react'
import { useT } from '~/root'
import type { ActionResult } from '~/dashboard/forms'

/**
 * True while a submission or the page's reload after it is in flight. Submit buttons stay disabled until the
 * revalidation has ended too: a second submission during it interrupts that load, and React Router rejects the
 * interrupted navigation with an AbortError nothing catches (seen in CI on a quick second save).
 */
export function useFormBusy(): boolean {
  return useNavigation().state !== 'idle'
}

export function Field({ label, name, error, children }: { label: string; name: string; error?: string; children: ReactNode }) {
  const t = useT()
  return (
    <label className="field" data-field={name}>
      <span>{label}</span>
      {children}
      {error ? (
        <span className="field-error" id={`${name}-error`} role="alert">
          {t.code(error)}
        </span>
      ) : null}
    </label>
  )
}

export function Flash({ result, intent }: { result: ActionResult | undefined; intent?: string | string[] }) {
  const t = useT()
  if (!result) return null
  if (intent && !(Array.isArray(intent) ? intent : [intent]).includes(result.intent)) return null
  return result.ok ? (
    <div className="flash flash-ok" role="status" data-testid="flash">
      {t.code(result.message ?? '')}
    </div>
  ) : (
    <div className="flash flash-error" role="alert" data-testid="flash">
      {t.code(result.error)}
    </div>
  )
}

/** The error key for a field when the last action was this intent (and, for a row, this row). */
export function fieldError(
  result: ActionResult | undefined,
  intent: string,
  field: string,
  rowId?: string | number,
  rowField = 'id',
): string | undefined {
  if (!result || result.ok || result.intent !== intent) return undefined
  if (rowId !== undefined && result.fieldErrors?.[`_${rowField}`] !== String(rowId)) return undefined
  return result.fieldErrors?.[field]
}
