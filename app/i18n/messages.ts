/**
 * UI strings, Vietnamese first. Each area keeps its own dictionary in ./dict/<area>.ts
 * (`{ vi: {...}, en: {...} }` with the same keys) and is spread in below; `translate` falls back to Vietnamese.
 */
import { IntlMessageFormat } from 'intl-messageformat'
import { locale, type Lang } from './format.ts'
import { dashboard } from './dict/dashboard.ts'
import { auth } from './dict/auth.ts'
import { planning } from './dict/planning.ts'
import { reports } from './dict/reports.ts'
import { sources } from './dict/sources.ts'
import { imports } from './dict/imports.ts'
import { drill } from './dict/drill.ts'
import { dataOps } from './dict/data-ops.ts'
import { metrics } from './dict/metrics.ts'
import { kpi } from './dict/kpi.ts'
import { national } from './dict/national.ts'
import { qd766 } from './dict/qd766.ts'

const common = {
  vi: {
    appName: 'Một Cửa KPI',
    appTagline: 'Giám sát Trung tâm Phục vụ hành chính công cấp xã',
    communes: 'Xã, phường, đặc khu',
    commune: 'Đơn vị',
    type: 'Loại',
    xa: 'Xã',
    phuong: 'Phường',
    dac_khu: 'Đặc khu',
    area: 'Diện tích (km²)',
    population: 'Dân số',
    formedFrom: 'Hình thành từ',
    preMergerUnits: 'Số ĐVHC cũ',
    officers: 'Cán bộ',
    dossiers: 'Hồ sơ tiếp nhận',
    noData: 'Chưa có dữ liệu',
    syntheticData: 'Dữ liệu mô phỏng (không phải số liệu thật)',
    language: 'Ngôn ngữ',
    storeError: 'Không đọc được kho dữ liệu',
    province: 'Tỉnh',
    // figures with a unit in words (app/components/format.ts)
    'fig.pp': '{v, number, ::.0} điểm %',
    'fig.vndBn': '{v, number, ::.00} tỷ ₫',
    'fig.vndM': '{v, number, ::.0} triệu ₫',
    // the error page (app/root.tsx)
    'error.notFound': 'Không tìm thấy trang hoặc đơn vị này.',
    'error.generic': 'Đã có lỗi. Vui lòng thử lại hoặc báo bộ phận CNTT.',
    'error.home': 'Về trang chủ',
  },
  en: {
    appName: 'One-Stop KPI',
    appTagline: 'Monitoring commune public administrative service centres',
    communes: 'Communes, wards, special zones',
    commune: 'Unit',
    type: 'Type',
    xa: 'Commune',
    phuong: 'Ward',
    dac_khu: 'Special zone',
    area: 'Area (km²)',
    population: 'Population',
    formedFrom: 'Formed from',
    preMergerUnits: 'Pre-merger units',
    officers: 'Officers',
    dossiers: 'Dossiers received',
    noData: 'No data yet',
    syntheticData: 'Synthetic (simulated) data — not real figures',
    language: 'Language',
    storeError: 'The data store could not be read',
    province: 'Province',
    'fig.pp': '{v, number, ::.0} pp',
    'fig.vndBn': 'VND {v, number, ::.00} bn',
    'fig.vndM': 'VND {v, number, ::.0} m',
    'error.notFound': 'This page or unit was not found.',
    'error.generic': 'Something went wrong. Try again or tell the IT department.',
    'error.home': 'Home',
  },
} as const satisfies Record<Lang, Record<string, string>>

const areas = [auth, dashboard, planning, reports, sources, imports, drill, dataOps, metrics, kpi, national, qd766] as const

type KeysOf<T> = T extends unknown ? keyof T : never
type AreaKeys = KeysOf<(typeof areas)[number]['vi']>
/** Every message key: the compiler rejects a key no dictionary has (`t('dash.tilte')` does not compile). */
export type MessageKey = keyof (typeof common)['vi'] | AreaKeys

export const messages: Record<Lang, Record<MessageKey, string>> = {
  vi: Object.assign({}, common.vi, ...areas.map((a) => a.vi)),
  en: Object.assign({}, common.en, ...areas.map((a) => a.en)),
}

/** The values an ICU message takes: `{count, plural, other {# hồ sơ}}`, `{share, number, ::percent .#}`, `{name}`. */
export type MessageParams = Record<string, string | number>

/** A message the KPI engine returns instead of a sentence: a dictionary key and its figures (rendered by `say`). */
export interface Message {
  code: string
  params?: MessageParams
}

const compiled = new Map<string, IntlMessageFormat>()

/** A message with values, formatted by intl-messageformat in the language's locale (plurals, grouped numbers, percentages). */
export function formatMessage(lang: Lang, text: string, params: MessageParams): string {
  const id = `${lang}\u0000${text}`
  let m = compiled.get(id)
  if (!m) compiled.set(id, (m = new IntlMessageFormat(text, locale(lang))))
  return String(m.format(params))
}

/** A key's text in `lang` (Vietnamese when English lacks it); with `params`, the text is an ICU message filled in. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = messages[lang][key] ?? messages.vi[key]
  return params && text !== undefined ? formatMessage(lang, text, params) : text
}

/** A key built at run time from data (a status code, a reject reason, a server's error): its text, or the key itself when no dictionary has it. */
export function translateCode(lang: Lang, key: string, params?: MessageParams): string {
  return hasMessage(key) ? translate(lang, key, params) : key
}

/** A KPI module's message (code + figures) in words. */
export function say(lang: Lang, m: Message): string {
  return translateCode(lang, m.code, m.params ?? {})
}

/** A KPI module's reason (`{ code, level?, value?, params? }`) in words: the message `<family>.<code>` with the reason's figures. */
export function sayReason(lang: Lang, family: string, r: { code: string; params?: MessageParams }): string {
  const params: MessageParams = {}
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number' || typeof v === 'string') params[k] = v
  return translateCode(lang, `${family}.${r.code}`, { ...params, ...r.params })
}

/** A reason in both languages, for the pages and exports that carry `{vi, en}` side by side. */
export function reasonBoth(family: string, r: { code: string; params?: MessageParams }): { vi: string; en: string } {
  return { vi: sayReason('vi', family, r), en: sayReason('en', family, r) }
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(messages.vi, key)
}

/** A code's name, the message `<family>.<code>`; a code the dictionary lacks stays as it is. */
export function codeName(lang: Lang, family: string, code: string): string {
  const key = `${family}.${code}`
  return hasMessage(key) ? translate(lang, key) : code
}

/** A field of work by its name ("Đất đai"), not its code; a code the dictionary lacks (a source's own) stays as it is. */
export const fieldName = (lang: Lang, code: string): string => codeName(lang, 'field', code)

/** An alert's KPI by its name ("Tỷ lệ trễ hạn"); a KPI the dictionary lacks stays as its code. */
export const alertKpiName = (lang: Lang, kpi: string): string => codeName(lang, 'alert.kpi', kpi)

/** What an alert (app/kpi/alerts.server.ts) is, in words: "Tỷ lệ trễ hạn: 26,7% (ngưỡng nghiêm trọng 22%)". */
export function sayAlert(
  lang: Lang,
  a: { kpi: string; level: 'watch' | 'critical'; value: number; threshold: number; unit: 'ratio' | 'count' },
): string {
  return translate(lang, `alert.line.${a.unit}`, {
    label: alertKpiName(lang, a.kpi),
    level: a.level,
    value: a.value,
    threshold: a.threshold,
  })
}
