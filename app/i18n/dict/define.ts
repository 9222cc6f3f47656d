/**
 * An area's dictionary: Vietnamese first, and the compiler checks that English has exactly the same keys
 * (a key missing from `en`, or one `en` has that `vi` lacks, does not compile).
 */
export interface Dictionary<V extends Record<string, string>> {
  vi: V
  en: Record<keyof V, string>
}

export function defineDict<const V extends Record<string, string>>(d: { vi: V; en: NoInfer<Record<keyof V, string>> }): Dictionary<V> {
  return d
}
