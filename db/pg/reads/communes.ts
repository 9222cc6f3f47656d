/** The communes of a province as the KPI engine and the rollups read them. */
import { eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { communes } from '../schema/index.ts'

export interface CommuneInfo {
  code: string
  name: string
  formedByMerger: boolean
  disadvantaged: boolean | null
}

/** The communes of `provinceCode`, by code. */
export async function provinceCommunes(db: Db, provinceCode: string): Promise<CommuneInfo[]> {
  return db
    .select({ code: communes.code, name: communes.name, formedByMerger: communes.formedByMerger, disadvantaged: communes.disadvantaged })
    .from(communes)
    .where(eq(communes.provinceCode, provinceCode))
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
    .where(eq(communes.provinceCode, provinceCode))
    .orderBy(order === 'name' ? communes.name : communes.code)
}
