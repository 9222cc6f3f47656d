/**
 * Xã/phường — one commune: its summary (vs the comparison period and targets), intake / completions /
 * backlog over time (the selected period, and monthly since January 2025 so the 1 July 2025 merger is
 * visible), ageing, procedures and fields, staffing against need, equipment against norm, satisfaction
 * and complaints, the 766 breakdown line by line, training needs, load and alerts. KPI functions only;
 * each part under `attempt` so one failing read shows an error on its card.
 */
import { and, eq } from 'drizzle-orm'
import { communes, lineage } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import {
  equipmentLoadWindow,
  getEquipmentGap,
  getKpiSummary,
  getLoad,
  getStaffingNeed,
  getTrainingNeeds,
  getTrend,
  listAlerts,
} from '../kpi/index.server.ts'
import { attempt } from '../components/states/result.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'
import { toLocalYmd } from '../../db/lib/workdays.ts'

import { HISTORY_FROM } from './constants.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export { HISTORY_FROM, MERGER_DAY } from './constants.ts'

export async function communeInfo(stores: Stores, code: string) {
  const db = stores.pg.db
  const [c] = await db
    .select()
    .from(communes)
    .where(and(eq(communes.code, code), inProvince(stores.config.PROVINCE_CODE)))
  if (!c) return null
  const units = await db
    .select({ name: lineage.oldUnitName, partial: lineage.partial })
    .from(lineage)
    .where(eq(lineage.newCommuneCode, code))
  return {
    code: c.code,
    name: c.name,
    fullName: c.fullName,
    nameEn: c.nameEn,
    type: c.type,
    areaKm2: c.areaKm2,
    population: c.population,
    formedByMerger: c.formedByMerger,
    disadvantaged: c.disadvantaged,
    disadvantagedSynthetic: c.disadvantagedSynthetic,
    formedFrom: units.map((u) => ({ name: u.name, partial: u.partial })),
  }
}

/** The procedure mix: every procedure received (thresholds at zero turn the training rule into a list). */
const ALL_PROCEDURES = { minReceived: 1, supplementRate: 0, lateRate: 0, limit: 1000 }

export async function loadCommune(stores: Stores, code: string, p: ResolvedPeriod) {
  const q = { commune: code, from: p.current.from, to: p.current.to }
  const today = toLocalYmd(new Date())
  const [summary, trend, history, staffing, equipment, training, procedures, load, alerts] = await Promise.all([
    attempt('commune:summary', () => getKpiSummary(stores, q)),
    attempt('commune:trend', () => getTrend(stores, { ...q, grain: p.grain })),
    attempt('commune:history', () => getTrend(stores, { commune: code, from: HISTORY_FROM, to: today, grain: 'month' })),
    attempt('commune:staffing', () => getStaffingNeed(stores, q)),
    attempt('commune:equipment', () => getEquipmentGap(stores, { commune: code, ...equipmentLoadWindow() })),
    attempt('commune:training', () => getTrainingNeeds(stores, q)),
    attempt('commune:procedures', () => getTrainingNeeds(stores, q, ALL_PROCEDURES)),
    attempt('commune:load', () => getLoad(stores, q)),
    attempt('commune:alerts', () => listAlerts(stores, { commune: code, open: true })),
  ])
  return { summary, trend, history, staffing, equipment, training, procedures, load, alerts }
}

export type CommuneData = Awaited<ReturnType<typeof loadCommune>>
