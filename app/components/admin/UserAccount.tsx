/** One account's sections on /admin/users/:id: roles and commune, a new password, lock and activity, its API tokens. */
import { Form } from '@remix-run/react'
import { CsrfInput, RoleFields } from '~/auth/components'
import type { Role } from '~/auth/roles'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

type Commune = { code: string; name: string }

/** The account's roles and (for a commune role) its commune; the form is remounted when they change. */
export function RolesSection({ user, communes }: { user: { roles: Role[]; communeCode: string | null }; communes: Commune[] }) {
  const t = useT()
  return (
    <section aria-labelledby="roles-title">
      <h3 id="roles-title">{t('auth.changeRoles')}</h3>
      <Form method="post" className="stack" key={user.roles.join(',') + user.communeCode}>
        <CsrfInput />
        <input type="hidden" name="intent" value="roles" />
        <RoleFields communes={communes} roles={user.roles} communeCode={user.communeCode ?? ''} />
        <button type="submit">{t('auth.save')}</button>
      </Form>
    </section>
  )
}

/** Sets a new password (at least 10 characters) for the account. */
export function PasswordSection() {
  const t = useT()
  return (
    <section aria-labelledby="password-title">
      <h3 id="password-title">{t('auth.resetPassword')}</h3>
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="intent" value="password" />
        <label>
          {t('auth.newPassword')} <input name="password" type="password" minLength={10} required autoComplete="new-password" />
        </label>
        <button type="submit">{t('auth.resetPassword')}</button>
      </Form>
    </section>
  )
}

/** Unlock (when locked out) and deactivate / activate. */
export function AccountActions({ user }: { user: { active: boolean; locked: boolean } }) {
  const t = useT()
  return (
    <section className="actions-row">
      {user.locked && (
        <Form method="post">
          <CsrfInput />
          <button name="intent" value="unlock">
            {t('auth.unlock')}
          </button>
        </Form>
      )}
      <Form method="post">
        <CsrfInput />
        <button name="intent" value={user.active ? 'deactivate' : 'activate'}>
          {user.active ? t('auth.deactivate') : t('auth.activate')}
        </button>
      </Form>
    </section>
  )
}

type TokenView = { id: string; label: string | null; createdAt: Date | string; revokedAt: Date | string | null }

/** The account's API tokens (created, revoked) and a link to make a new one. */
export function UserTokens({ userId, tokens }: { userId: string; tokens: TokenView[] }) {
  const t = useT()
  const lang = useLang()
  return (
    <section aria-labelledby="tokens-title">
      <h3 id="tokens-title">{t('auth.tokens')}</h3>
      {tokens.length === 0 ? (
        <p className="muted">{t('auth.none')}</p>
      ) : (
        <ul>
          {tokens.map((tk) => (
            <li key={tk.id}>
              <code>{tk.id}</code> {tk.label ?? ''} · {t('auth.createdAt')} {fmtDateTime(tk.createdAt, lang)}
              {tk.revokedAt ? ` · ${t('auth.revoked')} ${fmtDateTime(tk.revokedAt, lang)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <a href={`/admin/tokens?user=${userId}`}>{t('auth.newToken')}</a>
    </section>
  )
}
