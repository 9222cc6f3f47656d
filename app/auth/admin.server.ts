/** Shared pieces of the admin pages' loaders and actions. */
import { asc } from 'drizzle-orm'
import { z } from 'zod'
import { communes } from '../../db/pg/schema/index.ts'
import type { PgStore } from '../../db/pg/client.ts'
import { AccountError } from './users.server.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

/** The province's communes for the commune picker. */
export async function communeOptions(s: { pg: PgStore }, provinceCode: string): Promise<{ code: string; name: string }[]> {
  return s.pg.db
    .select({ code: communes.code, name: communes.fullName })
    .from(communes)
    .where(inProvince(provinceCode))
    .orderBy(asc(communes.fullName))
}

/** A user-facing message for a refused admin change (validation or rule), or rethrows anything else. */
export function adminError(e: unknown): string {
  if (e instanceof z.ZodError) return e.issues.map((i) => i.message).join('; ')
  if (e instanceof AccountError) return e.message
  throw e
}

/** Multi-select fields arrive as repeated form keys. */
export const formList = (form: FormData, name: string): string[] => form.getAll(name).filter((v): v is string => typeof v === 'string')
