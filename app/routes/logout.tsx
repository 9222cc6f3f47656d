/** /logout — POST (with the CSRF token) ends the session; GET asks for confirmation. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getStores } from '~/models/stores.server'
import { audit } from '~/auth/audit.server'
import { CSRF_FIELD, checkCsrf } from '~/auth/csrf.server'
import { clientIp, getUser, isSecure, readForm } from '~/auth/guard.server'
import { clearSessionCookie, destroySession } from '~/auth/sessions.server'
import { CsrfInput } from '~/auth/components'
import { useT } from '~/root'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (!user) throw redirect('/login')
  return { email: user.email }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request)
  const form = await readForm(request)
  const clear = { 'Set-Cookie': clearSessionCookie(isSecure(request)) }
  if (!user || user.via !== 'session' || !user.sessionToken) return redirect('/login', { headers: clear })
  if (!checkCsrf(user.sessionToken, form.get(CSRF_FIELD)))
    throw new Response('Biểu mẫu không hợp lệ (CSRF). / Invalid form token (CSRF).', { status: 403 })
  const stores = await getStores()
  await destroySession(stores, user.sessionToken)
  await audit(stores, { actor: user.email, action: 'auth.sign_out', target: user.email, ip: clientIp(request) })
  return redirect('/login', { headers: clear })
}

export default function Logout() {
  const { email } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <main className="page auth-page">
      <h1>{t('auth.signOut')}</h1>
      <p>
        {t('auth.signOutConfirm')} ({email})
      </p>
      <Form method="post">
        <CsrfInput />
        <button type="submit">{t('auth.signOut')}</button>
      </Form>
    </main>
  )
}
