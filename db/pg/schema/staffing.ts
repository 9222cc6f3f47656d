/** Centres, counters, officers and who works where over time; the queueing parameters. */
import { boolean, date, doublePrecision, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { communes } from './reference.ts'

export const servicePoints = pgTable('service_points', {
  id: serial('id').primaryKey(),
  communeCode: text('commune_code')
    .notNull()
    .references(() => communes.code),
  name: text('name').notNull(),
  address: text('address'),
  /** The main centre (TTPVHCC) or a satellite reception point. */
  isMain: boolean('is_main').notNull().default(true),
  hasTicketMachine: boolean('has_ticket_machine').notNull().default(false),
})

export const counters = pgTable('counters', {
  id: serial('id').primaryKey(),
  servicePointId: integer('service_point_id')
    .notNull()
    .references(() => servicePoints.id),
  label: text('label').notNull(),
  /** Fields this counter receives, e.g. {'dat_dai','ho_tich'}; empty = all. */
  fields: text('fields').array().notNull().default([]),
  active: boolean('active').notNull().default(true),
})

export const officers = pgTable(
  'officers',
  {
    id: text('id').primaryKey(),
    fullName: text('full_name').notNull(),
    /** 'director' | 'deputy' | 'officer' | 'provincial' (a provincial official available for secondment) */
    position: text('position').notNull(),
    homeCommuneCode: text('home_commune_code').references(() => communes.code),
    /** Field skills, e.g. {'dat_dai','ho_tich','chung_thuc'}. */
    skills: text('skills').array().notNull().default([]),
    /** Full-time equivalent at the counter/back office (the director is part-time). */
    fte: doublePrecision('fte').notNull().default(1),
    active: boolean('active').notNull().default(true),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [index('officers_home_idx').on(t.homeCommuneCode)],
)

/** Who works at which commune, when. An open `validTo` is the current assignment. */
export const assignments = pgTable(
  'assignments',
  {
    id: serial('id').primaryKey(),
    officerId: text('officer_id')
      .notNull()
      .references(() => officers.id),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    /** 'home' | 'secondment' | 'reallocation' */
    kind: text('kind').notNull().default('home'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    reason: text('reason'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assignments_commune_idx').on(t.communeCode, t.validFrom)],
)

/** Editable queueing and back-office parameters (no official staff norm exists). `communeCode` null = province default. */
export const staffingParams = pgTable('staffing_params', {
  id: serial('id').primaryKey(),
  communeCode: text('commune_code').references(() => communes.code),
  counterHoursPerDay: doublePrecision('counter_hours_per_day').notNull().default(7),
  handlingMinutes: doublePrecision('handling_minutes').notNull().default(12),
  targetWaitMinutes: doublePrecision('target_wait_minutes').notNull().default(15),
  targetServiceLevel: doublePrecision('target_service_level').notNull().default(0.8),
  workHoursPerDay: doublePrecision('work_hours_per_day').notNull().default(8),
  minStaff: integer('min_staff').notNull().default(3),
  /** Busiest counter hour ÷ average counter hour, for centres without queue tickets (KPI staffing model). */
  peakHourFactor: doublePrecision('peak_hour_factor').notNull().default(1.5),
})

/** Back-office hours per dossier by procedure field (or a single procedure). */
export const procedureEffort = pgTable('procedure_effort', {
  id: serial('id').primaryKey(),
  fieldCode: text('field_code').notNull(),
  procedureCode: text('procedure_code'),
  backOfficeHours: doublePrecision('back_office_hours').notNull(),
  counterMinutes: doublePrecision('counter_minutes'),
})
