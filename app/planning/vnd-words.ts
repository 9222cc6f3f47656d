/**
 * An amount of VND in Vietnamese words, as finance documents write it under a total ("Bằng chữ: …"):
 * 1.250.000 → "Một triệu hai trăm năm mươi nghìn đồng". Rules: groups of three digits (nghìn, triệu, tỷ; above
 * a tỷ the count of tỷ is read the same way), "linh" for an empty tens digit, "mười" for 10–19, "mốt" / "tư" /
 * "lăm" for a units digit 1 / 4 / 5 after a tens digit (5 after any tens digit ≥ 1), "không trăm" inside a
 * number for an empty hundreds digit.
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']

function group(n: number, inside: boolean): string {
  const h = Math.floor(n / 100)
  const t = Math.floor(n / 10) % 10
  const u = n % 10
  const out: string[] = []
  if (h > 0 || inside) out.push(`${DIGITS[h]} trăm`)
  if (t === 0) {
    if (u > 0 && (h > 0 || inside)) out.push('linh')
  } else out.push(t === 1 ? 'mười' : `${DIGITS[t]} mươi`)
  if (u > 0) out.push(u === 1 && t >= 2 ? 'mốt' : u === 5 && t >= 1 ? 'lăm' : u === 4 && t >= 2 ? 'tư' : DIGITS[u]!)
  return out.join(' ')
}

function belowBillion(n: number, inside: boolean): string {
  const parts: string[] = []
  let started = inside
  for (const [g, unit] of [
    [Math.floor(n / 1e6), 'triệu'],
    [Math.floor(n / 1e3) % 1000, 'nghìn'],
    [n % 1000, ''],
  ] as const) {
    if (g === 0) continue
    parts.push(group(g, started) + (unit ? ` ${unit}` : ''))
    started = true
  }
  return parts.join(' ')
}

export function numberToVietnameseWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`numberToVietnameseWords: need a whole number ≥ 0, got ${n}`)
  if (n === 0) return 'không'
  if (n >= 1e9) {
    const lo = n % 1e9
    return `${numberToVietnameseWords(Math.floor(n / 1e9))} tỷ${lo ? ' ' + belowBillion(lo, true) : ''}`
  }
  return belowBillion(n, false)
}

export function vndInWords(n: number): string {
  const w = numberToVietnameseWords(Math.round(n))
  return w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) + ' đồng'
}
