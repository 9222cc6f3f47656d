/** /admin/tokens's parts: the form for a new API token (a user, a label, a validity) and one token's row. */
import { Form, useSearchParams } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import type { Role } from '~/auth/roles'
import type { listApiTokens } from '~/auth/api-tokens.server'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

type TokenUser = { id: string; email: string; roles: Role[]; communeCode: string | null }

/** A new token for an active user (?user= preselects one), with a label and a validity in days (or none). */
export function NewTokenForm({ users, validity }: { users: TokenUser[]; validity: { choices: number[]; default: number } }) {
  const t = useT()
  const [search] = useSearchParams()
  return (
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
  )
}

type Token = Awaited<ReturnType<typeof listApiTokens>>[number]

/** One token: id, user, label, created, last used, expiry, and its state (revoked, expired, or a revoke button). */
export function TokenRow({ tk, now }: { tk: Token; now: string }) {
  const t = useT()
  const lang = useLang()
  return (
    <tr data-token-id={tk.id}>
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
  )
}
