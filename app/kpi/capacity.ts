/**
 * Capacity utilisation, written once (issue 14 item 1, ADR 037): staff time demanded ÷ staff time available over
 * the prediction's horizon, from the one staffing prediction (`predictCommune`, app/kpi/predict.ts; ADR 031).
 * The staffing page, the overview, the commune page, the map, the alerts and `GET /api/v1/kpi` all show this
 * number, rounded here, and a commune is "quá tải công suất" exactly when it reaches the `utilisation` overload
 * threshold (`capacityBands`). Pure: the components may read the rule from here.
 */
import { round } from './numbers.ts'
import { DEFAULT_OVERLOAD_THRESHOLDS, type Band, type OverloadThresholds } from './overload.ts'

/** The predicted utilisation as every page shows it (3 decimals); null when it cannot be computed (no staff time, no demand). */
export function predictedUtilisation(p: { utilisation: number; demandHours: number }): number | null {
  if (!Number.isFinite(p.utilisation) || p.demandHours <= 0) return null
  return round(p.utilisation, 3)
}

/**
 * The bands the overload level is graded on: the utilisation band (the commune's `alert_thresholds` row, else the
 * default 0,85 / 1,00) is the only one that can reach "quá tải"; every other capacity signal (waits, nearly-due
 * dossiers against capacity, backlog and forecast growth) is an early warning, "cần theo dõi" at most. So a commune
 * is over capacity if and only if its predicted utilisation on /staffing is at or over the threshold.
 */
export function capacityBands(utilisation: Band = DEFAULT_OVERLOAD_THRESHOLDS.utilisation): Partial<OverloadThresholds> {
  const watchOnly = (b: Band): Band => ({ watch: b.watch, overload: null })
  const d = DEFAULT_OVERLOAD_THRESHOLDS
  return {
    utilisation,
    probWaitOverTarget: watchOnly(d.probWaitOverTarget),
    nearlyDueCapacityDays: watchOnly(d.nearlyDueCapacityDays),
    backlogGrowthPct: watchOnly(d.backlogGrowthPct),
    forecastGrowthPct: watchOnly(d.forecastGrowthPct),
  }
}
