/**
 * Security headers on every response, mounted first in server.ts (before static files and Remix).
 *
 * CSP: scripts only from this origin or carrying this response's nonce. Remix needs inline scripts for
 * hydration (the route manifest and the loader data), so each request gets a random nonce; entry.server.tsx
 * passes it to React's stream and root.tsx to <Scripts/>. No 'unsafe-eval', no 'unsafe-inline' for scripts.
 * Styles allow 'unsafe-inline' because React `style={…}` attributes and recharts' SVG use inline styles;
 * CSS cannot run script, and no third-party origin is allowed anywhere (the app runs on a closed network).
 */
import crypto from 'node:crypto'
import type { RequestHandler } from 'express'

export const NONCE_HEADER = 'x-csp-nonce'
export const CLIENT_IP_HEADER = 'x-mck-client-ip'

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Vite's HMR socket in development only.
    `connect-src 'self'${dev ? ' ws://localhost:24678 ws://127.0.0.1:24678' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaders(opts: { dev?: boolean } = {}): RequestHandler {
  const dev = opts.dev ?? process.env.NODE_ENV === 'development'
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString('base64')
    // Passed to Remix as request headers; whatever a client sent under these names is overwritten.
    req.headers[NONCE_HEADER] = nonce
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? ''
    res.locals.cspNonce = nonce
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, dev))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  }
}
