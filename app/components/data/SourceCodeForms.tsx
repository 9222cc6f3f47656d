/** The code tables page's forms: a new code (system, kind, code, label, target) and the re-read of what was met unmapped. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtDate } from '~/i18n/format'
import { CodeTargetInput } from './CodeTable'

export const SYSTEMS = ['igate', 'dvcqg'] as const
export const KINDS = ['status', 'channel', 'unit'] as const

export function NewCodeForm({ communes, busy }: { communes: { code: string; name: string }[]; busy: boolean }) {
  const t = useT()
  return (
    <Form method="post" className="form-grid" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="code.save" />
      <input type="hidden" name="row" value="new" />
      <label className="field">
        <span>{t('codes.system')}</span>
        <select name="system">
          {SYSTEMS.map((s) => (
            <option key={s} value={s}>
              {t(`codes.system.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('codes.kind')}</span>
        <select name="kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`codes.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('codes.code')}</span>
        <input name="code" required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('codes.label')}</span>
        <input name="label" maxLength={200} />
      </label>
      <label className="field">
        <span>{t('codes.target')}</span>
        <CodeTargetInput kind="any" name="target" communes={communes} listId="communes-new" />
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('codes.save')}
        </button>
      </div>
    </Form>
  )
}

/** Once a code is mapped: the command that reads iGate's rejected dossiers again, or the push items to queue again. */
export function RereadActions({
  reread,
  busy,
}: {
  reread: { igate: { rejects: number; firstAt: string | null }; push: { dossiers: number } }
  busy: boolean
}) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      {reread.igate.rejects === 0 && reread.push.dossiers === 0 ? <p className="muted">{t('codes.noReread')}</p> : null}
      {reread.igate.rejects > 0 && reread.igate.firstAt ? (
        <div data-testid="reread-igate">
          <p>{t('codes.rereadIgate')}</p>
          <pre className="raw">npm run etl -- run dossiers --from {reread.igate.firstAt.slice(0, 10)}</pre>
          <p className="muted small">({fmtDate(reread.igate.firstAt, lang)})</p>
        </div>
      ) : null}
      {reread.push.dossiers > 0 ? (
        <Form method="post" preventScrollReset data-testid="reread-push">
          <CsrfInput />
          <input type="hidden" name="intent" value="push.requeue" />
          <p>{t('codes.rereadPush')}</p>
          <button type="submit" className="btn" disabled={busy}>
            {t('codes.requeue')} ({reread.push.dossiers})
          </button>
        </Form>
      ) : null}
    </>
  )
}
