/**
 * Parses the `formed_from` text of vn-communes.csv (the pre-merger units each new commune was formed from)
 * into lineage rows. The text is free-form: "Phường Bắc Lý, Xã Lộc Ninh, Xã Quang Phú", sometimes with
 * qualifiers "Xã Hải Phú (huyện Bố Trạch)" and partial transfers "một phần diện tích … của xã X",
 * "Phường Y (phần còn lại sau khi sáp nhập …)".
 */
import { nameKey } from '../lib/text.ts'

export interface FormedFromUnit {
  /** e.g. "Xã Hải Phú (huyện Bố Trạch)" — the district qualifier is kept, the "(phần còn lại …)" note is not. */
  name: string
  /** Only part of the old unit went into this commune. */
  partial: boolean
}

const UNIT = /(Thị trấn|Phường|Xã|Đặc khu|Huyện|thị trấn|phường|xã|huyện)\s+([^,()]+?)(\s*\((?:huyện|thành phố|thị xã|quận|tỉnh)[^)]*\))?(?=\s*(?:,|\bvà\b|\(|$|;|\.|\bsau\b))/gu

/** Lower-case, NFC, single-spaced, one tone-mark placement: "Xã Dân Hoá" and "xã Dân Hóa" are one key. */
export function unitKey(name: string): string {
  return nameKey(name)
}

/** The key without a district qualifier: "xã hải phú (huyện bố trạch)" → "xã hải phú". */
export function unqualifiedKey(key: string): string {
  return key.replace(/\s*\([^)]*\)\s*$/, '').trim()
}

function capitalise(type: string): string {
  const t = type.toLocaleLowerCase('vi')
  return t.charAt(0).toLocaleUpperCase('vi') + t.slice(1)
}

/** Splits on commas outside parentheses. */
function topLevelPieces(text: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of text) {
    if (ch === '(') depth++
    if (ch === ')') depth = Math.max(0, depth - 1)
    if (ch === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out.map((p) => p.trim()).filter(Boolean)
}

export function parseFormedFrom(text: string | null | undefined): FormedFromUnit[] {
  if (!text) return []
  const units = new Map<string, FormedFromUnit>()
  for (const piece of topLevelPieces(text.normalize('NFC'))) {
    const partial = /một phần|phần còn lại/i.test(piece)
    for (const m of piece.matchAll(UNIT)) {
      const name = `${capitalise(m[1]!)} ${m[2]!.trim()}${m[3] ? ' ' + m[3].trim() : ''}`.replace(/\s+/g, ' ')
      if (/^(Phường|Xã|Thị trấn)\s+(Phường|Xã|Thị trấn)\b/.test(name)) continue
      const key = unitKey(name)
      const prev = units.get(key)
      units.set(key, { name, partial: partial || (prev?.partial ?? false) })
    }
  }
  return [...units.values()]
}

/** Resolution 1680's clause text: "các xã Quảng Hòa, Quảng Lộc, Quảng Văn và Quảng Minh", "xã Trọng Hóa và xã Dân Hóa". */
export function parseResolutionClause(text: string): FormedFromUnit[] {
  const out: FormedFromUnit[] = []
  let currentType = ''
  for (const raw of text.normalize('NFC').split(/,|\bvà\b/)) {
    let part = raw.trim()
    const typed = /^(?:các\s+)?(thị trấn|phường|xã)\s+(.+)$/iu.exec(part)
    if (typed) {
      currentType = capitalise(typed[1]!)
      part = typed[2]!.trim()
    }
    if (!part || !currentType) continue
    out.push({ name: `${currentType} ${part}`, partial: /một phần|phần còn lại/i.test(raw) })
  }
  return out
}
