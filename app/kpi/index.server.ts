/**
 * The KPI engine in one import: the dossier figures (backlog, timeliness, ageing, processing time,
 * satisfaction, complaints, the 766 index, trends, rankings, the summary the API serves, periods, targets)
 * and the capacity figures (load, overload, staffing need, equipment gap, training needs, forecast, alerts).
 * Every ClickHouse read behind them is a query of app/kpi/queries/ (ADR 013). Named re-exports only, so two modules can never silently shadow each other.
 */
// Dossier figures (commune_day)
export { NEARLY_DUE_WORKING_DAYS } from '../../db/clickhouse/dossier-facts.ts'
export {
  getBacklog,
  getTimeliness,
  getAgeing,
  getProcessingTime,
  getBacklogFromDossiers,
  backlogByCommune,
  processingTimeByCommune,
  sumBacklogs,
  timelinessOf,
  processingTimeOf,
  type Backlog,
  type Timeliness,
  type Ageing,
  type ProcessingTime,
  type DirectPeriodFigures,
} from './backlog.server.ts'
export {
  getSatisfaction,
  getComplaints,
  satisfactionByCommune,
  complaintsByCommune,
  COMPLAINT_CLASSES,
  COMPLAINT_CATEGORIES,
  type Satisfaction,
  type Complaints,
  type RatingDistribution,
  type Ratio766Line,
} from './satisfaction.server.ts'
export {
  get766,
  explain766,
  inputs766ByCommune,
  inputs766For,
  tile766,
  type Result766,
  type Line766,
  type Inputs766,
  type Tile766,
} from './qd766.server.ts'
export { getKpiSummary, type KpiSummary, type KpiFigures, type PeriodFigures } from './summary.server.ts'
export { getCommuneRanking, RANKING_KPIS, type RankingKpi, type RankedCommune } from './ranking.server.ts'
export { getTrend, type TrendPoint } from './trend.server.ts'
export { getTargets, meetsTarget, type Target } from './targets.server.ts'
export {
  periodOf,
  customPeriod,
  previousPeriod,
  samePeriodLastYear,
  parsePeriodParams,
  trendBuckets,
  todayVn,
  periodDays,
  type Period,
  type PeriodKind,
  type TrendGrain,
} from './period.ts'
export { KpiNotFoundError, KpiQuery, resolveScope } from './scope.server.ts'
// Capacity figures (commune_day_procedure, commune_hour_queue, staffing and equipment snapshots, Postgres)
export { getLoad, type Load, type CommuneLoad } from './load.server.ts'
export { getOverload, getOverloadAll, type CommuneOverload, type ProvinceOverload, type OverloadAll } from './overload.server.ts'
export { getStaffingNeed, type StaffingNeed, type CommuneStaffing } from './staffing.server.ts'
export { equipmentLoadWindow, getEquipmentGap, getEquipmentHistory, type EquipmentGap, type CommuneEquipment } from './equipment.server.ts'
export { getTrainingNeeds, type TrainingNeeds, type TrainingNeed } from './training.server.ts'
export { getIntakeForecast, type IntakeForecast } from './forecast.server.ts'
export { evaluateAlerts, listAlerts, type AlertRow } from './alerts.server.ts'
// Pure modules
export { score766, target766, sameCoverage766, METRICS_766, GROUPS_766 } from './qd766.ts'
