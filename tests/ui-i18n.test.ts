/**
 * Vietnamese first, English available: every message key the dashboard uses exists in both languages,
 * including the families built at run time (fields, complaint categories, KPI names, periods…).
 */
import { describe, expect, it } from 'vitest'
import { dashboard } from '../app/i18n/dict/dashboard.ts'
import { IntlMessageFormat } from 'intl-messageformat'
import { fieldName, formatMessage, messages, say, sayAlert, translate, translateCode } from '../app/i18n/messages.ts'
import { formatter } from '../app/components/format.ts'
import { COMPARISONS, PERIOD_PRESETS } from '../app/lib/url-filters.ts'
import { ASSIGNMENT_KINDS, FIELD_CODES, POSITIONS } from '../app/dashboard/staffing-edit.server.ts'
import { SETTINGS_KPIS } from '../app/dashboard/settings.server.ts'
import { COMPLAINT_CATEGORIES } from '../app/kpi/satisfaction.server.ts'
import { IMPORT_KINDS } from '../app/components/data/ImportForm.tsx'
import { NAV } from '../app/components/layout/nav.ts'

const vi = messages.vi as Record<string, string>
const en = messages.en as Record<string, string>

describe('dashboard messages', () => {
  it('the Vietnamese and English dictionaries have the same keys and no empty text', () => {
    expect(Object.keys(dashboard.en).sort()).toEqual(Object.keys(dashboard.vi).sort())
    for (const [k, v] of [...Object.entries(dashboard.vi), ...Object.entries(dashboard.en)]) expect(v.trim(), k).not.toBe('')
  })

  it('a shortage or surplus is written with its sign, the minus sign U+2212 as in the header "thừa (−)"', () => {
    const vi = formatter('signedInt', 'vi')
    expect([vi(2), vi(-3), vi(0), vi(-1200), vi(null)]).toEqual(['+2', '\u22123', '0', '\u22121.200', '—'])
    expect(formatter('signedInt', 'en')(-1200)).toBe('\u22121,200')
  })

  it('every area: English has every key Vietnamese has (no page falls back to Vietnamese in English)', () => {
    const missing = Object.keys(vi).filter((k) => !Object.hasOwn(en, k) || !en[k]!.trim())
    expect(missing).toEqual([])
  })

  it('a literal key is checked by the compiler (tsc runs in CI): a mistyped key does not compile, and t.code shows a key no dictionary has as it is', () => {
    // @ts-expect-error — 'dash.noSuchKey' is in no dictionary, so it is not a MessageKey
    expect(translate('vi', 'dash.noSuchKey')).toBeUndefined()
    expect(translateCode('en', 'dash.menu')).toBe(messages.en['dash.menu'])
    expect(translateCode('vi', 'bad_enum_from_a_source')).toBe('bad_enum_from_a_source')
  })

  it('the keys built at run time exist too', () => {
    const keys = [
      ...PERIOD_PRESETS.map((p) => `dash.period.${p}`),
      ...COMPARISONS.map((c) => `dash.compare.${c}`),
      ...['good', 'bad', 'neutral', 'unknown'].map((v) => `dash.verdict.${v}`),
      ...FIELD_CODES.map((f) => `field.${f}`),
      ...COMPLAINT_CATEGORIES.map((c) => `sat.cat.${c}`),
      ...['quy_dinh', 'hanh_vi'].map((c) => `sat.cls.${c}`),
      ...[1, 2, 3, 4, 5].map((l) => `sat.level${l}`),
      ...SETTINGS_KPIS.map((k) => `kpi.${k}`),
      ...['normal', 'watch', 'overload'].map((l) => `overload.${l}`),
      ...['watch', 'critical'].map((l) => `alert.${l}`),
      ...POSITIONS.map((p) => `staff.pos.${p}`),
      ...ASSIGNMENT_KINDS.map((k) => `staff.kind.${k}`),
      ...IMPORT_KINDS.map((k) => `data.kind.${k}`),
      ...['ok', 'failed', 'running'].map((s) => `data.status.${s}`),
      ...['counter', 'centre'].map((b) => `equip.basis.${b}`),
      ...['backlog', 'satisfaction', 'qd766', 'overload', 'equipment', 'load'].map((f) => `family.${f}`),
      ...NAV.map((n) => n.label),
      ...['xa', 'phuong', 'dac_khu'],
    ]
    expect(keys.filter((k) => !(k in vi) || !(k in en))).toEqual([])
  })

  it('names a field of work in either language, and shows a code the dictionary lacks as it is (never blank)', () => {
    expect(fieldName('vi', 'dat_dai')).toBe('Đất đai')
    expect(fieldName('en', 'dat_dai')).toBe('Land')
    expect(fieldName('vi', 'tu_phap_rieng')).toBe('tu_phap_rieng')
    expect(FIELD_CODES.map((f) => fieldName('en', f)).filter((n) => FIELD_CODES.includes(n as never))).toEqual([])
  })

  it('counts and figures are ICU messages: every message with a value parses, Vietnamese has one form, English one and other', () => {
    for (const lang of ['vi', 'en'] as const)
      for (const [k, v] of Object.entries(messages[lang]))
        if (v.includes('{'))
          expect(() => new IntlMessageFormat(v, lang === 'vi' ? 'vi-VN' : 'en-GB').getAst(), `${lang} ${k}`).not.toThrow()
    expect(translate('vi', 'dash.rows', { n: 1 })).toBe('1 dòng')
    expect(translate('vi', 'dash.rows', { n: 1234 })).toBe('1.234 dòng')
    expect(translate('en', 'dash.rows', { n: 1 })).toBe('1 row')
    expect(translate('en', 'dash.rows', { n: 1234 })).toBe('1,234 rows')
    expect(translate('en', 'home.workingDays', { n: 1 })).toBe('1 working day overdue')
    expect(translate('vi', 'dash.rowsShown', { shown: 3, n: 10 })).toBe('3 / 10 dòng')
    expect(formatMessage('vi', '{x, number, ::percent .#}', { x: 0.857 })).toBe('85,7%')
    expect(say('en', { code: 'alert.unit.complaints', params: { n: 2 } })).toBe('2 complaints')
    expect(say('vi', { code: 'no_such_code' })).toBe('no_such_code')
  })

  it('figures with a unit in words and the alert line are dictionary messages with the locale numbers', () => {
    expect(formatter('pp', 'vi')(-0.0153)).toBe('-1,5 điểm %')
    expect(formatter('pp', 'en')(0.02)).toBe('2.0 pp')
    expect(formatter('vndShort', 'vi')(8_060_000_000)).toBe('8,06 tỷ ₫')
    expect(formatter('vndShort', 'en')(8_060_000_000)).toBe('VND 8.06 bn')
    expect(formatter('vndShort', 'vi')(1_234_500_000_000)).toBe('1.234,50 tỷ ₫')
    expect(formatter('vndShort', 'vi')(12_345_678)).toBe('12,3 triệu ₫')
    expect(formatter('vndShort', 'en')(12_345_678)).toBe('VND 12.3 m')
    const overdue = { kpi: 'overdue_open', level: 'watch', value: 3, threshold: 2.5, unit: 'count' } as const
    expect(sayAlert('vi', overdue)).toBe('Hồ sơ đang quá hạn: 3 (ngưỡng cần theo dõi 2,5)')
    expect(sayAlert('en', overdue)).toBe('Open dossiers overdue: 3 (watch threshold 2.5)')
    expect(sayAlert('en', { ...overdue, kpi: 'x_kpi', level: 'critical' })).toBe('x_kpi: 3 (critical threshold 2.5)')
    expect(translate('en', 'q766.group.MDSH')).toBe('Dossier digitisation')
  })
})
