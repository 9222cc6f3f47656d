/** The interface language: `?lang=en|vi` sets a cookie; the cookie is read on every request. Default vi. */
import type { Lang } from './format.ts'

export function langFromRequest(request: Request): { lang: Lang; setCookie?: string } {
  const q = new URL(request.url).searchParams.get('lang')
  if (q === 'vi' || q === 'en') return { lang: q, setCookie: `lang=${q}; Path=/; Max-Age=31536000; SameSite=Lax` }
  const m = /(?:^|;\s*)lang=(vi|en)/.exec(request.headers.get('Cookie') ?? '')
  return { lang: (m?.[1] as Lang | undefined) ?? 'vi' }
}
