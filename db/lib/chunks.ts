/** Splits rows into batches of at most `size` (multi-row INSERTs stay under the drivers' parameter limits). */
export function chunks<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}
