/** What every page knows about its viewer (root loader): who is signed in, and the CSRF token for forms. */
import { eq } from 'drizzle-orm'
import { getStores } from '../../db/stores.ts'
import { communes } from '../../db/pg/schema/index.ts'
import { csrfFor } from './csrf.server.ts'
import { getUser } from './guard.server.ts'
import type { Role } from './roles.ts'

export interface Viewer {
  email: string
  displayName: string | null
  roles: Role[]
  communeCode: string | null
  /** The commune's full name ("Phường Đồng Hới") for a commune user: the header shows it, not the code. */
  communeName: string | null
}

async function communeName(code: string | null): Promise<string | null> {
  if (!code) return null
  const [c] = await (await getStores()).pg.db.select({ name: communes.fullName }).from(communes).where(eq(communes.code, code))
  return c?.name ?? null
}

export async function rootAuth(request: Request): Promise<{ viewer: Viewer | null; csrf: string | null }> {
  const user = await getUser(request)
  if (!user) return { viewer: null, csrf: null }
  return {
    viewer: {
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      communeCode: user.communeCode,
      communeName: await communeName(user.communeCode),
    },
    csrf: user.sessionToken ? csrfFor(user.sessionToken) : null,
  }
}
