/**
 * Scheduled reports (issue #18 item 3, ADR 030): each department's weekly or monthly PDF, produced by the
 * scheduler like the ETL jobs (single-flight through runJob's lock, recorded in etl_runs with its status). The
 * producing step renders the dashboard's pages, so it lives in app/ (app/reports/scheduled.server.ts) and is
 * registered here by the composition root (server.wiring.ts, ADR 012), like the after-rollups steps.
 */
import type { Stores } from '../../db/stores.ts'
import type { JobDefinition, JobSummary } from '../job.ts'

export interface ReportRun {
  stores: Stores
  scheduledAt: Date
  runId: number | null
  progress?: (done: number, total: number | null) => void
  signal?: AbortSignal
}
export type ReportProducer = (run: ReportRun) => Promise<JobSummary>

const g = globalThis as unknown as { __motCuaReportProducer?: ReportProducer }

export function registerReportProducer(p: ReportProducer): void {
  g.__motCuaReportProducer = p
}

export const reportsJob: JobDefinition = {
  name: 'reports',
  // 06:00 every day: a weekly report is due on Monday (the week before), a monthly one on the 1st; a day the
  // server was down is caught up the next morning (a subscription's missing period is produced).
  schedule: '0 6 * * *',
  description: 'Báo cáo định kỳ (PDF) theo đăng ký của từng bộ phận / scheduled PDF reports',
  async run(ctx) {
    const p = g.__motCuaReportProducer
    if (!p) throw new Error('no report producer is registered (server.wiring.ts registers it)')
    return p({
      stores: ctx.stores,
      scheduledAt: ctx.scheduledAt ?? new Date(),
      runId: ctx.runId ?? null,
      progress: ctx.progress,
      signal: ctx.signal,
    })
  },
}
