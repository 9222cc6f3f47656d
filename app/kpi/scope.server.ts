/**
 * What every KPI function takes and whom it covers: `KpiQuery` ({ commune?, from, to }, checked by zod) and
 * the scope — one commune (404 if it is not in the configured province) or the whole province.
 */
import { z } from 'zod'
import { provinceCommunes, type CommuneInfo } from '../../db/pg/reads/communes.ts'
import type { Stores } from '../../db/stores.ts'
import { YmdSchema } from './period.ts'

export type { CommuneInfo }

/** The fields every KPI function takes: a 5-digit commune (omitted: the province), real calendar dates. */
export const KpiPeriod = z.object({
  commune: z
    .string()
    .regex(/^\d{5}$/, 'mã xã 5 chữ số / a 5-digit commune code')
    .optional(),
  from: YmdSchema,
  to: YmdSchema,
})

/** `{ commune?, from, to }` as every KPI function takes it (dates inclusive, Asia/Ho_Chi_Minh). */
export const KpiQuery = KpiPeriod.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
export interface KpiQuery {
  commune?: string
  from: string
  to: string
}

/** A commune that is not in the configured province (a loader turns it into a 404). */
export class KpiNotFoundError extends Error {
  readonly status = 404
  constructor(message: string) {
    super(message)
    this.name = 'KpiNotFoundError'
  }
}

export interface Scope {
  /** The commune asked for, or null for the province. */
  commune: CommuneInfo | null
  /** The communes whose rows are summed (one, or all of the province). */
  selected: CommuneInfo[]
  /** Their codes. */
  codes: string[]
  /** Every commune of the province. */
  all: CommuneInfo[]
}

export async function resolveScope(stores: Stores, commune?: string): Promise<Scope> {
  const all = await provinceCommunes(stores.pg.db, stores.config.PROVINCE_CODE)
  const one = commune === undefined ? null : all.find((c) => c.code === commune)
  if (one === undefined) throw new KpiNotFoundError(`commune ${commune} is not in province ${stores.config.PROVINCE_CODE}`)
  const selected = one ? [one] : all
  return { commune: one, selected, codes: selected.map((c) => c.code), all }
}
