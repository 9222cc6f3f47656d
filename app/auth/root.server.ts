/** What every page knows about its viewer (root loader): who is signed in, and the CSRF token for forms. */
import { csrfFor } from './csrf.server.ts'
import { getUser } from './guard.server.ts'
import type { Role } from './roles.ts'

export interface Viewer {
  email: string
  displayName: string | null
  roles: Role[]
  communeCode: string | null
}

export async function rootAuth(request: Request): Promise<{ viewer: Viewer | null; csrf: string | null }> {
  const user = await getUser(request)
  if (!user) return { viewer: null, csrf: null }
  return {
    viewer: { email: user.email, displayName: user.displayName, roles: user.roles, communeCode: user.communeCode },
    csrf: user.sessionToken ? csrfFor(user.sessionToken) : null,
  }
}
