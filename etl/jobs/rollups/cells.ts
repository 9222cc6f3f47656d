/**
 * The rollups job after a load (ADR 040): recompute only the (commune, day) cells the rows loaded since the mark
 * can have changed, reading only the dossiers that can count in them — cost proportional to the load, not to the
 * history. Which cells: sql/cells.ts (`changedCells`): every cell any version of a changed dossier counted in
 * (the commune it left too), the rating days, the ticket days. Each cell is recomputed whole, from `dossiers
 * FINAL`, by the same SQL as a range (sql/commune-day.ts …), so a cell equals what a full rebuild writes.
 *
 * One statement per rollup table (planning the commune_day statement alone takes ~1 s on a busy machine); in it,
 * each commune reads only its dossiers still open on or after its own earliest cell, so one old correction does
 * not make every commune read its history.
 */
import type { Stores } from '../../../db/stores.ts'
import { NEARLY_DUE_WORKING_DAYS } from '../../../db/clickhouse/dossier-facts.ts'
import { changedCells } from './sql/cells.ts'
import { refreshCommuneDayCells } from './sql/commune-day.ts'
import { refreshCommuneDayProcedureCells } from './sql/commune-day-procedure.ts'
import { refreshCommuneHourQueueCells } from './sql/commune-hour-queue.ts'

export interface CellSet {
  communes: string[]
  /** The earliest cell of each commune: its dossiers still open on or after that day are read. */
  communeFrom: string[]
  from: string
  to: string
  cellCommunes: string[]
  cellDays: string[]
}

/** The cells as the statements' parameters, or null when there are none. */
export function cellSet(cells: { commune_code: string; day: string }[]): CellSet | null {
  if (cells.length === 0) return null
  const sorted = [...cells].sort((a, b) =>
    a.commune_code === b.commune_code ? (a.day < b.day ? -1 : 1) : a.commune_code < b.commune_code ? -1 : 1,
  )
  const set: CellSet = { communes: [], communeFrom: [], from: sorted[0]!.day, to: sorted[0]!.day, cellCommunes: [], cellDays: [] }
  for (const c of sorted) {
    if (set.communes[set.communes.length - 1] !== c.commune_code) {
      set.communes.push(c.commune_code)
      set.communeFrom.push(c.day)
    }
    if (c.day < set.from) set.from = c.day
    if (c.day > set.to) set.to = c.day
    set.cellCommunes.push(c.commune_code)
    set.cellDays.push(c.day)
  }
  return set
}

export interface CellsRefresh {
  /** Newest loaded_at seen (epoch ms), or null when nothing was loaded since the mark. */
  mark: number | null
  /** commune_day cells recomputed (and commune_day_procedure / commune_hour_queue rows' cells). */
  cells: number
  procedureCells: number
  queueCells: number
  communes: number
  /** Earliest cell day, or null. */
  fromDay: string | null
  ms: number
  /** Time of each step: finding the cells, then recomputing commune_day, commune_day_procedure, commune_hour_queue. */
  steps: { findMs: number; communeDayMs: number; procedureMs: number; queueMs: number }
}

const caller = 'job:rollups refreshChangedCells'

/** Recomputes the cells changed by the rows loaded after `since` (epoch ms), days up to `today`. */
export async function refreshChangedCells(
  stores: Stores,
  since: number,
  today: string,
  nearlyDueDays = NEARLY_DUE_WORKING_DAYS,
): Promise<CellsRefresh> {
  const t0 = performance.now()
  const rows = await changedCells(stores.ch, { since, today }, caller)
  const t1 = performance.now()
  const m = rows.find((r) => r.kind === 'm')
  const of = (k: string) => rows.filter((r) => r.kind === k)
  const [day, procedure, queue] = [of('d'), of('p'), of('q')]
  const [d, p, q] = [cellSet(day), cellSet(procedure), cellSet(queue)]
  if (d) await refreshCommuneDayCells(stores.ch, { ...d, nearlyDueDays }, caller)
  const t2 = performance.now()
  if (p) await refreshCommuneDayProcedureCells(stores.ch, { ...p, fromDay: p.from, toDay: p.to }, caller)
  const t3 = performance.now()
  if (q) await refreshCommuneHourQueueCells(stores.ch, { ...q, fromDay: q.from, toDay: q.to }, caller)
  const t4 = performance.now()
  const days = [...day, ...procedure, ...queue].map((r) => r.day).sort()
  return {
    mark: m && m.n > 0 ? Number(m.day) : null,
    cells: day.length,
    procedureCells: procedure.length,
    queueCells: queue.length,
    communes: new Set(day.map((r) => r.commune_code)).size,
    fromDay: days[0] ?? null,
    ms: Math.round(t4 - t0),
    steps: {
      findMs: Math.round(t1 - t0),
      communeDayMs: Math.round(t2 - t1),
      procedureMs: Math.round(t3 - t2),
      queueMs: Math.round(t4 - t3),
    },
  }
}
