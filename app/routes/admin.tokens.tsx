/** /admin/tokens — API tokens for other systems: create (shown once), list, revoke. Admin only. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { getStores } from '~/models/stores.server'
import { adminError } from '~/auth/admin.server'
import { createApiToken, DEFAULT_TOKEN_DAYS, listApiTokens, revokeApiToken, TOKEN_DAY_CHOICES } from '~/auth/api-tokens.server'
import { requireAdminAction, requirePermission } from '~/auth/guard.server'
import { listUsers } from '~/auth/users.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage, AdminTable } from '~/components/layout/AdminPage'
import { NewTokenForm, TokenRow } from '~/components/admin/ApiTokens'
import { usePage } from '~/components/layout/use-page'

export const meta: MetaFunction = () => [{ title: 'Mã truy cập API — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'users.manage')
  const stores = await getStores()
  const users = (await listUsers(stores)).filter((u) => u.active)
  return {
    shell: await loadShell(stores),
    tokens: await listApiTokens(stores),
    now: new Date().toISOString(),
    validity: { choices: [...TOKEN_DAY_CHOICES], default: DEFAULT_TOKEN_DAYS },
    users: users.map((u) => ({ id: u.id, email: u.email, roles: u.roles, communeCode: u.communeCode })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { form, by } = await requireAdminAction(request)
  const stores = await getStores()
  try {
    switch (form.get('intent')) {
      case 'create': {
        const days = String(form.get('validDays') ?? DEFAULT_TOKEN_DAYS)
        const created = await createApiToken(stores, String(form.get('userId') ?? ''), String(form.get('label') ?? ''), by, {
          validDays: days === 'none' ? null : Number(days),
        })
        return { token: created.token, tokenId: created.id, error: null }
      }
      case 'revoke':
        await revokeApiToken(stores, String(form.get('id') ?? ''), by)
        return { token: null, tokenId: null, error: null }
      default:
        return data({ token: null, tokenId: null, error: 'Yêu cầu không hợp lệ / unknown request' }, { status: 400 })
    }
  } catch (e) {
    return data({ token: null, tokenId: null, error: adminError(e) }, { status: 400 })
  }
}

export default function AdminTokens() {
  const {
    data: { shell, tokens, users, now, validity },
    result,
    t,
  } = usePage<typeof loader, typeof action>()
  return (
    <AdminPage shell={shell} current="tokens" help={t('auth.tokenHelp')} error={result?.error}>
      {result?.token && (
        <div className="notice" role="status">
          <p>{t('auth.tokenOnce')}</p>
          <p>
            <code className="secret" data-token>
              {result.token}
            </code>
          </p>
        </div>
      )}
      <NewTokenForm users={users} validity={validity} />
      <h2>{t('auth.tokens')}</h2>
      <AdminTable empty={tokens.length === 0}>
        <thead>
          <tr>
            <th>ID</th>
            <th>{t('auth.user')}</th>
            <th>{t('auth.label')}</th>
            <th>{t('auth.createdAt')}</th>
            <th>{t('auth.lastUsed')}</th>
            <th>{t('auth.expiresAt')}</th>
            <th>{t('auth.status')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => (
            <TokenRow key={tk.id} tk={tk} now={now} />
          ))}
        </tbody>
      </AdminTable>
    </AdminPage>
  )
}
