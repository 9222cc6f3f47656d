/**
 * `/internal/users/<op>` on the running server, for `npm run users` while the server owns the embedded
 * stores. Same rule as the ETL control endpoint: the caller presents the token from DATA_DIR/owner.lock
 * (readable only by the account that runs the server) in `x-control-token`.
 */
import express, { type Router } from 'express'
import type { PgStore } from '../../db/pg/client.ts'
import { isUserError, OP_NAMES, opErrorMessage, runUserOp, type OpName } from './operations.server.ts'
import { safeEqual } from './secrets.server.ts'

export function usersControlRouter(stores: { pg: PgStore }, token: string): Router {
  const r = express.Router()
  r.use(express.json({ limit: '64kb' }))
  r.use((req, res, next) => {
    if (!safeEqual(String(req.get('x-control-token') ?? ''), token)) return void res.status(403).json({ error: 'forbidden' })
    next()
  })
  r.post('/:op', async (req, res) => {
    const op = req.params.op as OpName
    if (!OP_NAMES.includes(op)) return void res.status(404).json({ error: `unknown command ${op}` })
    const body = (req.body ?? {}) as { args?: unknown; operator?: unknown }
    const operator = typeof body.operator === 'string' ? body.operator.slice(0, 64) : 'unknown'
    try {
      res.json({ result: await runUserOp(stores, op, body.args ?? {}, { actor: `cli:${operator}`, ip: 'local' }) })
    } catch (e) {
      res.status(isUserError(e) ? 400 : 500).json({ error: opErrorMessage(e) })
    }
  })
  return r
}
