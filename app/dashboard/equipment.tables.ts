/** The equipment page's tables (by type, by commune with priority), for the page and /export/equipment. */
import { reasonBoth, translate, translateCode, type MessageKey } from '../i18n/messages.ts'
import { inLang, type Lang } from '../i18n/format.ts'
import { reasonsColumn, type ExportTable } from '../lib/table-spec.ts'
import type { EquipmentGap } from '../kpi/index.server.ts'

type Line = EquipmentGap['lines'][number]

export interface TypeRow {
  type: string
  nameVi: string
  nameEn: string
  basis: string
  required: number
  working: number
  broken: number
  gap: number
  unitPriceVnd: number
  costVnd: number
  communesShort: number
}

/** Lines summed per equipment type. */
export function byType(lines: readonly Line[]): TypeRow[] {
  const m = new Map<string, TypeRow>()
  for (const l of lines) {
    const r = m.get(l.type) ?? {
      type: l.type,
      nameVi: l.nameVi,
      nameEn: l.nameEn,
      basis: l.basis,
      required: 0,
      working: 0,
      broken: 0,
      gap: 0,
      unitPriceVnd: l.unitPriceVnd,
      costVnd: 0,
      communesShort: 0,
    }
    r.required += l.required
    r.working += l.working
    r.broken += l.broken
    r.gap += l.gap
    r.costVnd += l.costVnd
    if (l.gap > 0) r.communesShort++
    m.set(l.type, r)
  }
  return [...m.values()].sort((a, b) => b.costVnd - a.costVnd)
}

export function typeTable(lang: Lang, rows: readonly TypeRow[], notes: string[]): ExportTable<TypeRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'thieu-thiet-bi-theo-loai',
    title: t('equip.byTypeTitle'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'type', header: t('equip.type'), kind: 'text', value: (r) => inLang(lang, r.nameVi, r.nameEn) },
      { key: 'basis', header: t('equip.basis'), kind: 'text', value: (r) => translateCode(lang, `equip.basis.${r.basis}`) },
      { key: 'required', header: t('equip.required'), kind: 'int', total: 'sum' },
      { key: 'working', header: t('equip.working'), kind: 'int', total: 'sum' },
      { key: 'broken', header: t('equip.broken'), kind: 'int', total: 'sum' },
      { key: 'gap', header: t('equip.gap'), kind: 'int', total: 'sum' },
      { key: 'communesShort', header: t('equip.communesShort'), kind: 'int' },
      { key: 'unitPriceVnd', header: t('equip.unitPrice'), kind: 'vnd' },
      { key: 'costVnd', header: t('equip.cost'), kind: 'vnd', total: 'sum' },
    ],
  }
}

export interface CommuneGapRow {
  code: string
  name: string
  priority: number | null
  weight: number
  counters: number
  hasInventory: boolean
  gapUnits: number
  gapVnd: number
  reasons: { vi: string; en: string }[]
}

export function communeRows(g: EquipmentGap): CommuneGapRow[] {
  const units = new Map<string, number>()
  for (const l of g.lines) units.set(l.commune, (units.get(l.commune) ?? 0) + l.gap)
  return g.perCommune.map((c) => ({
    code: c.commune,
    name: c.name,
    priority: c.priority,
    weight: c.weight,
    counters: c.counters,
    hasInventory: c.hasInventory,
    gapUnits: units.get(c.commune) ?? 0,
    gapVnd: c.gapVnd,
    reasons: c.reasons.map((r) => reasonBoth('equip.reason', r)),
  }))
}

export function communeGapTable(lang: Lang, rows: readonly CommuneGapRow[], notes: string[]): ExportTable<CommuneGapRow> {
  const t = (k: MessageKey) => translate(lang, k)
  return {
    name: 'thieu-thiet-bi-theo-xa',
    title: t('equip.byCommuneTitle'),
    notes,
    rows,
    totalsLabel: t('dash.total'),
    columns: [
      { key: 'name', header: t('commune'), kind: 'text', width: 24 },
      { key: 'priority', header: t('equip.priority'), kind: 'int' },
      { key: 'weight', header: t('equip.weight'), kind: 'num2' },
      { key: 'counters', header: t('equip.counters'), kind: 'int', total: 'sum' },
      { key: 'gapUnits', header: t('equip.gapUnits'), kind: 'int', total: 'sum' },
      { key: 'gapVnd', header: t('equip.cost'), kind: 'vnd', total: 'sum' },
      reasonsColumn(t('equip.reasons'), lang),
    ],
  }
}
