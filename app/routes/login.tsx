/** /login — sign in with e-mail and password. In demo mode, the demo accounts are listed, labelled. */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { getStores } from '~/models/stores.server'
import { checkCsrf, csrfFor, preSessionKey } from '~/auth/csrf.server'
import { listDemoCredentials } from '~/auth/demo.server'
import { loadActiveUser } from '~/auth/identity.server'
import { clientIp, getUser, homeFor, isSecure, readForm, safeNext } from '~/auth/guard.server'
import { sessionCookie } from '~/auth/sessions.server'
import { signIn } from '~/auth/sign-in.server'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Đăng nhập — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const next = safeNext(url.searchParams.get('next'))
  const user = await getUser(request)
  if (user) throw redirect(next ?? homeFor(user))
  const stores = await getStores()
  const { key, setCookie } = preSessionKey(request, isSecure(request))
  const demo = await listDemoCredentials(stores, stores.config)
  return data(
    { csrf: csrfFor(key), next, expired: url.searchParams.get('expired') === '1', demo },
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  )
}

const SignInForm = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(200),
  csrf: z.string().max(200).default(''),
  next: z.string().max(2000).optional(),
})

export async function action({ request }: ActionFunctionArgs) {
  const parsed = SignInForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: 'invalid' as const, until: null }, { status: 400 })
  const f = parsed.data
  const { key } = preSessionKey(request, isSecure(request))
  if (!checkCsrf(key, f.csrf)) return data({ error: 'csrf' as const, until: null }, { status: 403 })
  const stores = await getStores()
  const result = await signIn(stores, { email: f.email, password: f.password, ip: clientIp(request) })
  if (!result.ok) {
    const status = result.reason === 'invalid' ? 401 : 429
    return data({ error: result.reason, until: result.until?.toISOString() ?? null }, { status })
  }
  const user = await loadActiveUser(stores, result.userId)
  const to = safeNext(f.next) ?? (user ? homeFor({ ...user, via: 'session' }) : '/')
  return redirect(to, { headers: { 'Set-Cookie': sessionCookie(result.sessionToken, isSecure(request)) } })
}

export default function Login() {
  const { csrf, next, expired, demo } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  const busy = useNavigation().state === 'submitting'
  const error =
    result?.error === 'throttled'
      ? `${t('auth.throttled')} ${fmtDateTime(result.until, lang)}.`
      : result?.error === 'ip-blocked'
        ? `${t('auth.ipBlocked')} ${fmtDateTime(result.until, lang)}.`
        : result?.error === 'csrf'
          ? t('auth.csrf')
          : result?.error
            ? t('auth.invalid')
            : null
  return (
    <main className="page auth-page">
      <header className="top">
        <h1>{t('appName')}</h1>
        <nav className="no-print" aria-label={t('language')}>
          <a href="?lang=vi" aria-current={lang === 'vi'}>
            Tiếng Việt
          </a>{' '}
          ·{' '}
          <a href="?lang=en" aria-current={lang === 'en'}>
            English
          </a>
        </nav>
      </header>
      <p className="muted">{t('appTagline')}</p>
      <section className="auth-card" aria-labelledby="signin-title">
        <h2 id="signin-title">{t('auth.signInTitle')}</h2>
        {expired && !error && (
          <p className="notice" role="status">
            {t('auth.expired')}
          </p>
        )}
        {error && (
          <p className="error-card" role="alert">
            {error}
          </p>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="csrf" value={csrf} />
          {next && <input type="hidden" name="next" value={next} />}
          <label>
            {t('auth.email')}
            <input name="email" type="text" inputMode="email" autoComplete="username" required autoFocus maxLength={254} />
          </label>
          <label>
            {t('auth.password')}
            <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
          </label>
          <button type="submit" disabled={busy}>
            {t('auth.signIn')}
          </button>
        </Form>
      </section>
      {demo.length > 0 && (
        <section className="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">
            <span className="badge-synthetic">DEMO</span> {t('auth.demoTitle')}
          </h2>
          <p className="muted">{t('auth.demoNote')}</p>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t('auth.role')}</th>
                  <th>{t('auth.email')}</th>
                  <th>{t('auth.password')}</th>
                </tr>
              </thead>
              <tbody>
                {demo.map((d) => (
                  <tr key={d.email} data-demo-role={d.role}>
                    <td>
                      {t.code(`auth.role.${d.role}`)}
                      {d.communeCode ? ` — ${t('auth.communeCode')} ${d.communeCode}` : ''}
                    </td>
                    <td>
                      <code>{d.email}</code>
                    </td>
                    <td>
                      <code>{d.password}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </main>
  )
}
