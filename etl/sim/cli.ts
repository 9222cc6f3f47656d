/**
 * The simulator as a standalone HTTP source:
 *   npm run sim -- --port N [--host 127.0.0.1] [--province 44|all] [--seed S] [--scale X] [--now ISO]
 *                  [--start YYYY-MM-DD] [--token T] [--eager]
 *   npm run sim -- --stats [--province 44] [--seed S] [--scale X] [--now ISO] [--from D --to D]
 * Serves the contract at the root (TTHC_SOURCE_URL=http://host:port) and prints its URL. All data it
 * serves is synthetic (top-level "synthetic": true, header X-Synthetic-Data: true).
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import express from 'express'
import { z } from 'zod'
import { YMD } from '../../db/lib/vn-time.ts'
import { buildSimData } from './build.ts'
import { simRouter } from './router.ts'
import { SimSource } from './source.ts'
import { periodStats } from './stats.ts'

const Args = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4010),
  host: z.string().default('127.0.0.1'),
  province: z
    .string()
    .regex(/^(\d{2}|all)$/, "a two-digit province code, or 'all' for the whole country")
    .default('44'),
  seed: z.string().optional(),
  scale: z.coerce.number().positive().max(20).default(1),
  now: z.iso.datetime({ offset: true }).optional(),
  start: z.string().regex(YMD).optional(),
  token: z.string().min(1).optional(),
  eager: z.boolean().default(false),
  stats: z.boolean().default(false),
  from: z.string().regex(YMD).optional(),
  to: z.string().regex(YMD).optional(),
})

function args(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        province: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        now: { type: 'string' },
        start: { type: 'string' },
        token: { type: 'string' },
        eager: { type: 'boolean' },
        stats: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
      },
      strict: true,
    }).values
  } catch (e) {
    console.error(`Tham số không hợp lệ / invalid arguments: ${(e as Error).message}`)
    process.exit(2)
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const parsed = Args.safeParse(args(argv))
  if (!parsed.success) {
    const i = parsed.error.issues[0]!
    console.error(`Tham số không hợp lệ / invalid argument --${i.path.join('.')}: ${i.message}`)
    process.exit(2)
  }
  const a = parsed.data
  const seed = a.seed === undefined ? undefined : /^\d+$/.test(a.seed) ? Number(a.seed) : a.seed
  const source = new SimSource({ provinceCode: a.province, seed, scale: a.scale, now: a.now, start: a.start })

  if (a.stats) {
    const now = source.nowSeconds()
    const data = await buildSimData(source.options, Math.floor(now / 86_400))
    const from = a.from ?? source.options.start
    const to = a.to ?? new Date().toISOString().slice(0, 10)
    console.log(
      JSON.stringify(
        {
          synthetic: true,
          buildMs: data.buildMs,
          dossiers: data.dossiers.day.length,
          rssMb: Math.round(process.memoryUsage().rss / 1e6),
          ...periodStats(data, from, to),
        },
        null,
        2,
      ),
    )
    return
  }

  const app = express()
  app.disable('x-powered-by')
  app.use('/', simRouter({ source, token: a.token, eager: a.eager }))
  const server = app.listen(a.port, a.host, () => {
    const addr = server.address()
    const port = typeof addr === 'object' && addr ? addr.port : a.port
    console.log(
      `Trình mô phỏng nguồn TTHC (dữ liệu tổng hợp / synthetic data) tại http://${a.host}:${port}  ` +
        `(tỉnh ${a.province}, seed ${source.options.seed}, scale ${a.scale}${a.now ? `, now ${a.now}` : ''})`,
    )
  })
  const stop = () => server.close(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
