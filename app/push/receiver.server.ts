/**
 * The receiver for the national portal's dossier sync (TTHC_SOURCE_KIND=dvcqg-push, ADR 021): the same calls a
 * provincial one-stop system makes to the portal (docs/design.md §6.3), so it can add us as a second sync target by
 * configuration only. Mounted at `/dvcqg`:
 *
 *   POST /dvcqg/auth          {username, password} + header dstcode → {session, error_code: 0, message}
 *   POST /dvcqg/integration   {session, madonvi, service, data: [...], isUpdating} + header dstcode → {error_code, message}
 *
 * (a client's ADAPTER_URL = https://<host>/dvcqg, auth endpoint `/auth`, integration endpoint `/integration`).
 * Services: DongBoHoSoMC (dossiers, create or update alike) and CapNhatTienDoHoSoMC (processing steps); others
 * answer error_code 5. The items are written to the staging table (personal data dropped) and committed
 * *before* the reply; the `dvcqg-push` job loads them. Replies are HTTP 200 with the portal's
 * `{error_code, message}` — what clients parse — except the transport limits: 413 (body over
 * DVCQG_PUSH_MAX_BODY_MB), 429 with Retry-After (over DVCQG_PUSH_RATE_PER_MIN calls a minute per sender, or
 * 10 failed logins in 15 minutes from one address), 503 when the staging table cannot be written (not
 * acknowledged: the sender retries). Failed logins are audited.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import { LRUCache } from 'lru-cache'
import type { Stores } from '../../db/stores.ts'
import { PUSH_SERVICES } from '../../db/sources/push-fields.ts'
import { stageItems } from '../../db/sources/push-inbox.ts'
import { createPushSession, resolvePushSession } from '../../db/sources/push-sessions.ts'
import { audit } from '../auth/audit.server.ts'
import { verifyPushSender } from '../auth/push-senders.server.ts'

/** The receiver's error codes (0 = success, as the portal answers). */
export const PUSH_ERRORS = {
  badLogin: 1,
  badSession: 2,
  badRequest: 4,
  unsupported: 5,
  tooLarge: 6,
  rateLimited: 7,
  storeFailed: -1,
} as const
export const MAX_ITEMS = 1000
const LOGIN_FAILURES = 10
const LOGIN_WINDOW_MS = 15 * 60_000

interface Window {
  start: number
  n: number
}

export interface ReceiverOptions {
  /** Called after items were staged (the server asks for a drain soon). */
  onStored?: (count: number) => void
}

type Reply = (res: Response, code: number | string, message: string, status?: number, extra?: Record<string, unknown>) => void
type Handler = (req: Request, res: Response, next: NextFunction) => void

/** The portal's reply: `{error_code, message}` (HTTP 200 unless a transport limit says otherwise), never cached. */
const reply: Reply = (res, code, message, status = 200, extra = {}) =>
  void res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ ...extra, error_code: code, message })

const dstcodeOf = (req: Request) => {
  const v = req.get('dstcode')?.trim()
  return v ? v.slice(0, 64) : undefined
}

/** Counts a hit in a fixed window; returns the seconds to wait when over `limit`, else null. */
function over(cache: LRUCache<string, Window>, key: string, limit: number, windowMs: number, count = true): number | null {
  const now = Date.now()
  let w = cache.get(key)
  if (!w || now - w.start >= windowMs) w = { start: now, n: 0 }
  if (count) w.n++
  cache.set(key, w)
  return w.n > limit ? Math.ceil((w.start + windowMs - now) / 1000) : null
}

function limited(res: Response, seconds: number) {
  res.set('Retry-After', String(seconds))
  reply(res, PUSH_ERRORS.rateLimited, `Quá nhiều yêu cầu, thử lại sau ${seconds} giây / too many requests: retry in ${seconds} s`, 429)
}

/** What the handlers share: the stores, the success code the senders expect, and the failed-login windows. */
interface ReceiverContext {
  stores: Stores
  ok: 0 | '00'
  failures: LRUCache<string, Window>
}

/** POST only, and at most DVCQG_PUSH_RATE_PER_MIN calls a minute per sender (its dstcode, else its address). */
function callLimit(stores: Stores): Handler {
  const calls = new LRUCache<string, Window>({ max: 20_000 })
  return (req, res, next) => {
    if (req.method !== 'POST') return reply(res, PUSH_ERRORS.badRequest, 'Chỉ nhận POST / POST only', 405)
    const wait = over(calls, `call:${dstcodeOf(req) ?? req.ip}`, stores.config.DVCQG_PUSH_RATE_PER_MIN, 60_000)
    if (wait !== null) return limited(res, wait)
    next()
  }
}

/** POST /auth: a session for a known sender; a failed login is audited and counts towards the address's limit. */
async function login(ctx: ReceiverContext, req: Request, res: Response): Promise<void> {
  const { stores, failures } = ctx
  const ip = req.ip ?? 'unknown'
  const blocked = over(failures, ip, LOGIN_FAILURES - 1, LOGIN_WINDOW_MS, false)
  if (blocked !== null) return limited(res, blocked)
  const dstcode = dstcodeOf(req)
  const body = (req.body ?? {}) as { username?: unknown; password?: unknown }
  const sender =
    dstcode && typeof body.username === 'string' && typeof body.password === 'string' && body.password.length <= 200
      ? await verifyPushSender(stores, dstcode, body.username, body.password)
      : null
  if (!sender) {
    over(failures, ip, LOGIN_FAILURES, LOGIN_WINDOW_MS)
    await audit(stores, {
      actor: null,
      action: 'push.login_failed',
      target: dstcode ?? null,
      ip,
      detail: { username: typeof body.username === 'string' ? body.username.slice(0, 100) : null },
    })
    return reply(res, PUSH_ERRORS.badLogin, 'Sai thông tin đăng nhập hoặc mã đơn vị (dstcode) / wrong credentials or dstcode')
  }
  const session = await createPushSession(stores.pg.db, sender.id, stores.config.DVCQG_PUSH_SESSION_HOURS)
  reply(res, ctx.ok, 'OK', 200, { session })
}

/** POST /integration: checks the session, the service and the items, then stages them before replying. */
async function integrate(ctx: ReceiverContext, opts: ReceiverOptions, req: Request, res: Response): Promise<void> {
  const db = ctx.stores.pg.db
  const body = req.body as { session?: unknown; madonvi?: unknown; service?: unknown; data?: unknown } | null
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return reply(res, PUSH_ERRORS.badRequest, 'Thân yêu cầu phải là một đối tượng JSON / the body must be a JSON object')
  const sender = await resolvePushSession(db, body.session, dstcodeOf(req))
  if (!sender)
    return reply(
      res,
      PUSH_ERRORS.badSession,
      'Phiên không hợp lệ hoặc đã hết hạn, hãy đăng nhập lại / session invalid or expired: log in again',
    )
  const service = typeof body.service === 'string' ? body.service : ''
  if (!(PUSH_SERVICES as readonly string[]).includes(service))
    return reply(
      res,
      PUSH_ERRORS.unsupported,
      `Dịch vụ không được hỗ trợ / service not supported by this receiver: ${service.slice(0, 60) || '(none)'}`,
    )
  if (!Array.isArray(body.data) || body.data.length === 0 || body.data.length > MAX_ITEMS)
    return reply(res, PUSH_ERRORS.badRequest, `data phải là mảng 1–${MAX_ITEMS} phần tử / data must be an array of 1–${MAX_ITEMS} items`)
  const unit = typeof body.madonvi === 'string' && body.madonvi.trim() ? body.madonvi.trim() : null
  let n: number
  try {
    n = await stageItems(db, sender.id, service, unit, body.data)
  } catch (e) {
    console.error('dvcqg-push: could not stage items', (e as Error).message)
    return reply(res, PUSH_ERRORS.storeFailed, 'Không lưu được, hãy gửi lại sau / could not store: retry later', 503)
  }
  opts.onStored?.(n)
  reply(res, ctx.ok, `Đã nhận ${n} bản ghi / received ${n} items`)
}

/** Body parser refusals in the portal's reply shape. */
function bodyErrors(maxBodyMb: number) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number }
    if (e?.type === 'entity.too.large')
      return reply(res, PUSH_ERRORS.tooLarge, `Yêu cầu vượt quá ${maxBodyMb} MB / body over ${maxBodyMb} MB`, 413)
    if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
      return reply(res, PUSH_ERRORS.badRequest, 'JSON không hợp lệ / the body is not valid JSON')
    next(err)
  }
}

export function pushReceiver(stores: Stores, opts: ReceiverOptions = {}): Router {
  const c = stores.config
  const ctx: ReceiverContext = {
    stores,
    ok: c.DVCQG_PUSH_OK_CODE === '00' ? '00' : 0,
    failures: new LRUCache<string, Window>({ max: 20_000 }),
  }
  const router = express.Router()
  router.use(callLimit(stores))
  router.use(express.json({ limit: `${c.DVCQG_PUSH_MAX_BODY_MB}mb`, type: () => true, strict: false }))
  router.post('/auth', (req, res, next) => void login(ctx, req, res).catch(next))
  router.post('/integration', (req, res, next) => void integrate(ctx, opts, req, res).catch(next))
  router.use(bodyErrors(c.DVCQG_PUSH_MAX_BODY_MB))
  return router
}
