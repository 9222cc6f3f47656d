/** Picks `keys` of an object: a whitelist, so that whatever else a source sends is not kept. Null for a non-object. */
export function pick(o: unknown, keys: readonly string[]): Record<string, unknown> | null {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null
  const src = o as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const k of keys) if (k in src) out[k] = src[k]
  return out
}
