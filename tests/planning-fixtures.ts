/**
 * Tiny planning instances whose optimum is known by hand (used by tests/planning-*.test.ts).
 *
 * Three communes on a line, A – B – C (A and C do not touch; centroids 0.1° ≈ 11.1 km apart). No counter
 * traffic (counterHoursPerDay 0), so only back-office work counts. Horizon 5 working days, 8-hour days.
 * Fields: land (dat_dai) 4 h per dossier, due 2 working days after reception; civil status (ho_tich) 1 h, 1 day.
 *   A: 4 land dossiers/day = 16 h/day, one land officer (8 h/day)  → 2 dossiers late by day 5 (worked out in
 *      the test), and 0 with a second land officer.
 *   B: 1 land dossier/day = 4 h/day; officers b0 (civil status only), b1 and b2 (land).
 *   C: 8 civil-status dossiers/day = 8 h/day; c1 (land + civil status), c2, c3 (civil status).
 */
import type { CommuneDemand, PlanningInstance } from '../app/planning/model.ts'

export function load(
  code: string,
  dossiersPerDay: Record<string, number>,
  minStaff = 1,
  extra: Partial<CommuneDemand> = {},
): CommuneDemand {
  return {
    code,
    name: `Xã ${code}`,
    dossiersPerDay,
    counterArrivalsPerHour: 0,
    handlingMinutes: 10,
    counterHoursPerDay: 0,
    workHoursPerDay: 8,
    targetWaitMinutes: 15,
    targetServiceLevel: 0.8,
    minStaff,
    backlog: [],
    alreadyOverdue: 0,
    ...extra,
  }
}

export function threeCommunes(over: Partial<PlanningInstance> = {}, mins: { A?: number; B?: number; C?: number } = {}): PlanningInstance {
  return {
    horizonDays: 5,
    fields: { dat_dai: { backOfficeHours: 4, allowanceDays: 2 }, ho_tich: { backOfficeHours: 1, allowanceDays: 1 } },
    communes: [load('A', { dat_dai: 4 }, mins.A ?? 1), load('B', { dat_dai: 1 }, mins.B ?? 1), load('C', { ho_tich: 8 }, mins.C ?? 1)],
    officers: [
      { id: 'a1', name: 'An', commune: 'A', position: 'officer', skills: ['dat_dai'], fte: 1 },
      { id: 'b0', name: 'Bình', commune: 'B', position: 'officer', skills: ['ho_tich'], fte: 1 },
      { id: 'b1', name: 'Bảo', commune: 'B', position: 'officer', skills: ['dat_dai'], fte: 1 },
      { id: 'b2', name: 'Bích', commune: 'B', position: 'officer', skills: ['dat_dai'], fte: 1 },
      { id: 'bd', name: 'Bá (PCT)', commune: 'B', position: 'director', skills: ['dat_dai'], fte: 0.5 },
      { id: 'c1', name: 'Cường', commune: 'C', position: 'officer', skills: ['dat_dai', 'ho_tich'], fte: 1 },
      { id: 'c2', name: 'Chi', commune: 'C', position: 'officer', skills: ['ho_tich'], fte: 1 },
      { id: 'c3', name: 'Công', commune: 'C', position: 'officer', skills: ['ho_tich'], fte: 1 },
    ],
    provincial: [],
    reach: {
      adjacent: new Map([
        ['A', new Set(['B'])],
        ['B', new Set(['A', 'C'])],
        ['C', new Set(['B'])],
      ]),
      centroids: new Map<string, [number, number]>([
        ['A', [106.0, 17.0]],
        ['B', [106.1, 17.0]],
        ['C', [106.2, 17.0]],
      ]),
    },
    constraints: { maxMoves: 1, rule: { mode: 'adjacent', maxKm: null } },
    ...over,
  }
}
