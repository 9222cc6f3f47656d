/**
 * Vietnamese text keys. Official lists mix the old and new tone-mark placement ("Hoá" / "Hóa",
 * "Thuỷ" / "Thủy"), so names are compared on a key that puts the mark on the same vowel.
 */

const OLD_TO_NEW: Record<string, string> = {
  oà: 'òa',
  oá: 'óa',
  oả: 'ỏa',
  oã: 'õa',
  oạ: 'ọa',
  oè: 'òe',
  oé: 'óe',
  oẻ: 'ỏe',
  oẽ: 'õe',
  oẹ: 'ọe',
  uỳ: 'ùy',
  uý: 'úy',
  uỷ: 'ủy',
  uỹ: 'ũy',
  uỵ: 'ụy',
}
const OLD_TONE = new RegExp(
  `(${Object.keys(OLD_TO_NEW).join('|')})(?![a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ])`,
  'g',
)

/** NFC, lower-case, single spaces, tone marks on the main vowel: "Xã Dân Hoá" → "xã dân hóa". */
export function nameKey(s: string): string {
  return s
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(OLD_TONE, (m) => OLD_TO_NEW[m] ?? m)
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/
/** "oa", "oe", "uy" with the tone on the second vowel, ending the syllable ("qu" + y is "quý" in both styles). */
const OLD_TONE_DISPLAY = /(?<![qQ])([oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}])/gu

/**
 * The new (2018 standard) tone placement for display, case kept: "Thanh Hoá" → "Thanh Hóa", "Thuỷ" → "Thủy",
 * "khoẻ" → "khỏe", "QUẢNG HOÀ" → "QUẢNG HÒA"; "quý", "Thuý" inside a longer syllable ("hoàng") are left alone.
 */
export function newToneSpelling(s: string): string {
  return s.normalize('NFC').replace(OLD_TONE_DISPLAY, (m) => {
    const [a, b] = [...m] as [string, string]
    const bd = b.normalize('NFD')
    const tone = TONES.exec(bd)?.[0] ?? ''
    return (a + tone).normalize('NFC') + bd.replace(TONES, '').normalize('NFC')
  })
}

/** Diacritic-insensitive search key: "Đông Hà" → "dong ha", so typing "dong ha" finds it. */
export function searchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
