/** /admin/users — every account with roles, commune and state; create an account. Admin only. */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getStores } from '~/models/stores.server'
import { adminError, communeOptions, formList } from '~/auth/admin.server'
import { clientIp, requireAction, requirePermission } from '~/auth/guard.server'
import { createUser, listUsers, tokenCounts } from '~/auth/users.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage } from '~/components/layout/AdminPage'
import { CsrfInput, RoleFields } from '~/auth/components'
import type { Role } from '~/auth/roles'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Tài khoản — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'users.manage')
  const stores = await getStores()
  const users = await listUsers(stores)
  const tokens = await tokenCounts(
    stores,
    users.map((u) => u.id),
  )
  const now = Date.now()
  return {
    shell: await loadShell(stores),
    users: users.map((u) => ({
      ...u,
      locked: !!u.lockedUntil && u.lockedUntil.getTime() > now,
      tokens: tokens.get(u.id) ?? 0,
    })),
    communes: await communeOptions(stores, stores.config.PROVINCE_CODE),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, 'users.manage')
  if (form.get('intent') !== 'create') return data({ error: 'Yêu cầu không hợp lệ / unknown request' }, { status: 400 })
  try {
    const created = await createUser(
      await getStores(),
      {
        email: String(form.get('email') ?? ''),
        displayName: String(form.get('displayName') ?? ''),
        roles: formList(form, 'roles') as Role[],
        communeCode: String(form.get('communeCode') ?? ''),
        password: String(form.get('password') ?? ''),
      },
      { actor: user.email, ip: clientIp(request) },
    )
    return redirect(`/admin/users/${created.id}?created=1`)
  } catch (e) {
    return data({ error: adminError(e) }, { status: 400 })
  }
}

export default function AdminUsers() {
  const { shell, users, communes } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  const communeName = new Map(communes.map((c) => [c.code, c.name]))
  return (
    <AdminPage shell={shell} current="users">
      <h2>
        {t('auth.users')} ({fmtInt(users.length, lang)})
      </h2>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t('auth.email')}</th>
              <th>{t('auth.displayName')}</th>
              <th>{t('auth.roles')}</th>
              <th>{t('commune')}</th>
              <th>{t('auth.status')}</th>
              <th className="hide-sm">{t('auth.lastLogin')}</th>
              <th className="num hide-sm">{t('auth.tokens')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user={u.email}>
                <td>
                  <a href={`/admin/users/${u.id}`}>{u.email}</a>
                </td>
                <td>{u.displayName ?? ''}</td>
                <td>{u.roles.map((r) => t(`auth.role.${r}`)).join(', ')}</td>
                <td>{u.communeCode ? `${communeName.get(u.communeCode) ?? ''} (${u.communeCode})` : ''}</td>
                <td>
                  {u.active ? t('auth.active') : t('auth.inactive')}
                  {u.locked ? ` · ${t('auth.lockedUntil')} ${fmtDateTime(u.lockedUntil, lang)}` : ''}
                </td>
                <td className="hide-sm">{fmtDateTime(u.lastLoginAt, lang)}</td>
                <td className="num hide-sm">{fmtInt(u.tokens, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="new-user">
        <h2 id="new-user">{t('auth.newUser')}</h2>
        {result?.error && (
          <p className="error-card" role="alert">
            {result.error}
          </p>
        )}
        <Form method="post" className="stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <label>
            {t('auth.email')} <input name="email" type="email" required maxLength={254} autoComplete="off" />
          </label>
          <label>
            {t('auth.displayName')} <input name="displayName" maxLength={200} />
          </label>
          <RoleFields communes={communes} />
          <label>
            {t('auth.newPassword')} <input name="password" type="password" minLength={10} required autoComplete="new-password" />
          </label>
          <button type="submit">{t('auth.create')}</button>
        </Form>
      </section>
    </AdminPage>
  )
}
