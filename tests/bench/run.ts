/**
 * `npm run bench`: runs every tests/bench/*.bench.ts module's exported `run()` in sequence (one process,
 * one machine, one run) and prints one table.
 *
 * A module's `run()` may return `{ title, rows: [{ metric, value, unit?, target?, note? }] }` (printed as
 * is), or any other object, which is flattened into `path = value` rows. `npm run bench -- etl` runs only
 * the modules whose file name contains "etl"; `--json` prints the rows as JSON instead of the table.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface BenchRow {
  metric: string
  value: number | string
  unit?: string
  target?: string
  note?: string
}

interface Section {
  bench: string
  title: string
  rows: BenchRow[]
  seconds: number
  error?: string
}

const here = path.dirname(fileURLToPath(import.meta.url))

function flatten(v: unknown, prefix: string, out: BenchRow[]): void {
  if (v === null || v === undefined) return void out.push({ metric: prefix, value: String(v) })
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    return void out.push({ metric: prefix, value: typeof v === 'boolean' ? String(v) : v })
  if (Array.isArray(v)) return v.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out))
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out)
}

export function toRows(result: unknown): { title?: string; rows: BenchRow[] } {
  const r = result as { title?: unknown; rows?: unknown }
  if (r && Array.isArray(r.rows) && r.rows.every((x) => x && typeof x === 'object' && 'metric' in x && 'value' in x))
    return { title: typeof r.title === 'string' ? r.title : undefined, rows: r.rows as BenchRow[] }
  const rows: BenchRow[] = []
  flatten(result, '', rows)
  return { rows }
}

const fmt = (v: number | string) =>
  typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 })) : v

export function table(sections: Section[]): string {
  const lines: string[] = []
  const head = ['metric', 'value', 'unit', 'target', 'note']
  for (const s of sections) {
    lines.push('', `## ${s.bench} — ${s.title}  (${s.seconds.toFixed(1)} s)`)
    if (s.error) {
      lines.push(`   FAILED: ${s.error}`)
      continue
    }
    const cells = s.rows.map((r) => [r.metric, String(fmt(r.value)), r.unit ?? '', r.target ?? '', r.note ?? ''])
    const w = head.map((h, i) => Math.min(i === 0 ? 60 : i === 4 ? 80 : 30, Math.max(h.length, ...cells.map((c) => c[i]!.length))))
    const line = (c: string[]) =>
      c
        .map((x, i) => (i === 1 ? x.padStart(w[i]!) : x.padEnd(w[i]!)))
        .join(' | ')
        .trimEnd()
    lines.push(line(head), w.map((n) => '-'.repeat(n)).join('-|-'))
    for (const c of cells) lines.push(line(c))
  }
  return lines.join('\n')
}

async function main(argv: string[]) {
  const json = argv.includes('--json')
  const filters = argv.filter((a) => !a.startsWith('--'))
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((x) => f.includes(x))))
    .sort()
  if (files.length === 0) throw new Error(`no tests/bench/*.bench.ts module matches ${filters.join(', ')}`)
  const sections: Section[] = []
  let failed = false
  for (const f of files) {
    const bench = f.replace(/\.bench\.ts$/, '')
    process.stderr.write(`▶ ${bench}…\n`)
    const t0 = Date.now()
    try {
      const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run?: () => Promise<unknown> }
      if (typeof mod.run !== 'function') throw new Error(`${f} exports no run()`)
      const { title, rows } = toRows(await mod.run())
      sections.push({ bench, title: title ?? bench, rows, seconds: (Date.now() - t0) / 1000 })
    } catch (e) {
      failed = true
      sections.push({ bench, title: bench, rows: [], seconds: (Date.now() - t0) / 1000, error: (e as Error).stack ?? String(e) })
    }
  }
  if (json) process.stdout.write(JSON.stringify(sections, null, 2) + '\n')
  else
    process.stdout.write(
      `Benchmarks — ${new Date().toISOString()}, node ${process.version}, ${process.platform}/${process.arch}\n${table(sections)}\n`,
    )
  return failed ? 1 : 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(await main(process.argv.slice(2)))
