/**
 * Editable defaults that the province starts from: equipment norms and unit prices, queueing parameters,
 * back-office effort per field, KPI targets and alert thresholds. No official 2025 equipment norm or
 * staff-per-volume norm exists (docs/design.md §3): these are starting values, marked as such, that Finance,
 * Home Affairs and admins edit. Inserted only where missing, so edits are never overwritten.
 */
import { count } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../pg/client.ts'
import { alertThresholds, equipmentTypes, kpiTargets, procedureEffort, staffingParams } from '../pg/schema/index.ts'
import { loadSourceCodeDefaults } from './source-codes.ts'

/** Per counter: computer, scanner, printer, rating device. Per centre: ticket machine, kiosk, queue display.
 * Prices: indicative 2025 procurement prices in VND (to be replaced by the province's own price list). */
export const DEFAULT_EQUIPMENT = [
  { code: 'computer', nameVi: 'Máy tính', nameEn: 'Computer', basis: 'counter', perUnit: 1, unitPriceVnd: 18_000_000 },
  { code: 'scanner', nameVi: 'Máy quét (scan)', nameEn: 'Scanner', basis: 'counter', perUnit: 1, unitPriceVnd: 12_000_000 },
  { code: 'printer', nameVi: 'Máy in', nameEn: 'Printer', basis: 'counter', perUnit: 1, unitPriceVnd: 7_000_000 },
  {
    code: 'rating_device',
    nameVi: 'Thiết bị đánh giá hài lòng',
    nameEn: 'Satisfaction rating device',
    basis: 'counter',
    perUnit: 1,
    unitPriceVnd: 4_500_000,
  },
  {
    code: 'ticket_machine',
    nameVi: 'Máy lấy số thứ tự',
    nameEn: 'Queue-ticket machine',
    basis: 'centre',
    perUnit: 1,
    unitPriceVnd: 35_000_000,
  },
  {
    code: 'kiosk',
    nameVi: 'Kiosk tra cứu, nộp hồ sơ',
    nameEn: 'Self-service kiosk',
    basis: 'centre',
    perUnit: 1,
    unitPriceVnd: 60_000_000,
  },
  {
    code: 'queue_display',
    nameVi: 'Màn hình hiển thị số thứ tự',
    nameEn: 'Queue display screen',
    basis: 'centre',
    perUnit: 1,
    unitPriceVnd: 15_000_000,
  },
] as const

/** Back-office hours per dossier by field (editable): land is the heaviest. */
export const DEFAULT_EFFORT = [
  { fieldCode: 'dat_dai', backOfficeHours: 3.0, counterMinutes: 20 },
  { fieldCode: 'ho_tich', backOfficeHours: 0.6, counterMinutes: 10 },
  { fieldCode: 'chung_thuc', backOfficeHours: 0.2, counterMinutes: 6 },
  { fieldCode: 'kinh_doanh', backOfficeHours: 1.0, counterMinutes: 15 },
  { fieldCode: 'xay_dung', backOfficeHours: 2.0, counterMinutes: 15 },
  { fieldCode: 'bao_tro_xa_hoi', backOfficeHours: 1.2, counterMinutes: 12 },
  { fieldCode: 'khac', backOfficeHours: 0.8, counterMinutes: 10 },
]

/** Province-wide targets (communeCode null); a commune row overrides. */
export const DEFAULT_TARGETS = [
  { kpi: 'on_time_rate', target: 0.95, direction: 'higher_better' },
  { kpi: 'satisfied_share', target: 0.9, direction: 'higher_better' },
  { kpi: 'late_rate', target: 0.05, direction: 'lower_better' },
  { kpi: 'qd766_total', target: 70, direction: 'higher_better' },
  { kpi: 'avg_processing_days', target: 5, direction: 'lower_better' },
]

/**
 * Alert thresholds (ADR 024): one condition per KPI — lateness is watched by the late rate alone (an on-time
 * threshold an admin adds is merged into the same condition); levels chosen so the demo flags the communes
 * that most need attention: on the 30 days to 8/12/2026, 11 of 78 communes "nghiêm trọng" (was 14) and 25
 * alerted in all (was 70 of 78, with 109 alerts; now 36).
 */
export const DEFAULT_THRESHOLDS = [
  { kpi: 'late_rate', op: 'above', watch: 0.18, critical: 0.22 },
  { kpi: 'overdue_open', op: 'above', watch: 30, critical: 45 },
  { kpi: 'utilisation', op: 'above', watch: 0.85, critical: 1.0 },
  { kpi: 'satisfied_share', op: 'below', watch: 0.85, critical: 0.75 },
  { kpi: 'harassment_complaints', op: 'above', watch: 0, critical: 2 },
]

async function empty(db: Db, table: PgTable): Promise<boolean> {
  const [r] = await db.select({ n: count() }).from(table)
  return Number(r!.n) === 0
}

export async function loadDefaults(db: Db): Promise<void> {
  if (await empty(db, equipmentTypes)) await db.insert(equipmentTypes).values(DEFAULT_EQUIPMENT.map((e) => ({ ...e })))
  if (await empty(db, staffingParams)) await db.insert(staffingParams).values({ communeCode: null })
  if (await empty(db, procedureEffort)) await db.insert(procedureEffort).values(DEFAULT_EFFORT)
  if (await empty(db, kpiTargets)) await db.insert(kpiTargets).values(DEFAULT_TARGETS.map((t) => ({ ...t, communeCode: null })))
  if (await empty(db, alertThresholds))
    await db.insert(alertThresholds).values(DEFAULT_THRESHOLDS.map((t) => ({ ...t, communeCode: null })))
  await loadSourceCodeDefaults(db)
}
