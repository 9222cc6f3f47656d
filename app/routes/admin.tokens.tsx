/** /admin/tokens — API tokens for other systems: create (shown once), list, revoke. Admin only. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useSearchParams } from '@remix-run/react'
import { getStores } from '~/models/stores.server'
import { adminError } from '~/auth/admin.server'
import { createApiToken, DEFAULT_TOKEN_DAYS, listApiTokens, revokeApiToken, TOKEN_DAY_CHOICES } from '~/auth/api-tokens.server'
import { requireAdminAction, requirePermission } from '~/auth/guard.server'
import { listUsers } from '~/auth/users.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage, AdminTable } from '~/components/layout/AdminPage'
import { CsrfInput } from '~/auth/components'
import { usePage } from '~/components/layout/use-page'
import { fmtDateTime } from '~/i18n/format'

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
    lang,
  } = usePage<typeof loader, typeof action>()
  const [search] = useSearchParams()
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
      <section aria-labelledby="new-token">
        <h2 id="new-token">{t('auth.newToken')}</h2>
        <Form method="post" className="stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <label>
            {t('auth.user')}
            <select name="userId" required defaultValue={search.get('user') ?? ''}>
              <option value="">—</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email} ({u.roles.map((r) => t(`auth.role.${r}`)).join(', ')}
                  {u.communeCode ? ` — ${u.communeCode}` : ''})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('auth.label')} <input name="label" maxLength={100} placeholder="Trung tâm điều hành tỉnh (IOC)" />
          </label>
          <label>
            {t('auth.validity')}
            <select name="validDays" defaultValue={String(validity.default)}>
              {validity.choices.map((d) => (
                <option key={d} value={d}>
                  {d} {t('auth.days')}
                </option>
              ))}
              <option value="none">{t('auth.noExpiry')}</option>
            </select>
          </label>
          <button type="submit">{t('auth.create')}</button>
        </Form>
      </section>
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
            <tr key={tk.id} data-token-id={tk.id}>
              <td>
                <code>{tk.id}</code>
              </td>
              <td>{tk.email}</td>
              <td>{tk.label ?? ''}</td>
              <td>{fmtDateTime(tk.createdAt, lang)}</td>
              <td>{fmtDateTime(tk.lastUsedAt, lang)}</td>
              <td>{tk.expiresAt ? fmtDateTime(tk.expiresAt, lang) : t('auth.noExpiry')}</td>
              <td>
                {tk.revokedAt ? (
                  `${t('auth.revoked')} ${fmtDateTime(tk.revokedAt, lang)}`
                ) : tk.expiresAt && new Date(tk.expiresAt).getTime() <= new Date(now).getTime() ? (
                  t('auth.tokenExpired')
                ) : (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={tk.id} />
                    <button type="submit">{t('auth.revoke')}</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </AdminTable>
    </AdminPage>
  )
}
