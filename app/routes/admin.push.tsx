/**
 * /admin/push — the systems allowed to push dossiers to the national-portal receiver (ADR 021): create (the
 * password is shown once), new password, deactivate / reactivate; what to configure on the sender's side;
 * the staging table's state. Admin only; every change audited (app/auth/push-senders.server.ts).
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getStores } from '~/models/stores.server'
import { adminError } from '~/auth/admin.server'
import { requireAdminAction, requirePermission } from '~/auth/guard.server'
import { createPushSender, listPushSenders, resetPushSenderPassword, setPushSenderActive } from '~/auth/push-senders.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage } from '~/components/layout/AdminPage'
import { NewSenderForm, PushEndpoints, SendersTable } from '~/components/admin/PushSenders'
import { inboxStatus } from '../../db/sources/push-inbox.ts'
import { useT } from '~/root'

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
      <PushEndpoints enabled={enabled} adapterUrl={adapterUrl} inbox={inbox} />
      <NewSenderForm />
      <h2>{t('push.senders')}</h2>
      {senders.length === 0 ? <p className="muted">{t('push.none')}</p> : <SendersTable senders={senders} />}
    </AdminPage>
  )
}
