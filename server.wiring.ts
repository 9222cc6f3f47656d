/**
 * How the process's parts meet, in one place (ADR 012). Dependencies flow source → etl → stores → kpi →
 * routes → components, so the two places where an earlier layer needs a later one are inverted here:
 *  - the ETL runs the alert rules (app/kpi) after every rollups run: registered as an after-rollups step;
 *  - the `reports` job renders the dashboard's pages to PDF (app/reports/scheduled.server.ts);
 *  - the dashboard (app/) asks the ETL for snapshots, imports and rollups: the scheduler is attached to the
 *    stores as their job control (db/job-control.ts).
 * Called by server.ts, by the ETL CLI when it owns the stores, and by the tests' stores.
 */
import { evaluateAlerts } from './app/kpi/alerts.server.ts'
import type { Stores } from './db/stores.ts'
import { afterRollups } from './etl/jobs/rollups/after.ts'
import { registerReportProducer } from './etl/jobs/reports.ts'
import { produceReports } from './app/reports/scheduled.server.ts'
import { jobControl, type Scheduler } from './etl/scheduler.ts'

/** The steps every rollups run ends with, and the scheduled reports' producer (it renders the dashboard's pages). */
export function registerRollupSteps(): void {
  afterRollups('alerts', (stores) => evaluateAlerts(stores))
  registerReportProducer((r) => produceReports(r.stores, r))
}

/** Lets the dashboard reach `scheduler` through `stores.jobs`. */
export function attachScheduler(stores: Stores, scheduler: Scheduler): void {
  stores.jobs = jobControl(scheduler)
}
