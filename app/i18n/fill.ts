/** A message's `{name}` placeholders filled in: fill('nạp {n} hồ sơ', { n: '3' }) → 'nạp 3 hồ sơ'. */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m)
}
