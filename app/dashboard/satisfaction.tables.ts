/** The satisfaction page's tables (complaints by category, per commune), for the page and /export/satisfaction. */
import { translate, translateCode, type MessageKey } from '../i18n/messages.ts'
import type { Lang } from '../i18n/format.ts'
import type { ExportTable } from '../lib/table-spec.ts'
import type { Complaints } from '../kpi/index.server.ts'
import type { SatisfactionRow } from './satisfaction.server.ts'

export interface CategoryRow {
  key: string
  cls: string
  total: number
  handled: number
  onTime: number
  overdue: number
  answered: number
  satisfied: number
}

/** Which class a category belongs to (docs/design.md §3: the behaviour class carries harassment, extra papers, VNeID). */
export const CATEGORY_CLASS: Record<string, string> = {
  nhung_nhieu: 'hanh_vi',
  them_giay_to: 'hanh_vi',
  yeu_cau_vneid: 'hanh_vi',
  thai_do: 'hanh_vi',
  cham_tre: 'quy_dinh',
  khac: 'quy_dinh',
}

export function categoryRows(c: Complaints): CategoryRow[] {
  return Object.entries(c.byCategory).map(([key, v]) => ({ key, cls: CATEGORY_CLASS[key] ?? 'quy_dinh', ...v }))
}

export function categoryTable(lang: Lang, rows: readonly CategoryRow[], notes: string[]): ExportTable<CategoryRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'phan-anh-theo-noi-dung',
    title: t('sat.byCategory'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'key', header: t('sat.category'), kind: 'text', value: (r) => translateCode(lang, `sat.cat.${r.key}`) },
      { key: 'cls', header: t('sat.class'), kind: 'text', value: (r) => translateCode(lang, `sat.cls.${r.cls}`) },
      { key: 'total', header: t('sat.count'), kind: 'int', total: 'sum' },
      { key: 'handled', header: t('sat.handled'), kind: 'int', total: 'sum' },
      { key: 'onTime', header: t('sat.onTime'), kind: 'int', total: 'sum' },
      { key: 'overdue', header: t('sat.overdue'), kind: 'int', total: 'sum' },
      { key: 'answered', header: t('sat.answered'), kind: 'int', total: 'sum' },
      { key: 'satisfied', header: t('sat.satisfiedWithHandling'), kind: 'int', total: 'sum' },
    ],
  }
}

export function satisfactionTable(lang: Lang, rows: readonly SatisfactionRow[], notes: string[]): ExportTable<SatisfactionRow> {
  const t = (k: MessageKey) => translate(lang, k)
  const ratio = (rs: readonly SatisfactionRow[], n: (r: SatisfactionRow) => number, d: (r: SatisfactionRow) => number) => {
    const den = rs.reduce((s, r) => s + d(r), 0)
    return den === 0 ? null : rs.reduce((s, r) => s + n(r), 0) / den
  }
  return {
    name: 'hai-long-phan-anh-theo-xa',
    title: t('sat.byCommune'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'name', header: t('commune'), kind: 'text', width: 24 },
      { key: 'rated', header: t('sat.rated'), kind: 'int', total: 'sum' },
      {
        key: 'satisfiedShare',
        header: t('kpi.satisfied_share'),
        kind: 'pct',
        total: (rs) =>
          ratio(
            rs,
            (r) => r.satisfied,
            (r) => r.rated,
          ),
      },
      { key: 'landSatisfiedShare', header: t('sat.landShare'), kind: 'pct' },
      { key: 'complaints', header: t('sat.complaints'), kind: 'int', total: 'sum' },
      { key: 'harassment', header: t('sat.cat.nhung_nhieu'), kind: 'int', total: 'sum' },
      { key: 'extraPapers', header: t('sat.cat.them_giay_to'), kind: 'int', total: 'sum' },
      { key: 'vneid', header: t('sat.cat.yeu_cau_vneid'), kind: 'int', total: 'sum' },
      {
        key: 'onTimeRate',
        header: t('sat.onTimeRate'),
        kind: 'pct',
        total: (rs) =>
          ratio(
            rs,
            (r) => r.onTime,
            (r) => r.complaints,
          ),
      },
    ],
  }
}
