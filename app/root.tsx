import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { data } from '@remix-run/node'
import styles from './styles.css?url'
import { langFromRequest } from './i18n/lang.server.ts'
import { translate, translateCode, type MessageKey, type MessageParams } from './i18n/messages.ts'
import type { Lang } from './i18n/format.ts'
import { rootAuth } from './auth/root.server.ts'
import { useNonce } from './auth/nonce.tsx'
import { useEffect } from 'react'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { lang, setCookie } = langFromRequest(request)
  const auth = await rootAuth(request) // the signed-in viewer and the CSRF token for forms (app/auth)
  return data({ lang, auth }, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)
}

export function useLang(): Lang {
  return useRouteLoaderData<typeof loader>('root')?.lang ?? 'vi'
}

/**
 * `t(key)` for a key the compiler checks, `t(key, { n: 3 })` for an ICU message with values; `t.code(key)` for one
 * built from data (a status, a server's error), which shows the key itself when no dictionary has it.
 */
export type T = ((key: MessageKey, params?: MessageParams) => string) & { code: (key: string, params?: MessageParams) => string }

export function useT(): T {
  const lang = useLang()
  return Object.assign((key: MessageKey, params?: MessageParams) => translate(lang, key, params), {
    code: (key: string, params?: MessageParams) => translateCode(lang, key, params),
  })
}

function Document({ lang, children }: { lang: Lang; children: React.ReactNode }) {
  const nonce = useNonce() // CSP nonce for Remix's inline scripts (app/auth/headers.server.ts)
  // `<html data-hydrated>` once React owns the page: anything that touches the DOM (a browser test's
  // screenshot hides carets by styling every input) must wait for it, or hydration sees foreign attributes.
  useEffect(() => {
    document.documentElement.dataset.hydrated = ''
  }, [])
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { lang } = useLoaderData<typeof loader>()
  return (
    <Document lang={lang}>
      <Outlet />
    </Document>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const lang = useRouteLoaderData<typeof loader>('root')?.lang ?? 'vi'
  const status = isRouteErrorResponse(error) ? error.status : 500
  const message = isRouteErrorResponse(error)
    ? status === 404
      ? translate(lang, 'error.notFound')
      : String(error.data)
    : translate(lang, 'error.generic')
  return (
    <Document lang={lang}>
      <main className="page">
        <h1>{status}</h1>
        <p role="alert">{message}</p>
        <a href="/">{translate(lang, 'error.home')}</a>
      </main>
    </Document>
  )
}
