/**
 * The backlog and rating columns of a ranking row, the same for a commune's row (overview) and a province's
 * (national overview, ADR 033): one mapping, so the two tables can never label a figure differently.
 */
import type { Backlog } from '../kpi/backlog.server.ts'
import type { RatingDistribution } from '../kpi/satisfaction.server.ts'

export function backlogColumns(b: Backlog | null | undefined) {
  return {
    received: b?.received ?? null,
    toProcess: b?.toProcess ?? null,
    backlog: b?.inProcess ?? null,
    overdue: b?.inProcessOverdue ?? null,
    processed: b?.processed ?? null,
    processedOnTime: b ? b.processedEarly + b.processedOnTime : null,
    lateCount: b ? b.processedLate + b.inProcessOverdue : null,
    onTimeRate: b?.onTimeRate ?? null,
    lateRate: b?.lateRate ?? null,
  }
}

export function ratingColumns(r: RatingDistribution | null | undefined) {
  return { satisfiedShare: r?.satisfiedShare ?? null, satisfied: r?.satisfied ?? null, rated: r?.rated ?? null }
}
