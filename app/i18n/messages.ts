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
  },
} as const satisfies Record<Lang, Record<string, string>>

const areas = [auth, dashboard, planning, reports, sources, imports, drill, dataOps, metrics, kpi, national] as const

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

/** A field of work by its name ("Đất đai"), not its code; a code the dictionary lacks (a source's own) stays as it is. */
export function fieldName(lang: Lang, code: string): string {
  const key = `field.${code}`
  return hasMessage(key) ? translate(lang, key) : code
}
