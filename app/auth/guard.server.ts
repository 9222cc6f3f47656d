/**
 * The access layer for loaders, actions, exports and API resource routes. Every route calls one of these
 * (the express gate has already applied the route's policy; these give the route its user and check what
 * the gate cannot see: form fields, and codes the route reads from elsewhere).
 *
 *   const user = await requirePermission(request, 'kpi.read')
 *   const user = await requireCommuneAccess(request, params.code!)          // 403 for another commune
 *   const codes = scopeCommunes(user)                                       // 'all' | [own commune]
 *   const { user, form } = await requireAction(request, 'staffing.edit')   // + CSRF + commune fields
 */
import path from 'node:path'
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { getStores } from '../../db/stores.ts'
import { decide } from './access.ts'
import { audit } from './audit.server.ts'
import { CSRF_FIELD, checkCsrf } from './csrf.server.ts'
import { identify, type AuthUser, type Identity } from './identity.server.ts'
import { homePathFor, reach, type Permission } from './permissions.ts'
import { asList, matchPolicy } from './policy.ts'
import { provinceLookupFor } from './province.server.ts'

export type { AuthUser } from './identity.server.ts'

const cache = new WeakMap<Request, Promise<Identity>>()

function identityOf(request: Request): Promise<Identity> {
  let p = cache.get(request)
  if (!p) {
    p = getStores().then((s) => identify(s, { cookie: request.headers.get('Cookie'), authorization: request.headers.get('Authorization') }))
    cache.set(request, p)
  }
  return p
}

/** API callers get JSON errors; people get pages and redirects. */
export function wantsJson(request: Request): boolean {
  const url = new URL(request.url)
  return (
    url.pathname.startsWith('/api/') ||
    request.headers.has('Authorization') ||
    /application\/json/.test(request.headers.get('Accept') ?? '')
  )
}

export function refuse(request: Request, status: 401 | 403, message?: string): Response {
  const text =
    message ??
    (status === 401
      ? 'Cần đăng nhập. / Sign-in required.'
      : 'Bạn không có quyền truy cập nội dung này. / You are not allowed to access this.')
  if (wantsJson(request))
    return Response.json(
      { error: status === 401 ? 'unauthorized' : 'forbidden', message: text },
      { status, headers: status === 401 ? { 'WWW-Authenticate': 'Bearer realm="mot-cua-kpi"' } : undefined },
    )
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** The signed-in user (session cookie or Bearer token), or null. */
export async function getUser(request: Request): Promise<AuthUser | null> {
  const id = await identityOf(request)
  return id.kind === 'user' ? id.user : null
}

/** The user, or a redirect to /login?next=… (pages) / a 401 JSON (API, Bearer). */
export async function requireUser(request: Request): Promise<AuthUser> {
  const id = await identityOf(request)
  if (id.kind === 'user') return id.user
  if (id.kind === 'bad-token' || wantsJson(request)) throw refuse(request, 401)
  const url = new URL(request.url)
  const next = url.pathname + url.search
  throw new Response(null, {
    status: 302,
    headers: { Location: `/login?next=${encodeURIComponent(next)}${id.expired ? '&expired=1' : ''}` },
  })
}

export async function requirePermission(request: Request, perm: Permission): Promise<AuthUser> {
  const user = await requireUser(request)
  if (reach(user, perm) === null) throw refuse(request, 403)
  return user
}

/** True when `user` may use `perm` on commune `code`. */
export function canAccessCommune(user: AuthUser, code: string, perm: Permission = 'kpi.read'): boolean {
  const r = reach(user, perm)
  return r === 'all' || (r !== null && r.commune === code)
}

/** 403 unless the user may use `perm` for this commune (a commune user: only their own). */
export async function requireCommuneAccess(request: Request, communeCode: string, perm: Permission = 'kpi.read'): Promise<AuthUser> {
  const user = await requirePermission(request, perm)
  if (!canAccessCommune(user, communeCode, perm)) throw refuse(request, 403)
  return user
}

/** The communes a user may see with `perm`, for list pages: 'all', or only their own (or none). */
export function scopeCommunes(user: AuthUser, perm: Permission = 'kpi.read'): 'all' | string[] {
  const r = reach(user, perm)
  return r === null ? [] : r === 'all' ? 'all' : [r.commune]
}

/** Applies this URL's entry in the route-policy registry (the same decision as the gate) and returns the user. */
export async function requireRouteAccess(request: Request): Promise<AuthUser | null> {
  const url = new URL(request.url)
  const m = matchPolicy(url.pathname)
  if (!m) throw new Response('Not found', { status: 404 })
  if (m.policy.access === 'public') return getUser(request)
  const user = await requireUser(request)
  const d = decide(m.policy, m.params, url.searchParams, user, await provinceLookupFor((await getStores()).pg, user))
  if (!d.ok) throw refuse(request, d.status)
  return user
}

const BAD_FORM =
  'Nội dung gửi lên không phải biểu mẫu hợp lệ (cần application/x-www-form-urlencoded hoặc multipart/form-data). / ' +
  'The request body is not a valid form (send application/x-www-form-urlencoded or multipart/form-data).'

/**
 * The request's form, or a 400 (JSON for API callers, text for people) when the body is not a form — a
 * `text/plain` or JSON body, a broken multipart — instead of the TypeError (500) `formData()` throws. The one
 * place actions read their body (requireAction, the sign-in and sign-out actions).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') throw badRequest(request, BAD_FORM)
  try {
    return await request.formData()
  } catch {
    throw badRequest(request, BAD_FORM)
  }
}

function badRequest(request: Request, message: string): Response {
  if (wantsJson(request)) return Response.json({ error: 'bad_request', message }, { status: 400 })
  return new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * For actions: the user (with `perm`), the parsed form, the CSRF check (session users; Bearer callers are
 * exempt), and every commune code in the form fields the route's policy declares (plus `communeFields`).
 */
export async function requireAction(
  request: Request,
  perm: Permission | 'signed-in',
  opts: { communeFields?: string[] } = {},
): Promise<{ user: AuthUser; form: FormData }> {
  const user = perm === 'signed-in' ? await requireUser(request) : await requirePermission(request, perm)
  const form = await readForm(request)
  if (user.via === 'session' && !checkCsrf(user.sessionToken, form.get(CSRF_FIELD)))
    throw refuse(request, 403, 'Phiên biểu mẫu không hợp lệ, hãy tải lại trang. / Invalid form token (CSRF): reload the page.')
  const m = matchPolicy(new URL(request.url).pathname)
  const fields = [...asList(m?.policy.commune?.form), ...(opts.communeFields ?? [])]
  if (perm !== 'signed-in')
    for (const f of fields)
      for (const v of form.getAll(f)) if (typeof v !== 'string' || !canAccessCommune(user, v, perm)) throw refuse(request, 403)
  return { user, form }
}

export interface UploadLimits {
  /** Where the file part is written (streamed, never held in memory). */
  directory: string
  /** The file's largest size: checked on Content-Length first, then counted while streaming. */
  maxBytes: number
  /** The name of the file field (other parts are small text fields). */
  field: string
}

/** The upload is over the size limit: answered 413 by the route. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`upload larger than ${maxBytes} bytes`)
    this.name = 'UploadTooLargeError'
  }
}

/**
 * `requireAction` for a multipart upload: the user, the permission and the CSRF check are the same, but the
 * body is never read into memory. A Content-Length over the limit is refused before a byte is read; otherwise
 * the file part streams to `directory` and the write stops (file removed) as soon as it passes `maxBytes`.
 * The form's file entry is then a NodeOnDiskFile (`.getFilePath()`).
 */
export async function requireUpload(request: Request, perm: Permission, limits: UploadLimits): Promise<{ user: AuthUser; form: FormData }> {
  const user = await requirePermission(request, perm)
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'multipart/form-data') {
    // A form without a file (url-encoded: small by nature): the same checks as any action; the route finds no file.
    const form = await readForm(request)
    if (user.via === 'session' && !checkCsrf(user.sessionToken, form.get(CSRF_FIELD)))
      throw refuse(request, 403, 'Phiên biểu mẫu không hợp lệ, hãy tải lại trang. / Invalid form token (CSRF): reload the page.')
    return { user, form }
  }
  const declared = Number(request.headers.get('Content-Length') ?? NaN)
  if (Number.isFinite(declared) && declared > limits.maxBytes + 64 * 1024) throw new UploadTooLargeError(limits.maxBytes)
  const files = unstable_createFileUploadHandler({
    directory: limits.directory,
    maxPartSize: limits.maxBytes,
    avoidFileConflicts: true,
    filter: ({ name }) => name === limits.field,
    file: ({ filename }) => `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeFileName(filename)}`,
  })
  const fields = unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 })
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(files, fields))
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError || (e as Error)?.name === 'MaxPartSizeExceededError') {
      // The part that passed its limit: the file (streamed to disk, removed by the handler) or a text field.
      throw new UploadTooLargeError(limits.maxBytes)
    }
    throw badRequest(request, BAD_FORM)
  }
  if (user.via === 'session' && !checkCsrf(user.sessionToken, form.get(CSRF_FIELD))) {
    await removeUploaded(form)
    throw refuse(request, 403, 'Phiên biểu mẫu không hợp lệ, hãy tải lại trang. / Invalid form token (CSRF): reload the page.')
  }
  return { user, form }
}

/** Deletes the files an upload form wrote to disk. */
export async function removeUploaded(form: FormData): Promise<void> {
  for (const [, v] of form) if (v instanceof NodeOnDiskFile) await v.remove().catch(() => undefined)
}

/** A file name safe to keep on disk: letters, digits, . _ - (NFC), at most 80 characters plus the extension. */
export function safeFileName(name: string): string {
  const ext = path
    .extname(name)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '')
    .slice(0, 10)
  const base = path
    .basename(name, path.extname(name))
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .slice(0, 80)
  return `${base || 'tep'}${ext}`
}

/** An admin page's action: the admin (users.manage), the form, and who acts from where (for the audit). */
export async function requireAdminAction(request: Request) {
  const { user, form } = await requireAction(request, 'users.manage')
  return { user, form, by: { actor: user.email, ip: clientIp(request) } }
}

/** The client's address, as the server saw it (set by the security middleware; never the client's own header). */
export function clientIp(request: Request): string | null {
  return request.headers.get('x-mck-client-ip')
}

export function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}

/** Audits something a signed-in user did in this request: actor, IP and time filled in. */
export async function auditRequest(
  request: Request,
  user: AuthUser,
  action: string,
  target?: string | null,
  detail?: unknown,
): Promise<void> {
  await audit(await getStores(), {
    actor: user.email,
    action,
    target: target ?? null,
    detail: user.via === 'token' ? { ...(detail as object), via: 'token', tokenId: user.tokenId } : detail,
    ip: clientIp(request),
  })
}

/** Where a user lands after signing in. */
export function homeFor(user: AuthUser): string {
  return homePathFor(user)
}

/** A `next=` target: only a path on this site, never the sign-in pages themselves (no open redirect). */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null
  if (/^\/log(in|out)(\b|$)/.test(next)) return null
  return next.slice(0, 2000)
}
