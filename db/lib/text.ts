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
