/** The six roles. A user may hold several; `commune` also needs `users.commune_code`. */
import { z } from 'zod'

export const ROLES = ['leadership', 'home_affairs', 'finance', 'it', 'commune', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const RoleSchema = z.enum(ROLES, { error: `vai trò không hợp lệ / unknown role (${ROLES.join(', ')})` })

/** Parses "a,b" (CLI, forms) into a de-duplicated role list; throws a ZodError naming a bad role. */
export function parseRoles(input: string | string[]): Role[] {
  const parts = (Array.isArray(input) ? input : input.split(',')).map((r) => r.trim()).filter(Boolean)
  for (const p of parts) RoleSchema.parse(p)
  return [...new Set(z.array(RoleSchema).min(1, { error: 'cần ít nhất một vai trò / at least one role' }).parse(parts))]
}
