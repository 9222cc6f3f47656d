/**
 * GET /api/v1/kpi — the route's loader on real engines: response shape and values for a commune and for
 * the province, previous period / same period last year / targets, part 2's overload, staffing and
 * equipment fields, and the 400 / 404 answers.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kpiTargets } from '../db/pg/schema/index.ts'
import { loader } from '../app/routes/api.v1.kpi.ts'
import { createApiToken } from '../app/auth/api-tokens.server.ts'
import { createUser } from '../app/auth/users.server.ts'
import { getEquipmentGap } from '../app/kpi/equipment.server.ts'
import { getStaffingNeed } from '../app/kpi/staffing.server.ts'
import { getCommuneRanking } from '../app/kpi/ranking.server.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { insertComplaints, insertDossiers, insertRatings, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
// prettier-ignore
const dossiers: DossierFixture[] = [
  // Previous week (2–8 March 2026).
  { id: 'A0', commune: H, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-03 10:00' }, // early
  { id: 'A4', commune: H, received: '2026-03-02 08:00', due: '2026-03-05 17:00' }, // open → overdue, carried into the week
  // The week 9–15 March 2026.
  { id: 'A1', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-10 10:00' }, // early, 1 day, rated 5
  { id: 'A2', commune: H, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-12 10:00' }, // late, 3 days, rated 2, complaint
  { id: 'A3', commune: H, received: '2026-03-10 08:00', due: '2026-03-16 17:00' }, // nearly due (Mon 16)
  { id: 'A5', commune: H, received: '2026-03-11 08:00', due: '2026-03-20 17:00' }, // not yet due
  { id: 'S1', commune: QT.dongSon, received: '2026-03-10 08:00', due: '2026-03-12 17:00', finished: '2026-03-10 15:00', synthetic: true }, // early
  // Same week last year (10–16 March 2025).
  { id: 'B1', commune: H, received: '2025-03-10 08:00', due: '2025-03-11 17:00', finished: '2025-03-11 10:00' }, // on time
]

let s: TestStores
/** Bearer tokens: a provincial reader and a Đồng Hới commune user (access is the accounts layer's). */
let provinceToken = ''
let communeToken = ''
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, dossiers)
  await insertRatings(s.ch, [
    { id: 'R1', dossier: 'A1', commune: H, level: 5, at: '2026-03-10 10:05' },
    { id: 'R2', dossier: 'A2', commune: H, level: 2, at: '2026-03-12 10:05' },
  ])
  await insertComplaints(s.ch, [
    {
      id: 'K1',
      commune: H,
      dossier: 'A2',
      class: 'hanh_vi',
      category: 'nhung_nhieu',
      received: '2026-03-12 11:00',
      due: '2026-04-02 17:00',
      handled: '2026-03-13 09:00',
      satisfied: true,
    },
  ])
  await s.pg.db.insert(kpiTargets).values({ kpi: 'on_time_rate', communeCode: H, target: 0.5, direction: 'higher_better' })
  const by = { actor: 'test', ip: null }
  const lead = await createUser(s, { email: 'lanhdao@example.vn', roles: ['leadership'], password: 'mat-khau-dai-du-2026' }, by)
  provinceToken = (await createApiToken(s, lead.id, 'kpi test', by)).token
  const xa = await createUser(s, { email: 'xa@example.vn', roles: ['commune'], communeCode: H, password: 'mat-khau-dai-du-2026' }, by)
  communeToken = (await createApiToken(s, xa.id, 'kpi test', by)).token
  await refreshRollups(s, { fromDay: '2025-03-01', toDay: '2025-03-31' })
  await refreshRollups(s, { fromDay: '2026-02-01', toDay: '2026-04-30' })
})
afterAll(async () => s?.dispose())

async function get(query: string, token = provinceToken): Promise<{ status: number; body: Record<string, any> }> {
  const request = new Request(`http://localhost/api/v1/kpi?${query}`, { headers: { Authorization: `Bearer ${token}` } })
  let res: Response
  try {
    res = await loader({ request, params: {}, context: {} })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    res = thrown
  }
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

describe('GET /api/v1/kpi for a commune', () => {
  it('returns the backlog arithmetic, rates, processing days, satisfaction and complaints', async () => {
    const { status, body } = await get(`commune=${H}&from=2026-03-09&to=2026-03-15`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      commune: { code: H, name: 'Đồng Hới' },
      province: '44',
      from: '2026-03-09',
      to: '2026-03-15',
      synthetic: false,
      stockAsOf: '2026-03-15',
      received: 4,
      receivedOnline: 0,
      receivedInPersonOrPost: 4,
      carriedOver: 1,
      toProcess: 5,
      processedEarly: 1,
      processedOnTime: 0,
      processedLate: 1,
      inProcessNotDue: 1,
      inProcessNearlyDue: 1,
      inProcessOverdue: 1,
      lateRate: 0.4,
      onTimeRate: 0.5,
      avgProcessingDays: 2,
      p90ProcessingDays: 3,
      satisfiedShare: 0.5,
      complaints: 1,
    })
    expect(body.complaintsDetail.byCategory.nhung_nhieu).toMatchObject({ total: 1, onTime: 1 })
    expect(body.ageing).toMatchObject({ days0to5: 2, days6to10: 1, total: 3 })
  })

  it("returns the 766 groups and total, with each metric's ratio and points", async () => {
    const { body } = await get(`commune=${H}&from=2026-03-09&to=2026-03-15`)
    // TDGQ 3/5 → 12; satisfaction (5 − A2 − A4) / 5 = 0.6 → 4; complaints on time 1/1 → 6; satisfied 1/1 → 6.
    // MDSH: its computed metrics all 0 (nothing digitised) → 0 out of 14; it was dropped whole (null) before
    // issue #14 — a group is never dropped because one metric is missing (ADR 024). No fee: TTTT not computed.
    expect(body.qd766.groups).toEqual({ CKMB: null, TDGQ: 12, ONLINE: null, TTTT: null, MDSH: 0, MDHL: 16 })
    expect(body.qd766.total).toBe(28)
    expect(body.qd766.maxComputed).toBe(52)
    expect(body.qd766OutOf).toBe(52)
    expect(body.qd766.metrics.find((m: any) => m.code === 'TDGQ')).toEqual({
      code: 'TDGQ',
      group: 'TDGQ',
      numerator: 3,
      denominator: 5,
      rate: 0.6,
      points: 12,
      max: 20,
    })
    expect(body.qd766Total).toBe(28)
  })

  it('compares with the previous week and the same week last year, and with the targets', async () => {
    const { body } = await get(`commune=${H}&from=2026-03-09&to=2026-03-15`)
    expect(body.previous).toMatchObject({
      from: '2026-03-02',
      to: '2026-03-08',
      received: 2,
      processedEarly: 1,
      inProcessOverdue: 1,
      lateRate: 0.5,
    })
    expect(body.lastYear).toMatchObject({ from: '2025-03-10', to: '2025-03-16', received: 1, processedOnTime: 1, lateRate: 0 })
    // The commune's own on-time target (0.5) overrides the province default (0.95).
    expect(body.targets.on_time_rate).toEqual({ target: 0.5, direction: 'higher_better', source: 'commune', value: 0.5, met: true })
    expect(body.targets.late_rate).toMatchObject({ target: 0.05, source: 'province', value: 0.4, met: false })
  })

  it('includes overload, staffing and equipment from part 2 of the KPI engine', async () => {
    const { body } = await get(`commune=${H}&from=2026-03-09&to=2026-03-15`)
    expect(body.errors).toEqual({})
    expect(['normal', 'watch', 'overload']).toContain(body.overload.level)
    expect(Array.isArray(body.overload.reasons)).toBe(true)
    const need = await getStaffingNeed(s, { commune: H, from: '2026-03-09', to: '2026-03-15' })
    expect([body.staffRequired, body.staffAssigned]).toEqual([need.required, need.assigned])
    const gap = await getEquipmentGap(s, { commune: H, from: '2026-03-09', to: '2026-03-15' })
    expect(body.equipmentGapVnd).toBe(gap.gapVnd)
  })
})

describe('GET /api/v1/kpi for the province', () => {
  it('without a commune: the province, which is the sum of its communes; synthetic data is flagged', async () => {
    const { status, body } = await get('from=2026-03-09&to=2026-03-15')
    expect(status).toBe(200)
    expect(body.commune).toBeNull()
    expect(body).toMatchObject({
      received: 5,
      carriedOver: 1,
      toProcess: 6,
      processedEarly: 2,
      processedLate: 1,
      inProcessOverdue: 1,
      synthetic: true,
    })
    expect(body.toProcess).toBe(
      body.processedEarly +
        body.processedOnTime +
        body.processedLate +
        body.inProcessNotDue +
        body.inProcessNearlyDue +
        body.inProcessOverdue,
    )
  })

  it('accepts period=week&at=… for the same week', async () => {
    const { body } = await get('period=week&at=2026-03-11')
    expect([body.from, body.to, body.received]).toEqual(['2026-03-09', '2026-03-15', 5])
  })
})

describe('GET /api/v1/kpi errors', () => {
  it.each([
    ['from=2026-02-30&to=2026-03-15', /from/],
    ['from=2026-03-15&to=2026-03-09', /from must not be after to/],
    ['from=2026-03-09', /from and to go together/],
    ['commune=abc&from=2026-03-09&to=2026-03-15', /commune/],
    ['from=2026-03-09&to=2026-03-15&comune=18880', /unknown parameter: comune/],
    ['period=decade', /period/],
  ])('400 with a clear message for %s', async (q, message) => {
    const { status, body } = await get(q)
    expect(status).toBe(400)
    expect(body.error).toBe('bad_request')
    expect(body.message).toMatch(message)
  })

  it.each(['00004', '99999'])('404 for a commune that is not in the province (%s)', async (code) => {
    const { status, body } = await get(`commune=${code}&from=2026-03-09&to=2026-03-15`)
    expect(status).toBe(404)
    expect(body).toMatchObject({ error: 'not_found' })
    expect(body.message).toContain(code)
  })
})

describe('OpenAPI document', () => {
  it('docs/api/openapi.yaml documents /api/v1/kpi and every field of the response', async () => {
    const doc = fs.readFileSync(new URL('../docs/api/openapi.yaml', import.meta.url), 'utf8')
    expect(doc).toMatch(/^openapi: 3\./m)
    expect(doc).toContain('  /api/v1/kpi:')
    const { body } = await get(`commune=${H}&from=2026-03-09&to=2026-03-15`)
    const missing = Object.keys(body).filter((k) => !new RegExp(`\\b${k}:`).test(doc))
    expect(missing).toEqual([])
  })
})

describe('access (applied by the accounts layer)', () => {
  it('a commune user reads their own commune and is refused the province', async () => {
    expect((await get(`commune=${H}&from=2026-03-09&to=2026-03-15`, communeToken)).status).toBe(200)
    expect((await get('from=2026-03-09&to=2026-03-15', communeToken)).status).toBe(403)
    expect((await get('from=2026-03-09&to=2026-03-15', 'mck_not-a-token')).status).toBe(401)
  })
})

describe('commune ranking', () => {
  it('ranks every commune of the province on one KPI in one call, nulls last', async () => {
    const r = await getCommuneRanking(s, { from: '2026-03-09', to: '2026-03-15', kpi: 'late_rate' })
    expect(r).toHaveLength(78)
    expect(r.slice(0, 2).map((x) => [x.code, x.value, x.rank])).toEqual([
      [QT.dongSon, 0, 1],
      [H, 0.4, 2],
    ])
    expect(r[2]).toMatchObject({ value: null, rank: null })
  })
})
