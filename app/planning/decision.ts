/** Which communes a staffing plan makes worse: predicted late dossiers up (the warning before accepting). */
import type { SlimEvaluation } from './planner.server.ts' // type only: erased from the client bundle

export interface WorseCommune {
  code: string
  lateBefore: number
  lateAfter: number
}

/** The communes whose predicted late dossiers go up under the plan (largest rise first). */
export function worseCommunes(e: SlimEvaluation): WorseCommune[] {
  const before = new Map(e.before.communes.map((c) => [c.code, c.late]))
  return e.after.communes
    .map((c) => ({ code: c.code, lateBefore: before.get(c.code) ?? 0, lateAfter: c.late ?? 0 }))
    .filter((c) => c.lateAfter > c.lateBefore + 1e-9)
    .sort((a, b) => b.lateAfter - b.lateBefore - (a.lateAfter - a.lateBefore))
}
