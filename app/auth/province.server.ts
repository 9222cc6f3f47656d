/**
 * Province scoping of the access checks (ADR 033): each commune's province, read once per Postgres store
 * (reference data), only for users scoped to a province.
 */
import type { PgStore } from '../../db/pg/client.ts'
import { communeProvinces } from '../../db/pg/reads/communes.ts'
import type { ProvinceOf } from './access.ts'
import type { Principal } from './permissions.ts'

const cache = new WeakMap<PgStore, Promise<Map<string, string>>>()

/** The commune → province lookup `decide` needs for this user (none for a user not scoped to a province). */
export async function provinceLookupFor(pg: PgStore, user: Principal | null): Promise<ProvinceOf | undefined> {
  return user?.provinceCode ? provinceLookup(pg) : undefined
}

/** Each commune's province (reference data, read once per store). */
export async function provinceLookup(pg: PgStore): Promise<ProvinceOf> {
  let p = cache.get(pg)
  if (!p) {
    p = communeProvinces(pg.db)
    cache.set(pg, p)
    p.catch(() => cache.delete(pg))
  }
  const map = await p
  return (commune) => map.get(commune)
}
