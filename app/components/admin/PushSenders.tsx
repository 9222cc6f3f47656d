/** /admin/push's sections: where a sender pushes to (and the staging table's state), a new sender, the senders. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import type { PushSenderRow } from '~/auth/push-senders.server'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt } from '~/i18n/format'

/** What to configure on the sender's side: the adapter's address and its two endpoints; items waiting, the last one's arrival. */
export function PushEndpoints({
  enabled,
  adapterUrl,
  inbox,
}: {
  enabled: boolean
  adapterUrl: string
  inbox: { pending: number; lastReceivedAt: Date | string | null }
}) {
  const t = useT()
  const lang = useLang()
  return (
    <section aria-labelledby="push-endpoints">
      <h2 id="push-endpoints">{t('push.endpoints')}</h2>
      {enabled ? null : (
        <p className="error-card" role="status">
          {t('push.receiverOff')}
        </p>
      )}
      <dl className="kv" data-testid="push-endpoints">
        <dt>{t('push.adapterUrl')}</dt>
        <dd>
          <code>{adapterUrl}</code>
        </dd>
        <dt>{t('push.authEndpoint')}</dt>
        <dd>
          <code>/auth</code>
        </dd>
        <dt>{t('push.integrationEndpoint')}</dt>
        <dd>
          <code>/integration</code>
        </dd>
        <dt>{t('push.pending')}</dt>
        <dd data-testid="push-pending">{fmtInt(inbox.pending, lang)}</dd>
        <dt>{t('push.lastReceived')}</dt>
        <dd>{fmtDateTime(inbox.lastReceivedAt, lang)}</dd>
      </dl>
    </section>
  )
}

/** A new sender: its unit code (dstcode), user name and label; the password is made by the server and shown once. */
export function NewSenderForm() {
  const t = useT()
  return (
    <section aria-labelledby="new-sender">
      <h2 id="new-sender">{t('push.new')}</h2>
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>
          {t('push.dstcode')} <input name="dstcode" required maxLength={64} placeholder="000.00.00.H56" />
        </label>
        <label>
          {t('push.username')} <input name="username" required maxLength={100} autoComplete="off" />
        </label>
        <label>
          {t('push.label')} <input name="label" maxLength={200} placeholder="Hệ thống thông tin giải quyết TTHC tỉnh" />
        </label>
        <button type="submit">{t('push.create')}</button>
      </Form>
    </section>
  )
}

export function SendersTable({ senders }: { senders: PushSenderRow[] }) {
  const t = useT()
  return (
    <div className="table-wrap">
      <table className="data" data-testid="push-senders">
        <thead>
          <tr>
            <th>{t('push.dstcode')}</th>
            <th>{t('push.username')}</th>
            <th>{t('push.label')}</th>
            <th>{t('push.lastSeen')}</th>
            <th>{t('push.passwordChanged')}</th>
            <th>{t('push.status')}</th>
            <th>
              <span className="sr-only">{t('push.reset')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {senders.map((s) => (
            <SenderRow key={s.id} s={s} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** One sender: code, user, label, last seen, password changed, active with (de)activate, and a new password. */
function SenderRow({ s }: { s: PushSenderRow }) {
  const t = useT()
  const lang = useLang()
  return (
    <tr data-dstcode={s.dstcode}>
      <td>
        <code>{s.dstcode}</code>
      </td>
      <td>{s.username}</td>
      <td>{s.label ?? ''}</td>
      <td>{fmtDateTime(s.lastSeenAt, lang)}</td>
      <td>{fmtDateTime(s.passwordChangedAt, lang)}</td>
      <td>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value={s.active ? 'deactivate' : 'activate'} />
          <input type="hidden" name="id" value={s.id} />
          {s.active ? t('push.active') : t('push.inactive')}{' '}
          <button type="submit">{s.active ? t('push.deactivate') : t('push.activate')}</button>
        </Form>
      </td>
      <td>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="reset" />
          <input type="hidden" name="id" value={s.id} />
          <input type="hidden" name="dstcode" value={s.dstcode} />
          <button type="submit">{t('push.reset')}</button>
        </Form>
      </td>
    </tr>
  )
}
