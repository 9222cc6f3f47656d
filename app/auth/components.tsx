/**
 * Client pieces of the accounts area: the CSRF field every state-changing form must carry, the viewer
 * (who is signed in) and a small user menu with sign-out.
 *
 *   <Form method="post"><CsrfInput /> …</Form>     — checked by requireAction() in the route's action
 */
import { Form, useRouteLoaderData } from '@remix-run/react'
import type { loader as rootLoader } from '../root.tsx'
import { useT } from '../root.tsx'
import type { Viewer } from './root.server.ts'
import { ROLES } from './roles.ts'

type RootData = { auth?: { viewer: Viewer | null; csrf: string | null } }

const useRootAuth = () => (useRouteLoaderData<typeof rootLoader>('root') as RootData | undefined)?.auth

/** The signed-in user (email, roles, commune), or null. */
export function useViewer(): Viewer | null {
  return useRootAuth()?.viewer ?? null
}

export function useCsrf(): string {
  return useRootAuth()?.csrf ?? ''
}

/** The hidden CSRF field (name `csrf`). */
export function CsrfInput() {
  return <input type="hidden" name="csrf" value={useCsrf()} />
}

/** "Signed in as … · Sign out" for page headers. */
export function UserMenu() {
  const viewer = useViewer()
  const t = useT()
  if (!viewer) return null
  return (
    <Form method="post" action="/logout" className="user-menu no-print">
      <span className="muted">
        {t('auth.signedInAs')}: <strong>{viewer.displayName ?? viewer.email}</strong>
        {viewer.communeCode ? ` (${viewer.communeName ?? `${t('auth.communeCode')} ${viewer.communeCode}`})` : ''}
      </span>{' '}
      <CsrfInput />
      <button type="submit">{t('auth.signOut')}</button>
    </Form>
  )
}

/** Navigation between the admin pages (inside the app's frame: the header, menu and language switch come from Layout). */
export function AdminNav({ current }: { current: 'users' | 'tokens' | 'push' | 'audit' }) {
  const t = useT()
  const link = (key: typeof current, href: string, label: string) => (
    <li>
      <a href={href} aria-current={current === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  )
  return (
    <nav aria-label={t('auth.admin')} className="sub-nav no-print" data-testid="admin-nav">
      <ul>
        {link('users', '/admin/users', t('auth.users'))}
        {link('tokens', '/admin/tokens', t('auth.tokens'))}
        {link('push', '/admin/push', t('push.title'))}
        {link('audit', '/admin/audit', t('auth.audit'))}
      </ul>
    </nav>
  )
}

/** A user's roles (checkboxes) and the commune a commune role is bound to, for the new-user and edit-user forms. */
export function RoleFields({
  communes,
  roles = [],
  communeCode = '',
}: {
  communes: readonly { code: string; name: string }[]
  roles?: readonly string[]
  communeCode?: string
}) {
  const t = useT()
  return (
    <>
      <fieldset>
        <legend>{t('auth.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="inline">
            <input type="checkbox" name="roles" value={r} defaultChecked={roles.includes(r)} /> {t(`auth.role.${r}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('auth.communeCode')} ({t('auth.communeHint')})
        <select name="communeCode" defaultValue={communeCode}>
          <option value="">—</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
