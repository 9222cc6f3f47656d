/**
 * File import of source records (Excel .xlsx or CSV, contract or Vietnamese headers) for units that
 * report by spreadsheet. Posts to /data/import, which runs the ETL's file import and answers its summary.
 */
import { useState } from 'react'
import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import type { ActionResult } from '~/dashboard/forms'
import { ReasonCounts } from './ReasonCounts'

export const IMPORT_KINDS = ['dossiers', 'ratings', 'complaints', 'queue-tickets'] as const

export type ImportResult = ActionResult<{
  summary: { job: string; read: number; loaded: number; rejected: Record<string, number>; runId?: number | null; rejectsNotKept?: number }
}>

function ImportSummary({ r }: { r: Extract<ImportResult, { ok: true }> }) {
  const t = useT()
  const lang = useLang()
  const rejected = Object.values(r.summary.rejected).reduce((a, b) => a + b, 0)
  const notKept = r.summary.rejectsNotKept ?? 0
  return (
    <div
      className={rejected ? 'flash flash-warn' : 'flash flash-ok'}
      role={rejected ? 'alert' : 'status'}
      data-state={rejected ? 'partial' : 'ok'}
    >
      <strong>{rejected ? t('import.partial') : t('data.importDone')}</strong>: {t('data.read')} {fmtInt(r.summary.read, lang)},{' '}
      {t('data.loaded')} {fmtInt(r.summary.loaded, lang)}, {t('data.rejected')} {fmtInt(rejected, lang)}
      {rejected ? <ReasonCounts counts={r.summary.rejected} className="reasons" /> : null}
      {notKept ? <p className="small">{t('import.notKept', { n: notKept })}</p> : null}
      {rejected ? (
        <a href={`/data?job=${encodeURIComponent(r.summary.job)}#rejects`} data-testid="import-see-rejects">
          {t('import.seeRejects')}
        </a>
      ) : null}
    </div>
  )
}

export function ImportForm() {
  const t = useT()
  const fetcher = useFetcher<ImportResult>()
  const busy = fetcher.state !== 'idle'
  const r = fetcher.data
  const [kind, setKind] = useState<string>('dossiers')
  return (
    <fetcher.Form method="post" action="/data/import" encType="multipart/form-data" className="form-grid" aria-describedby="import-help">
      <CsrfInput />
      <p id="import-help" className="muted small" style={{ gridColumn: '1 / -1' }}>
        {t('data.importHelp')}
      </p>
      <label>
        <span>{t('data.importKind')}</span>
        <select name="kind" defaultValue="dossiers" required onChange={(e) => setKind(e.currentTarget.value)}>
          {IMPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`data.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('data.importFile')}</span>
        <input
          type="file"
          name="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
        {r && !r.ok && r.fieldErrors?.file ? <span className="field-error">{r.fieldErrors.file}</span> : null}
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('data.importing') : t('data.importSubmit')}
        </button>
      </div>
      <p className="small" style={{ gridColumn: '1 / -1' }}>
        <a href={`/data/template/${kind}`} download data-testid="import-template">
          {t('import.template')}
        </a>{' '}
        <span className="muted">{t('import.templateHelp')}</span>
      </p>
      <div aria-live="polite" style={{ gridColumn: '1 / -1' }} data-testid="import-result">
        {r && r.ok ? <ImportSummary r={r} /> : null}
        {r && !r.ok ? (
          <div className="flash flash-error" role="alert">
            {r.error}
          </div>
        ) : null}
      </div>
    </fetcher.Form>
  )
}
