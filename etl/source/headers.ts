/**
 * Spreadsheet headers. A unit that reports by Excel/CSV may use the contract's field names (MaHoSo, …) or
 * Vietnamese column titles (each field's `headers` in etl/contract). Matching is case-, tone-placement- and diacritic-insensitive ("Mã hồ sơ",
 * "MÃ HỒ SƠ", "Ma ho so" are one header), and ignores punctuation and spaces.
 */
import { searchKey } from '../../db/lib/text.ts'

const norm = (h: string) => searchKey(h).replace(/[^a-z0-9]/g, '')

/**
 * Maps a sheet's header row to contract fields: index → field, or undefined for an unknown column
 * (kept in the raw record only). Throws when two columns map to one field or the id column is missing.
 */
export function mapHeaders(
  header: string[],
  table: Readonly<Record<string, readonly string[]>>,
  idField: string,
  opts: { allowMissingId?: boolean } = {},
): (string | undefined)[] {
  const lookup = new Map<string, string>()
  for (const [field, aliases] of Object.entries(table)) {
    lookup.set(norm(field), field)
    for (const a of aliases) if (!lookup.has(norm(a))) lookup.set(norm(a), field)
  }
  const seen = new Map<string, string>()
  const out = header.map((h) => {
    const field = lookup.get(norm(String(h ?? '')))
    if (!field) return undefined
    const prev = seen.get(field)
    if (prev !== undefined) throw new Error(`Cột "${h}" và "${prev}" cùng là ${field} / columns "${h}" and "${prev}" both map to ${field}`)
    seen.set(field, String(h))
    return field
  })
  if (!seen.has(idField) && !opts.allowMissingId)
    throw new Error(
      `Không thấy cột ${idField} (${(table[idField] ?? []).join(' / ')}) / no ${idField} column in the header: ${header.join(', ')}`,
    )
  return out
}
