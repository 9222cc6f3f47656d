/**
 * The figures a page marks `data-kpi="<id>" data-value="<raw>"` (ADR 032), read from the server-rendered HTML
 * (no browser), each with the table row (`data-row`) it sits in.
 */
export interface Figure {
  kpi: string
  value: number | null
  /** The table row (its key, e.g. a commune code) or null outside a row. */
  row: string | null
  total: boolean
  attrs: Record<string, string>
}

/** Every marked figure of a page: an element carrying both data-kpi and data-value, with its table row. */
export function figures(html: string): Figure[] {
  const out: Figure[] = []
  let row: string | null = null
  for (const m of html.matchAll(/<(\/?)([a-z]+)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const [, close, tag, attrText] = m
    if (tag === 'tr') {
      row = close ? null : (/data-row="([^"]*)"/.exec(attrText!)?.[1] ?? null)
      continue
    }
    if (close || !attrText!.includes('data-kpi=') || !attrText!.includes('data-value=')) continue
    const attrs = Object.fromEntries([...attrText!.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]))
    const v = attrs['data-value']!
    out.push({ kpi: attrs['data-kpi']!, value: v === '' ? null : Number(v), row, total: 'data-total' in attrs, attrs })
  }
  return out
}
