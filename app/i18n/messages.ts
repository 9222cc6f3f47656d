/**
 * UI strings, Vietnamese first. Each area keeps its own dictionary in ./dict/<area>.ts
 * (`{ vi: {...}, en: {...} }` with the same keys) and is spread in below; `translate` falls back to Vietnamese.
 */
import type { Lang } from './format.ts'
import { dashboard } from './dict/dashboard.ts'
import { auth } from './dict/auth.ts'
import { planning } from './dict/planning.ts'
import { reports } from './dict/reports.ts'
import { sources } from './dict/sources.ts'
import { imports } from './dict/imports.ts'
import { drill } from './dict/drill.ts'
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

const areas = [auth, dashboard, planning, reports, sources, imports, drill, national] as const

type KeysOf<T> = T extends unknown ? keyof T : never
type AreaKeys = KeysOf<(typeof areas)[number]['vi']>
/** Every message key: the compiler rejects a key no dictionary has (`t('dash.tilte')` does not compile). */
export type MessageKey = keyof (typeof common)['vi'] | AreaKeys

export const messages: Record<Lang, Record<MessageKey, string>> = {
  vi: Object.assign({}, common.vi, ...areas.map((a) => a.vi)),
  en: Object.assign({}, common.en, ...areas.map((a) => a.en)),
}

export function translate(lang: Lang, key: MessageKey): string {
  return messages[lang][key] ?? messages.vi[key]
}

/** A key built at run time from data (a status code, a reject reason, a server's error): its text, or the key itself when no dictionary has it. */
export function translateCode(lang: Lang, key: string): string {
  return hasMessage(key) ? translate(lang, key) : key
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(messages.vi, key)
}

/** A field of work by its name ("Đất đai"), not its code; a code the dictionary lacks (a source's own) stays as it is. */
export function fieldName(lang: Lang, code: string): string {
  const key = `field.${code}`
  return hasMessage(key) ? translate(lang, key) : code
}
