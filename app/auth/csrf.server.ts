/**
 * CSRF: a synchronizer token tied to the session. The token is HMAC-SHA256(session token, "csrf"), so it
 * needs no storage, changes with every session, and cannot be computed without the httpOnly cookie.
 * Before sign-in (the sign-in form) the key is a random `mck_csrf` cookie instead (double submit).
 * Requests authenticated by an API token (Bearer) carry no ambient credentials and are exempt.
 */
import crypto from 'node:crypto'
import { readCookie } from './sessions.server.ts'
import { randomToken, safeEqual } from './secrets.server.ts'

export const CSRF_FIELD = 'csrf'
export const PRE_SESSION_COOKIE = 'mck_csrf'

export function csrfFor(key: string): string {
  return crypto.createHmac('sha256', key).update('csrf-v1').digest('base64url')
}

export function checkCsrf(key: string | null | undefined, presented: unknown): boolean {
  return typeof presented === 'string' && !!key && presented.length > 0 && safeEqual(csrfFor(key), presented)
}

/** The pre-session key from the request, or a new one with the Set-Cookie that stores it. */
export function preSessionKey(request: Request, secure: boolean): { key: string; setCookie?: string } {
  const existing = readCookie(request.headers.get('Cookie'), PRE_SESSION_COOKIE)
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return { key: existing }
  const key = randomToken(24)
  return { key, setCookie: `${PRE_SESSION_COOKIE}=${key}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}` }
}
