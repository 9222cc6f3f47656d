/**
 * Demo accounts: in demo mode (DEMO=on and no TTHC_SOURCE_URL — the simulator is the source) the server
 * creates one account per role at first start with a random password, prints them once, and keeps them in
 * `demo_credentials` so the sign-in page can show them, labelled as demo accounts. In production mode that
 * table is emptied and the accounts it listed are deactivated: known passwords never outlive the demo.
 */
import crypto from 'node:crypto'
import { desc, inArray, isNotNull, and, asc } from 'drizzle-orm'
import type { Config } from '../../db/config.ts'
import type { PgStore } from '../../db/pg/client.ts'
import { communes, demoCredentials, users } from '../../db/pg/schema/index.ts'
import { audit } from './audit.server.ts'
import type { Role } from './roles.ts'
import { createUser, findUserByEmail } from './users.server.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

type Pg = { pg: PgStore }

export const DEMO_DOMAIN = 'demo.local'
export const DEMO_ACCOUNTS: { local: string; role: Role; name: string }[] = [
  { local: 'lanhdao', role: 'leadership', name: 'Lãnh đạo UBND tỉnh (demo)' },
  { local: 'noivu', role: 'home_affairs', name: 'Sở Nội vụ (demo)' },
  { local: 'taichinh', role: 'finance', name: 'Sở Tài chính (demo)' },
  { local: 'cntt', role: 'it', name: 'Bộ phận CNTT — Sở KH&CN (demo)' },
  { local: 'xa', role: 'commune', name: 'Trung tâm PVHCC xã (demo)' },
  { local: 'admin', role: 'admin', name: 'Quản trị hệ thống (demo)' },
]

export const isDemoMode = (config: Pick<Config, 'DEMO' | 'simulator'>) => config.DEMO === 'on' && config.simulator

/** 16 characters in 4 groups from an alphabet without look-alikes (l/1, O/0). */
export function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = crypto.randomBytes(16)
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

export interface DemoCredential {
  email: string
  password: string
  role: string
  communeCode: string | null
}

/** The commune given to the demo commune account: the province's most populous one (most simulated data). */
async function demoCommune(s: Pg, provinceCode: string): Promise<string | null> {
  const [c] = await s.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(and(inProvince(provinceCode), isNotNull(communes.population)))
    .orderBy(desc(communes.population), asc(communes.code))
    .limit(1)
  if (c) return c.code
  const [any] = await s.pg.db
    .select({ code: communes.code })
    .from(communes)
    .where(inProvince(provinceCode))
    .orderBy(asc(communes.code))
    .limit(1)
  return any?.code ?? null
}

/** Creates the demo accounts (demo mode, first start) or retires them (production mode). Returns new ones. */
export async function ensureDemoAccounts(s: Pg, config: Config, log: (msg: string) => void = console.log): Promise<DemoCredential[]> {
  const existing = await s.pg.db.select().from(demoCredentials)
  if (!isDemoMode(config)) {
    if (existing.length) {
      const emails = existing.map((e) => e.email)
      await s.pg.db.update(users).set({ active: false }).where(inArray(users.email, emails))
      await s.pg.db.delete(demoCredentials)
      await audit(s, {
        actor: 'system',
        action: 'user.deactivate',
        target: emails.join(', '),
        detail: { reason: 'demo accounts retired: production mode' },
      })
      log(`Chế độ vận hành: đã vô hiệu hóa ${emails.length} tài khoản demo / production mode: ${emails.length} demo accounts deactivated`)
    }
    return []
  }
  if (existing.length) return []
  const commune = await demoCommune(s, config.PROVINCE_CODE)
  const created: DemoCredential[] = []
  for (const a of DEMO_ACCOUNTS) {
    if (a.role === 'commune' && !commune) continue
    const email = a.role === 'commune' ? `xa-${commune}@${DEMO_DOMAIN}` : `${a.local}@${DEMO_DOMAIN}`
    if (await findUserByEmail(s, email)) continue
    const password = demoPassword()
    const communeCode = a.role === 'commune' ? commune : null
    await createUser(s, { email, displayName: a.name, roles: [a.role], communeCode, password }, { actor: 'system', ip: null })
    await s.pg.db.insert(demoCredentials).values({ email, password, role: a.role, communeCode })
    created.push({ email, password, role: a.role, communeCode })
  }
  if (created.length) {
    log(
      [
        '',
        '──── TÀI KHOẢN DEMO / DEMO ACCOUNTS (chỉ ở chế độ demo — demo mode only; shown once here, and on /login) ────',
        ...created.map(
          (c) => `  ${c.role.padEnd(13)} ${c.email.padEnd(28)} ${c.password}${c.communeCode ? `   (xã ${c.communeCode})` : ''}`,
        ),
        '───────────────────────────────────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    )
  }
  return created
}

/** The demo credentials to show on the sign-in page: only in demo mode, otherwise always empty. */
export async function listDemoCredentials(s: Pg, config: Config): Promise<DemoCredential[]> {
  if (!isDemoMode(config)) return []
  const rows = await s.pg.db.select().from(demoCredentials).orderBy(asc(demoCredentials.createdAt), asc(demoCredentials.email))
  const order = DEMO_ACCOUNTS.map((a) => a.role as string)
  return rows
    .map((r) => ({ email: r.email, password: r.password, role: r.role, communeCode: r.communeCode }))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
}
