/**
 * Budget priorities: how much closing one unit of an equipment gap in a commune is worth.
 *
 *   weight per unit = commune weight × type importance
 *
 * The commune weight is the KPI engine's equipment priority (app/kpi/equipment.server.ts `getEquipmentGap`:
 * 1 + merged·[formed by merger] + disadvantaged·[flag] + load·(load ÷ the busiest commune) + digitisation·(1 −
 * share digitised)), so the dashboard's ranking and the budget plan agree; its weights are editable on the
 * budget page. The type importance says what closing one unit is worth (rating device = 1); defaults below,
 * editable too — starting values, not a norm. A type not listed counts 1.
 */

export const DEFAULT_TYPE_IMPORTANCE: Readonly<Record<string, number>> = {
  computer: 3,
  scanner: 2,
  ticket_machine: 2,
  printer: 1.5,
  rating_device: 1,
  queue_display: 1,
  kiosk: 1,
}

export function typeImportance(type: string, importance: Readonly<Record<string, number>> = DEFAULT_TYPE_IMPORTANCE): number {
  const v = importance[type]
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : 1
}

export function itemWeight(communeWeight: number, type: string, importance?: Readonly<Record<string, number>>): number {
  return communeWeight * typeImportance(type, importance)
}

/** "Thiếu 2/4 máy tính" + the commune's priority reasons, as one Vietnamese line for the plan and the XLSX. */
export function lineReasonVi(gap: number, required: number, typeNameVi: string, communeReasonsVi: readonly string[]): string {
  const head = `Thiếu ${gap}/${required} ${typeNameVi.toLocaleLowerCase('vi')} theo định mức`
  return [head, ...communeReasonsVi].join('; ')
}
