/**
 * docs/design.md must not rot silently: every repository path it writes in backticks exists (a `*` or a
 * `<placeholder>` matches any name; a path ending in `/` is a folder), every relative Markdown link resolves,
 * every function it writes as `name()` is defined in one of the files its section cites, and its ADR index
 * links every decision in docs/decisions/.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')
const DOC = path.join(ROOT, 'docs', 'design.md')
const text = fs.readFileSync(DOC, 'utf8')

/** Backticked text that names a file or folder of the repository. */
const REPO_PATH = /^(?:(?:app|etl|db|public|tests|docs|\.ci)\/\S*|[\w.*-]+\.(?:ts|tsx|cjs|mjs|json|md|yaml))$/

function backticked(s: string): string[] {
  return [...s.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!)
}

/** Does a path with `*` or `<name>` segments match something on disk? */
function exists(rel: string): boolean {
  const wantDir = rel.endsWith('/')
  const parts = rel.replace(/\/$/, '').split('/')
  let current = [ROOT]
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1
    const pattern = new RegExp('^' + part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>|\*/g, '[^/]*') + '$')
    const next: string[] = []
    for (const dir of current) {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue
      for (const name of fs.readdirSync(dir)) {
        if (!pattern.test(name)) continue
        const full = path.join(dir, name)
        const isDir = fs.statSync(full).isDirectory()
        if (!last || (wantDir ? isDir : true)) next.push(full)
      }
    }
    current = next
  }
  return current.length > 0
}

/** The document split at its headings: [heading, body]. */
function sections(): { heading: string; body: string }[] {
  const out: { heading: string; body: string }[] = []
  let heading = '(top)'
  let body: string[] = []
  let fenced = false
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    if (!fenced && /^#{1,4} /.test(line)) {
      out.push({ heading, body: body.join('\n') })
      heading = line
      body = []
    } else if (!fenced) body.push(line)
  }
  out.push({ heading, body: body.join('\n') })
  return out
}

function defines(file: string, name: string): boolean {
  const full = path.join(ROOT, file)
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) return false
  const src = fs.readFileSync(full, 'utf8')
  const n = name.replace(/\$/g, '\\$')
  return new RegExp(`(function\\*?\\s+${n}\\b|(const|let|var|class|interface|type)\\s+${n}\\b|^\\s*(async\\s+)?${n}\\s*[(<])`, 'm').test(
    src,
  )
}

describe('docs/design.md', () => {
  const paths = [...new Set(backticked(text).filter((t) => REPO_PATH.test(t)))]

  it('cites repository paths (a sanity check of the extraction)', () => {
    expect(paths.length).toBeGreaterThan(100)
    expect(paths).toContain('db/clickhouse/dossier-facts.ts')
  })

  it('every backticked repository path exists', () => {
    expect(paths.filter((p) => !exists(p))).toEqual([])
  })

  it('every relative link resolves', () => {
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^(https?:|#|mailto:)/.test(l))
    expect(links.length).toBeGreaterThan(10)
    const broken = links.filter((l) => !fs.existsSync(path.resolve(path.dirname(DOC), l.split('#')[0]!)))
    expect(broken).toEqual([])
  })

  it('the ADR index lists every decision in docs/decisions/', () => {
    const adrs = fs.readdirSync(path.join(ROOT, 'docs', 'decisions')).filter((f) => /^\d{3}-.*\.md$/.test(f))
    expect(adrs.length).toBeGreaterThan(10)
    expect(adrs.filter((f) => !text.includes(`](decisions/${f})`))).toEqual([])
  })

  it('every `name()` is defined in a file its section cites', () => {
    const missing: string[] = []
    let checked = 0
    for (const { heading, body } of sections()) {
      const ticks = backticked(body)
      const files = ticks.filter((t) => REPO_PATH.test(t) && /\.(ts|tsx)$/.test(t) && !t.includes('*'))
      for (const t of ticks) {
        const m = /^([A-Za-z_$][\w$]*)\(\)$/.exec(t)
        if (!m) continue
        checked++
        if (!files.some((f) => defines(f, m[1]!))) missing.push(`${heading.trim()}: ${t}`)
      }
    }
    expect(checked).toBeGreaterThan(30)
    expect(missing).toEqual([])
  })
})
