/**
 * 766 reconciliation (issue 16): the national portal's published per-commune 766 figures, uploaded by the IT
 * role, kept with the period they cover so the page can set them beside our own computation. Only the
 * figures: numerator, denominator and points per commune × metric (no citizen data).
 */
import { date, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const qd766Uploads = pgTable('qd766_uploads', {
  id: serial('id').primaryKey(),
  /** The uploaded file name(s), as given. */
  fileName: text('file_name').notNull(),
  /** 'portal-json' | 'csv' | 'xlsx' */
  format: text('format').notNull(),
  periodFrom: date('period_from').notNull(),
  periodTo: date('period_to').notNull(),
  uploadedBy: text('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  /** Figures stored (commune × metric). */
  figures: integer('figures').notNull(),
  /** What was not stored, with the reason: [{ unit, metric?, reason }]. */
  skipped: jsonb('skipped').notNull(),
})

export const qd766PortalFigures = pgTable(
  'qd766_portal_figures',
  {
    id: serial('id').primaryKey(),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => qd766Uploads.id, { onDelete: 'cascade' }),
    communeCode: text('commune_code').notNull(),
    /** A metric code of app/kpi/qd766.ts (TDGQ, ORIGINAL_RESULT_AVAILABLE …). */
    metric: text('metric').notNull(),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    points: doublePrecision('points'),
  },
  (t) => [uniqueIndex('qd766_portal_unique').on(t.uploadId, t.communeCode, t.metric), index('qd766_portal_commune_idx').on(t.communeCode)],
)
