/**
 * Steps that run after every rollups run, on the fresh rollups — the alert rules (app/kpi/alerts.server.ts).
 * The ETL does not import the dashboard: the composition root registers them here (server.wiring.ts, ADR
 * 012), and each step's result lands in the rollups summary under its name (`alerts: { opened, cleared, open }`).
 */
import type { Stores } from '../../../db/stores.ts'

export type AfterRollupsStep = (stores: Stores) => Promise<unknown>

const g = globalThis as unknown as { __motCuaAfterRollups?: Map<string, AfterRollupsStep> }
const steps = (g.__motCuaAfterRollups ??= new Map())

/** Registers (or replaces) the step called `name`. */
export function afterRollups(name: string, step: AfterRollupsStep): void {
  steps.set(name, step)
}

/** Runs every registered step in registration order; returns their results by name. */
export async function runAfterRollups(stores: Stores): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const [name, step] of steps) out[name] = await step(stores)
  return out
}
