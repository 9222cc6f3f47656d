/** Decisions: staff reallocation plans, equipment budget plans, and tracked actions on KPI breaches. */
import { bigint, date, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

export const staffingPlans = pgTable('staffing_plans', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  /** 'draft' | 'accepted' | 'discarded' */
  status: text('status').notNull().default('draft'),
  params: jsonb('params'),
  /** Predicted effect per commune and for the province, before/after. */
  predicted: jsonb('predicted'),
  reason: text('reason'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  acceptedBy: text('accepted_by'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
})

export const staffingPlanMoves = pgTable(
  'staffing_plan_moves',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => staffingPlans.id, { onDelete: 'cascade' }),
    officerId: text('officer_id').notNull(),
    fromCommune: text('from_commune'),
    toCommune: text('to_commune').notNull(),
    /** 'move' | 'secondment' */
    kind: text('kind').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('plan_moves_plan_idx').on(t.planId)],
)

export const budgetPlans = pgTable('budget_plans', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  ceilingVnd: bigint('ceiling_vnd', { mode: 'number' }).notNull(),
  /** 'draft' | 'approved' */
  status: text('status').notNull().default('draft'),
  method: text('method').notNull(),
  summary: jsonb('summary'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  approvedBy: text('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
})

export const budgetPlanLines = pgTable(
  'budget_plan_lines',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => budgetPlans.id, { onDelete: 'cascade' }),
    communeCode: text('commune_code').notNull(),
    typeCode: text('type_code').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceVnd: bigint('unit_price_vnd', { mode: 'number' }).notNull(),
    amountVnd: bigint('amount_vnd', { mode: 'number' }).notNull(),
    priority: doublePrecision('priority'),
    reason: text('reason'),
  },
  (t) => [index('budget_lines_plan_idx').on(t.planId)],
)

export const actions = pgTable(
  'actions',
  {
    id: serial('id').primaryKey(),
    communeCode: text('commune_code'),
    kpi: text('kpi').notNull(),
    title: text('title').notNull(),
    /** 'leadership' | 'home_affairs' | 'finance' | 'it' | 'commune' */
    department: text('department').notNull(),
    owner: text('owner'),
    dueDate: date('due_date'),
    /** 'open' | 'in_progress' | 'done' | 'cancelled' */
    status: text('status').notNull().default('open'),
    valueAtOpen: doublePrecision('value_at_open'),
    alertId: integer('alert_id'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('actions_commune_idx').on(t.communeCode, t.status)],
)
