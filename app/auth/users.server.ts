/**
 * Accounts: create, list, change roles, deactivate, reset a password, unlock. Each change is audited here,
 * so the admin pages, the CLI and the control endpoint share one audited path.
 */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { PgStore } from '../../db/pg/client.ts'
import { apiTokens, communes, demoCredentials, provinces, sessions, userRoles, users } from '../../db/pg/schema/index.ts'
import { audit } from './audit.server.ts'
import { hashPassword, PasswordSchema } from './password.server.ts'
import { RoleSchema, ROLES, type Role } from './roles.ts'
import { newId } from './secrets.server.ts'

type Pg = { pg: PgStore }

/** Who is making a change, for the audit log. */
export interface ActorRef {
  actor: string
  ip: string | null
}

/** A refused change, with a message fit to show (Vietnamese / English). */
export class AccountError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AccountError'
  }
}

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'E-mail không hợp lệ / invalid e-mail' }).max(254))

const Scope = z.object({
  roles: z.array(RoleSchema).min(1, { message: 'Cần ít nhất một vai trò / at least one role' }),
  communeCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'Mã xã gồm 5 chữ số / a commune code has 5 digits' })
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  /** ADR 033: the one province a user of a national deployment sees (null: the whole deployment). */
  provinceCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số / a province code has 2 digits' })
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
})

export const NewUserSchema = Scope.extend({
  email: EmailSchema,
  displayName: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null),
  password: PasswordSchema,
})
export type NewUser = z.input<typeof NewUserSchema>

export interface UserRow {
  id: string
  email: string
  displayName: string | null
  roles: Role[]
  communeCode: string | null
  provinceCode: string | null
  active: boolean
  lockedUntil: Date | null
  lastLoginAt: Date | null
  createdAt: Date
}

async function checkScope(s: Pg, roles: Role[], communeCode: string | null, provinceCode: string | null = null): Promise<void> {
  if (roles.includes('commune') && !communeCode) throw new AccountError('Vai trò "xã" cần mã xã / the commune role needs a commune code')
  if (!roles.includes('commune') && communeCode)
    throw new AccountError('Mã xã chỉ dùng cho vai trò "xã" / a commune code is only for the commune role')
  if (communeCode) {
    const [c] = await s.pg.db.select({ code: communes.code }).from(communes).where(eq(communes.code, communeCode))
    if (!c) throw new AccountError(`Không có xã mã ${communeCode} / no commune with code ${communeCode}`)
  }
  if (provinceCode) {
    const [p] = await s.pg.db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode))
    if (!p) throw new AccountError(`Không có tỉnh mã ${provinceCode} / no province with code ${provinceCode}`)
    if (communeCode) {
      const [c] = await s.pg.db
        .select({ code: communes.code })
        .from(communes)
        .where(and(eq(communes.code, communeCode), eq(communes.provinceCode, provinceCode)))
      if (!c)
        throw new AccountError(
          `Xã ${communeCode} không thuộc tỉnh ${provinceCode} / commune ${communeCode} is not in province ${provinceCode}`,
        )
    }
  }
}

export async function createUser(s: Pg, input: NewUser, by: ActorRef): Promise<UserRow> {
  const u = NewUserSchema.parse(input)
  const roles = [...new Set(u.roles)]
  await checkScope(s, roles, u.communeCode, u.provinceCode)
  if (await findUserByEmail(s, u.email)) throw new AccountError(`Đã có tài khoản ${u.email} / ${u.email} already exists`)
  const id = newId('usr')
  const passwordHash = await hashPassword(u.password)
  await s.pg.db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values({ id, email: u.email, displayName: u.displayName, passwordHash, communeCode: u.communeCode, provinceCode: u.provinceCode })
    await tx.insert(userRoles).values(roles.map((role) => ({ userId: id, role })))
  })
  await audit(s, {
    ...by,
    action: 'user.create',
    target: u.email,
    detail: { roles, communeCode: u.communeCode, provinceCode: u.provinceCode },
  })
  return (await getUser(s, id))!
}

function sortRoles(roles: string[]): Role[] {
  return ROLES.filter((r) => roles.includes(r))
}

export async function listUsers(s: Pg): Promise<UserRow[]> {
  const rows = await s.pg.db.select().from(users).orderBy(asc(users.email))
  const roles = await s.pg.db.select().from(userRoles)
  return rows.map((u) =>
    toRow(
      u,
      roles.filter((r) => r.userId === u.id).map((r) => r.role),
    ),
  )
}

function toRow(u: typeof users.$inferSelect, roles: string[]): UserRow {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: sortRoles(roles),
    communeCode: u.communeCode,
    provinceCode: u.provinceCode,
    active: u.active,
    lockedUntil: u.lockedUntil,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  }
}

export async function getUser(s: Pg, id: string): Promise<UserRow | null> {
  const [u] = await s.pg.db.select().from(users).where(eq(users.id, id))
  if (!u) return null
  const roles = await s.pg.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id))
  return toRow(
    u,
    roles.map((r) => r.role),
  )
}

export async function findUserByEmail(s: Pg, email: string): Promise<UserRow | null> {
  const [u] = await s.pg.db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()))
  return u ? getUser(s, u.id) : null
}

/** Refuses a change that would leave no active admin (nobody could manage accounts any more). */
async function keepAnAdmin(s: Pg, exceptUserId: string): Promise<void> {
  const [row] = await s.pg.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'admin'), eq(users.active, true), ne(users.id, exceptUserId)))
  if (Number(row?.n ?? 0) === 0)
    throw new AccountError('Phải còn ít nhất một quản trị viên đang hoạt động / at least one active admin must remain')
}

export async function setRoles(
  s: Pg,
  id: string,
  input: { roles: Role[]; communeCode?: string | null; provinceCode?: string | null },
  by: ActorRef,
): Promise<UserRow> {
  const before = await getUser(s, id)
  if (!before) throw new AccountError('Không tìm thấy tài khoản / no such user')
  // A form that does not carry the province keeps the user's (the role editor predates ADR 033).
  const provinceCode = input.provinceCode === undefined ? before.provinceCode : input.provinceCode
  const next = Scope.parse({ roles: input.roles, communeCode: input.communeCode ?? null, provinceCode })
  const roles = [...new Set(next.roles)]
  await checkScope(s, roles, next.communeCode, next.provinceCode)
  if (before.roles.includes('admin') && !roles.includes('admin') && before.active) await keepAnAdmin(s, id)
  await s.pg.db.transaction(async (tx) => {
    await tx.delete(userRoles).where(eq(userRoles.userId, id))
    await tx.insert(userRoles).values(roles.map((role) => ({ userId: id, role })))
    await tx.update(users).set({ communeCode: next.communeCode, provinceCode: next.provinceCode }).where(eq(users.id, id))
  })
  await audit(s, {
    ...by,
    action: 'user.roles',
    target: before.email,
    detail: {
      before: { roles: before.roles, communeCode: before.communeCode },
      after: { roles: sortRoles(roles), communeCode: next.communeCode },
    },
  })
  return (await getUser(s, id))!
}

/** Deactivating ends the user's sessions; their API tokens stop working while inactive. */
export async function setActive(s: Pg, id: string, active: boolean, by: ActorRef): Promise<UserRow> {
  const before = await getUser(s, id)
  if (!before) throw new AccountError('Không tìm thấy tài khoản / no such user')
  if (!active && before.roles.includes('admin') && before.active) await keepAnAdmin(s, id)
  await s.pg.db.update(users).set({ active }).where(eq(users.id, id))
  if (!active) await s.pg.db.delete(sessions).where(eq(sessions.userId, id))
  await audit(s, { ...by, action: active ? 'user.activate' : 'user.deactivate', target: before.email })
  return (await getUser(s, id))!
}

/** Sets a new password, clears any lock-out and ends the user's sessions. */
export async function resetPassword(s: Pg, id: string, password: string, by: ActorRef): Promise<void> {
  const u = await getUser(s, id)
  if (!u) throw new AccountError('Không tìm thấy tài khoản / no such user')
  const passwordHash = await hashPassword(PasswordSchema.parse(password))
  await s.pg.db.update(users).set({ passwordHash, failedAttempts: 0, lockedUntil: null }).where(eq(users.id, id))
  await s.pg.db.delete(sessions).where(eq(sessions.userId, id))
  await s.pg.db.delete(demoCredentials).where(eq(demoCredentials.email, u.email)) // no longer the shown demo password
  await audit(s, { ...by, action: 'user.password_reset', target: u.email })
}

export async function unlockUser(s: Pg, id: string, by: ActorRef): Promise<void> {
  const u = await getUser(s, id)
  if (!u) throw new AccountError('Không tìm thấy tài khoản / no such user')
  await s.pg.db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, id))
  await audit(s, { ...by, action: 'user.unlock', target: u.email })
}

/** Active-token counts per user (admin list). */
export async function tokenCounts(s: Pg, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map()
  const rows = await s.pg.db
    .select({ userId: apiTokens.userId, n: sql<number>`count(*)::int` })
    .from(apiTokens)
    .where(and(inArray(apiTokens.userId, ids), isNull(apiTokens.revokedAt)))
    .groupBy(apiTokens.userId)
  return new Map(rows.map((r) => [r.userId, Number(r.n)]))
}
