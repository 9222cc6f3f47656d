/** The communes of a province (or of the nation) as the KPI engine and the rollups read them. */
import { eq, sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Db } from '../client.ts'
import { communes } from '../schema/index.ts'

/** `PROVINCE_CODE=all`: one deployment for the whole country (ADR 033). */
export const NATION = 'all'

/**
 * The filter "in this province" on a province-code column (communes by default): no filter for the nation.
 * The one place a deployment's or a user's province becomes a where-clause.
 */
export function inProvince(provinceCode: string, column: PgColumn = communes.provinceCode): SQL | undefined {
  return provinceCode === NATION ? undefined : eq(column, provinceCode)
}

/**
 * `column` is one of `codes`, sent as ONE array parameter (`= any($1::text[])`). drizzle's `inArray` builds one
 * parameter per code, and for a nation's 3,321 communes building that statement cost more than running it.
 * An empty list matches nothing, as `inArray` does.
 */
export function inCodes(column: PgColumn, codes: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(codes)}::text[])`
}

export interface CommuneInfo {
  code: string
  name: string
  formedByMerger: boolean
  disadvantaged: boolean | null
}

/** The communes of `provinceCode` (every commune for `all`), by code. */
export async function provinceCommunes(db: Db, provinceCode: string): Promise<CommuneInfo[]> {
  return db
    .select({ code: communes.code, name: communes.name, formedByMerger: communes.formedByMerger, disadvantaged: communes.disadvantaged })
    .from(communes)
    .where(inProvince(provinceCode))
    .orderBy(communes.code)
}

/** Code and name of the communes of `provinceCode`, by code or by name (a picker's order). */
export async function communeNameList(
  db: Db,
  provinceCode: string,
  order: 'code' | 'name' = 'code',
): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(inProvince(provinceCode))
    .orderBy(order === 'name' ? communes.name : communes.code)
}

/** Each commune's province code (reference data: the access checks of a province-scoped user read it). */
export async function communeProvinces(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ code: communes.code, province: communes.provinceCode }).from(communes)
  return new Map(rows.map((r) => [r.code, r.province]))
}
