/** Scheduled reports (issue #18 item 3, ADR 030): each department's subscription and the PDFs produced for it. */
import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const reportSubscriptions = pgTable('report_subscriptions', {
  id: serial('id').primaryKey(),
  /** 'leadership' | 'home_affairs' | 'finance' | 'it' | 'commune' (app/reports/scheduled.ts DEPARTMENTS). */
  department: text('department').notNull(),
  /** The commune of a commune subscription (its pages are that commune's). */
  communeCode: text('commune_code'),
  /** 'weekly' (Monday–Sunday) | 'monthly' (the calendar month). */
  frequency: text('frequency').notNull(),
  /** Where the PDF is e-mailed when SMTP_URL is set (comma list); null: only stored. */
  email: text('email'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const reportFiles = pgTable(
  'report_files',
  {
    id: serial('id').primaryKey(),
    subscriptionId: integer('subscription_id').notNull(),
    /** The period the report covers, Asia/Ho_Chi_Minh days, inclusive. */
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** The PDF's name under DATA_DIR/reports. */
    file: text('file').notNull(),
    bytes: integer('bytes').notNull(),
    pages: integer('pages').notNull(),
    /** The addresses it was mailed to (null: SMTP not configured or no address). */
    emailedTo: text('emailed_to'),
    runId: integer('run_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_files_period_uq').on(t.subscriptionId, t.periodFrom, t.periodTo),
    index('report_files_created_idx').on(t.createdAt),
  ],
)
