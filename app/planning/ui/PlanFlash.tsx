/** A plan action's outcome above the page: its message, or "Xung đột: <why>" (a PlanError's words or key). */
import { useT } from '~/root'

export function PlanFlash({ result }: { result: { ok: boolean; message?: string; error?: string } | undefined }) {
  const t = useT()
  if (!result) return null
  return (
    <div className={`flash ${result.ok ? 'flash-ok' : 'flash-error'}`} role={result.ok ? 'status' : 'alert'} data-testid="flash">
      {result.ok ? t.code(result.message ?? '') : `${t('pl.conflict')}: ${t.code(result.error ?? '')}`}
    </div>
  )
}
