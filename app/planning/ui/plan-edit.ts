/** What the plan editor's parts share: the edit options, the officers by id, and how a commune, a field and skills read. */
import type { editOptions } from '../planner.server'

export type EditOptions = ReturnType<typeof editOptions>

/** An officer a move can name: a commune's (with its commune) or a provincial official (commune null). */
export type PlanOfficer = { id: string; name: string; commune: string | null; skills: readonly string[]; availableDays?: number }

/** Officer id → officer, over the commune officers and the provincial officials of the edit options. */
export function officerIndex(options: EditOptions | null): Map<string, PlanOfficer> {
  return new Map<string, PlanOfficer>([
    ...(options?.officers ?? []).map((o) => [o.id, o] as const),
    ...(options?.provincial ?? []).map((o) => [o.id, { ...o, commune: null }] as const),
  ])
}

/** How the editor names things: a commune (null → the province), a field of work, a list of skills. */
export interface MoveLabels {
  name: (code: string | null) => string
  field: (f: string) => string
  skills: (s: readonly string[]) => string
}
