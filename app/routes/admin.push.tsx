/**
 * /admin/push — the systems allowed to push dossiers to the national-portal receiver (ADR 021): create (the
 * password is shown once), new password, deactivate / reactivate; what to configure on the sender's side;
 * the staging table's state. Admin only; every change audited (app/auth/push-senders.server.ts).
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getStores } from '~/models/stores.server'
import { adminError } from '~/auth/admin.server'
import { requireAdminAction, requirePermission } from '~/auth/guard.server'
import { createPushSender, listPushSenders, resetPushSenderPassword, setPushSenderActive } from '~/auth/push-senders.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage } from '~/components/layout/AdminPage'
import { CsrfInput } from '~/auth/components'
import { inboxStatus } from '../../db/sources/push-inbox.ts'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Hệ thống gửi đồng bộ — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'users.manage')
  const stores = await getStores()
  const [senders, inbox] = await Promise.all([listPushSenders(stores), inboxStatus(stores.pg.db)])
  return {
    shell: await loadShell(stores),
    senders,
    inbox,
    enabled: stores.config.TTHC_SOURCE_KIND === 'dvcqg-push',
    adapterUrl: `${new URL(request.url).origin}/dvcqg`,
  }
}

type Result = { password: string | null; dstcode: string | null; error: string | null }

export async function action({ request }: ActionFunctionArgs) {
  const { form, by } = await requireAdminAction(request)
  const stores = await getStores()
  const id = () => z.coerce.number().int().positive().parse(form.get('id'))
  try {
    switch (form.get('intent')) {
      case 'create': {
        const input = { dstcode: form.get('dstcode'), username: form.get('username'), label: form.get('label') }
        const created = await createPushSender(stores, input, by)
        return { password: created.password, dstcode: String(input.dstcode).trim(), error: null } satisfies Result
      }
      case 'reset': {
        const r = await resetPushSenderPassword(stores, id(), by)
        return { password: r.password, dstcode: String(form.get('dstcode') ?? ''), error: null } satisfies Result
      }
      case 'deactivate':
      case 'activate':
        await setPushSenderActive(stores, id(), form.get('intent') === 'activate', by)
        return { password: null, dstcode: null, error: null } satisfies Result
      default:
        return data({ password: null, dstcode: null, error: 'Yêu cầu không hợp lệ / unknown request' } satisfies Result, { status: 400 })
    }
  } catch (e) {
    return data({ password: null, dstcode: null, error: adminError(e) } satisfies Result, { status: 400 })
  }
}

export default function AdminPush() {
  const { shell, senders, inbox, enabled, adapterUrl } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  return (
    <AdminPage shell={shell} current="push" help={t('push.help')} error={result?.error}>
      {result?.password && (
        <div className="notice" role="status">
          <p>
            {t('push.passwordOnce')} <strong>{result.dstcode}</strong>
          </p>
          <p>
            <code className="secret" data-password>
              {result.password}
            </code>
          </p>
        </div>
      )}
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
      <h2>{t('push.senders')}</h2>
      {senders.length === 0 ? (
        <p className="muted">{t('push.none')}</p>
      ) : (
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
                <tr key={s.id} data-dstcode={s.dstcode}>
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
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminPage>
  )
}
