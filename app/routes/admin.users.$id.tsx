/** /admin/users/:id — one account: change roles and commune (audited), deactivate, reset the password, unlock. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useSearchParams } from '@remix-run/react'
import { getStores } from '~/models/stores.server'
import { adminError, communeOptions, formList } from '~/auth/admin.server'
import { listApiTokens } from '~/auth/api-tokens.server'
import { clientIp, requireAction, requirePermission } from '~/auth/guard.server'
import { getUser, resetPassword, setActive, setRoles, unlockUser } from '~/auth/users.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage } from '~/components/layout/AdminPage'
import { AccountActions, PasswordSection, RolesSection, UserTokens } from '~/components/admin/UserAccount'
import type { Role } from '~/auth/roles'
import { usePage } from '~/components/layout/use-page'
import { fmtDateTime } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Tài khoản — Một Cửa KPI' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'users.manage')
  const stores = await getStores()
  const user = await getUser(stores, params.id ?? '')
  if (!user) throw new Response('Không tìm thấy tài khoản / no such user', { status: 404 })
  return {
    shell: await loadShell(stores),
    user: { ...user, locked: !!user.lockedUntil && user.lockedUntil.getTime() > Date.now() },
    tokens: await listApiTokens(stores, user.id),
    communes: await communeOptions(stores, stores.config.PROVINCE_CODE),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user: admin, form } = await requireAction(request, 'users.manage')
  const stores = await getStores()
  const target = await getUser(stores, params.id ?? '')
  if (!target) throw new Response('Không tìm thấy tài khoản / no such user', { status: 404 })
  const by = { actor: admin.email, ip: clientIp(request) }
  try {
    switch (form.get('intent')) {
      case 'roles':
        await setRoles(
          stores,
          target.id,
          { roles: formList(form, 'roles') as Role[], communeCode: String(form.get('communeCode') ?? '') },
          by,
        )
        return { ok: 'auth.saved' as const, error: null }
      case 'deactivate':
        await setActive(stores, target.id, false, by)
        return { ok: 'auth.sessionsEnded' as const, error: null }
      case 'activate':
        await setActive(stores, target.id, true, by)
        return { ok: 'auth.saved' as const, error: null }
      case 'password':
        await resetPassword(stores, target.id, String(form.get('password') ?? ''), by)
        return { ok: 'auth.sessionsEnded' as const, error: null }
      case 'unlock':
        await unlockUser(stores, target.id, by)
        return { ok: 'auth.saved' as const, error: null }
      default:
        return data({ ok: null, error: 'Yêu cầu không hợp lệ / unknown request' }, { status: 400 })
    }
  } catch (e) {
    return data({ ok: null, error: adminError(e) }, { status: 400 })
  }
}

export default function AdminUser() {
  const {
    data: { shell, user, tokens, communes },
    result,
    t,
    lang,
  } = usePage<typeof loader, typeof action>()
  const [search] = useSearchParams()
  return (
    <AdminPage shell={shell} current="users">
      <p>
        <a href="/admin/users">{t('auth.back')}</a>
      </p>
      <h2>
        {user.email} {user.displayName ? `— ${user.displayName}` : ''}
      </h2>
      {search.get('created') === '1' && !result && (
        <p className="notice" role="status">
          {t('auth.created')}.
        </p>
      )}
      {result?.ok && (
        <p className="notice" role="status">
          {t(result.ok)}
        </p>
      )}
      {result?.error && (
        <p className="error-card" role="alert">
          {result.error}
        </p>
      )}
      <p>
        {t('auth.status')}: <strong>{user.active ? t('auth.active') : t('auth.inactive')}</strong>
        {user.locked && ` · ${t('auth.lockedUntil')} ${fmtDateTime(user.lockedUntil, lang)}`} · {t('auth.createdAt')}{' '}
        {fmtDateTime(user.createdAt, lang)} · {t('auth.lastLogin')} {fmtDateTime(user.lastLoginAt, lang)}
      </p>

      <RolesSection user={user} communes={communes} />

      <PasswordSection />

      <AccountActions user={user} />

      <UserTokens userId={user.id} tokens={tokens} />
    </AdminPage>
  )
}
