/** KPI targets, alert thresholds and the alerts they raise. */
import { doublePrecision, index, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/** `communeCode` null = the province-wide default; a commune row overrides it. */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    id: serial('id').primaryKey(),
    kpi: text('kpi').notNull(),
    communeCode: text('commune_code'),
    target: doublePrecision('target').notNull(),
    /** 'higher_better' | 'lower_better' */
    direction: text('direction').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [uniqueIndex('kpi_targets_uq').on(t.kpi, t.communeCode)],
)

export const alertThresholds = pgTable(
  'alert_thresholds',
  {
    id: serial('id').primaryKey(),
    kpi: text('kpi').notNull(),
    communeCode: text('commune_code'),
    /** 'above' (alert when value > threshold) | 'below' */
    op: text('op').notNull(),
    watch: doublePrecision('watch'),
    critical: doublePrecision('critical').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [uniqueIndex('alert_thresholds_uq').on(t.kpi, t.communeCode)],
)

export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    kpi: text('kpi').notNull(),
    /** 'watch' | 'critical' */
    level: text('level').notNull(),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [index('alerts_open_idx').on(t.communeCode, t.kpi, t.clearedAt)],
)
