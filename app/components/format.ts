/** Formatters by kind of figure, in the viewer's language (Vietnamese: 1.234,5 · 85,3% · 1.200.000 ₫). */
import { fmtInt, fmtNum, fmtPct, fmtSignedInt, fmtVnd, type Lang } from '~/i18n/format'
import { translate, type MessageKey } from '~/i18n/messages'

const LEVELS: readonly MessageKey[] = ['overload.normal', 'overload.watch', 'overload.overload']

export type FigureKind = 'pct' | 'int' | 'num' | 'vnd' | 'vndShort' | 'score' | 'level' | 'pp' | 'signedInt'

export function formatter(kind: FigureKind, lang: Lang): (v: number | null) => string {
  switch (kind) {
    case 'pct':
      return (v) => fmtPct(v, 1, lang)
    case 'pp':
      // A change of a rate, in percentage points.
      return (v) => (v === null ? '—' : translate(lang, 'fig.pp', { v: v * 100 }))
    case 'int':
      return (v) => fmtInt(v, lang)
    case 'signedInt':
      return (v) => fmtSignedInt(v, lang)
    case 'num':
      return (v) => fmtNum(v, 1, lang)
    case 'vnd':
      return (v) => fmtVnd(v, lang)
    case 'vndShort':
      // Tiles: "8,06 tỷ ₫" / "VND 8.06 bn" (the full figure is in the table and the export).
      return (v) => {
        if (v === null) return '—'
        const a = Math.abs(v)
        if (a >= 1e9) return translate(lang, 'fig.vndBn', { v: v / 1e9 })
        if (a >= 1e6) return translate(lang, 'fig.vndM', { v: v / 1e6 })
        return fmtVnd(v, lang)
      }
    case 'score':
      return (v) => fmtNum(v, 2, lang)
    case 'level':
      return (v) => {
        const level = LEVELS[Math.round(v ?? -1)]
        return level ? translate(lang, level) : '—'
      }
  }
}
