/**
 * File import of source records (Excel .xlsx or CSV, contract or Vietnamese headers) for units that
 * report by spreadsheet. Posts to /data/import, which runs the ETL's file import and answers its summary.
 */
import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import type { ActionResult } from '~/dashboard/forms'

export const IMPORT_KINDS = ['dossiers', 'ratings', 'complaints', 'queue-tickets'] as const

export type ImportResult = ActionResult<{
  summary: { job: string; read: number; loaded: number; rejected: Record<string, number>; runId?: number | null }
}>

export function ImportForm() {
  const t = useT()
  const lang = useLang()
  const fetcher = useFetcher<ImportResult>()
  const busy = fetcher.state !== 'idle'
  const r = fetcher.data
  return (
    <fetcher.Form method="post" action="/data/import" encType="multipart/form-data" className="form-grid" aria-describedby="import-help">
      <CsrfInput />
      <p id="import-help" className="muted small" style={{ gridColumn: '1 / -1' }}>
        {t('data.importHelp')}
      </p>
      <label>
        <span>{t('data.importKind')}</span>
        <select name="kind" defaultValue="dossiers" required>
          {IMPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`data.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('data.importFile')}</span>
        <input type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        {r && !r.ok && r.fieldErrors?.file ? <span className="field-error">{r.fieldErrors.file}</span> : null}
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('data.importing') : t('data.importSubmit')}
        </button>
      </div>
      <div aria-live="polite" style={{ gridColumn: '1 / -1' }} data-testid="import-result">
        {r && r.ok ? (
          <div className="flash flash-ok">
            {t('data.importDone')}: {t('data.read')} {fmtInt(r.summary.read, lang)}, {t('data.loaded')} {fmtInt(r.summary.loaded, lang)}, {t('data.rejected')}{' '}
            {fmtInt(Object.values(r.summary.rejected).reduce((a, b) => a + b, 0), lang)}
            {Object.keys(r.summary.rejected).length ? ` (${Object.entries(r.summary.rejected).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}
          </div>
        ) : null}
        {r && !r.ok ? <div className="flash flash-error" role="alert">{r.error}</div> : null}
      </div>
    </fetcher.Form>
  )
}
