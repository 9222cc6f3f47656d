/**
 * The one process: HTTP server (Remix), ETL scheduler, and the owner of the embedded stores.
 * `npm start` builds if needed and runs this with `node --import tsx server.ts`.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import { loadConfigOrReport, type Config } from './db/config.ts'
import { closeStores, openStores } from './db/stores.ts'
import { DataDirBusyError } from './db/lock.ts'
import { startScheduler, type Scheduler } from './etl/scheduler.ts'
import { controlRouter } from './etl/control.ts'
import { mountExtensions } from './server.extensions.ts'
import { attachScheduler, registerRollupSteps } from './server.wiring.ts'
import { securityHeaders } from './app/auth/headers.server.ts'
import { loadShedding, type Shedding } from './server.shedding.ts'

const root = path.dirname(fileURLToPath(import.meta.url))

export interface RunningServer {
  url: string
  /** The admission queue and the per-client counts (ADR 027, 039): what tests and the bench look at. */
  shedding: Shedding
  close(): Promise<void>
}

export async function startServer(config: Config): Promise<RunningServer> {
  const started = Date.now()
  const stores = await openStores(config)
  const app = express()
  app.disable('x-powered-by')
  // Behind a reverse proxy, the client address comes from X-Forwarded-For, but only from the proxies named in
  // TRUST_PROXY (sign-in lock-out per IP and the audit log's addresses depend on it).
  app.set('trust proxy', config.TRUST_PROXY)
  app.use(securityHeaders()) // CSP with a per-request nonce, nosniff, frame-ancestors… on every response (app/auth)

  let viteClose: (() => Promise<void>) | undefined
  let build: ServerBuild | (() => Promise<ServerBuild>)
  if (process.env.NODE_ENV === 'development') {
    const vite = await import('vite')
    const before = new Set(process.listeners('SIGTERM'))
    const devServer = await vite.createServer({ server: { middlewareMode: true } })
    // The Remix Vite plugin exits the process on SIGTERM before the stores close: take its handler off.
    for (const l of process.listeners('SIGTERM')) if (!before.has(l)) process.off('SIGTERM', l)
    app.use(devServer.middlewares)
    build = () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
    viteClose = () => devServer.close()
  } else {
    app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
    app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
    build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
  }

  registerRollupSteps()
  const scheduler: Scheduler = startScheduler(stores, undefined, config.SCHEDULER === 'on')
  attachScheduler(stores, scheduler)
  // Admission queue, 503 + Retry-After, and each request's AbortSignal for its ClickHouse reads (ADR 027).
  const shedding = loadShedding(config)
  app.use(shedding.middleware)
  if (stores.lock) app.use('/internal', controlRouter(scheduler, stores.lock.info.token))
  await mountExtensions(app, { config, stores, scheduler })
  app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }))

  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s)).on('error', reject)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  stores.lock?.setPort(port)
  stores.runtime = { port }
  const url = `http://localhost:${port}`
  console.log(
    `Một Cửa KPI đang chạy tại ${url}  (Postgres: ${stores.pg.kind}, ClickHouse: ${stores.ch.kind}, ` +
      `tỉnh ${config.PROVINCE_CODE}, khởi động ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )

  let closing: Promise<void> | undefined
  return {
    url,
    shedding,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((r) => server.close(() => r()))
        server.closeAllConnections?.()
        await scheduler.stop()
        await viteClose?.()
        await closeStores()
      })()),
  }
}

async function main() {
  const config = loadConfigOrReport()
  if (!config) process.exit(2)
  let running: RunningServer
  try {
    running = await startServer(config)
  } catch (e) {
    if (e instanceof DataDirBusyError) {
      console.error(e.message)
      process.exit(3)
    }
    throw e
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: đang dừng… / stopping…`)
    const force = setTimeout(() => process.exit(1), 30_000)
    force.unref()
    await running.close()
    console.log('Đã dừng an toàn / stopped cleanly')
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
