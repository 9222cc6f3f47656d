/**
 * What an export's figures mean (issue 14 item 4, ADR 037): for each column that shows a figure of the metric
 * catalogue — its `kpi`, or a header that is a catalogue label — the column's header, the figure's one-sentence
 * definition, numerator, denominator and window, in the export's language. XLSX: one more sheet, "Định nghĩa"
 * ("Definitions"). A CSV stays one table (header, then one line per row) for the programs that read it: no definitions.
 */
import type ExcelJS from 'exceljs'
import { METRIC_IDS, metricInfo, metricLabel, type MetricId } from '../kpi/catalogue.ts'
import type { Lang } from '../i18n/format.ts'
import { translate } from '../i18n/messages.ts'
import type { ExportColumn, ExportTable } from './table-spec.ts'

/** The catalogue figure a column shows: its `kpi`, else the figure whose label is the column's header. */
export function columnMetric<T>(c: ExportColumn<T>, lang: Lang): MetricId | null {
  return c.kpi ?? METRIC_IDS.find((id) => metricLabel(lang, id) === c.header) ?? null
}

/** The header row and one row per defined column (each header once, in the order of the tables). */
export function definitionRows<T>(tables: readonly ExportTable<T>[], lang: Lang): string[][] {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k)
  const seen = new Set<string>()
  const rows: string[][] = []
  for (const table of tables)
    for (const c of table.columns) {
      const id = columnMetric(c, lang)
      if (!id || seen.has(c.header)) continue
      seen.add(c.header)
      const i = metricInfo(lang, id)
      rows.push([c.header, i.definition, i.numerator ?? '', i.denominator ?? '', i.window])
    }
  if (rows.length === 0) return []
  return [[t('export.column'), t('metric.info'), t('metric.numerator'), t('metric.denominator'), t('metric.window')], ...rows]
}

/** The "Định nghĩa" sheet (nothing when no column shows a catalogue figure). */
export function addDefinitionsSheet<T>(wb: ExcelJS.Workbook, tables: readonly ExportTable<T>[], lang: Lang): void {
  const rows = definitionRows(tables, lang)
  if (rows.length === 0) return
  const ws = wb.addWorksheet(translate(lang, 'export.definitionsSheet'))
  ws.addRow([translate(lang, 'export.definitions')]).font = { bold: true, size: 13 }
  ws.addRow([])
  const [header, ...body] = rows
  ws.addRow(header!).font = { bold: true }
  for (const r of body) ws.addRow(r).alignment = { wrapText: true, vertical: 'top' }
  const widths = [28, 70, 32, 32, 30]
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w))
}
