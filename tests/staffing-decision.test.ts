/**
 * A staffing plan as a decision (issue #18 item 5): the draft decision DOCX names the officers, the communes,
 * the dates and the reason; the commune page's moves in and out; officer names on an accepted plan (which has
 * no edit options); and the worse-commune rule the accept warning uses. Real PGlite, hand-written plan.
 */
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignments, officers } from '../db/pg/schema/index.ts'
import { addDays, toLocalYmd } from '../db/lib/workdays.ts'
import { acceptStaffingPlan, saveStaffingPlan } from '../app/planning/plans.server.ts'
import { evaluatePlan } from '../app/planning/evaluate.ts'
import { communeMoves, decisionDocx } from '../app/planning/decision.server.ts'
import { worseCommunes } from '../app/planning/decision.ts'
import { planView, type SlimEvaluation } from '../app/planning/planner.server.ts'
import { threeCommunes } from './planning-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const X = '19333' // Đông Hà
const Y = '19351' // Nam Đông Hà
let s: TestStores
let planId: number
const start = '2026-03-02'

beforeAll(async () => {
  s = await openTestStores()
  const officer = (id: string, name: string, home: string | null, position = 'officer') => ({
    id,
    fullName: name,
    position,
    homeCommuneCode: home,
    skills: ['dat_dai'],
    fte: 1,
  })
  await s.pg.db.insert(officers).values([officer('CB19333-04', 'Nguyễn Thị Hòa', X), officer('TINH-01', 'Lê Văn Thủy', null, 'provincial')])
  await s.pg.db.insert(assignments).values({ officerId: 'CB19333-04', communeCode: X, kind: 'home', validFrom: '2025-07-01' })
  planId = await saveStaffingPlan(s, {
    title: 'Tăng cường Nam Đông Hà',
    moves: [
      { officerId: 'CB19333-04', from: X, to: Y, kind: 'move', field: 'dat_dai' },
      { officerId: 'TINH-01', from: null, to: X, kind: 'secondment', days: 3 },
    ],
    createdBy: 'noivu@example.vn',
    params: { start, asOf: addDays(toLocalYmd(new Date()), -1), horizonDays: 5, secondmentDays: 3, constraints: {} },
    predicted: evaluatePlan(threeCommunes(), []),
  })
  await acceptStaffingPlan(s, planId, { actor: 'noivu@example.vn', reason: 'Nam Đông Hà tồn đọng hồ sơ đất đai', ip: null })
})
afterAll(async () => s?.dispose())

describe('an accepted plan reads as a decision', () => {
  it('the draft decision DOCX lists names, from, to, form, dates and the reason — no officer ids', async () => {
    const { buf } = await decisionDocx(s, planId, 'Tỉnh Quảng Trị')
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')
    expect(text).toContain('|QUYẾT ĐỊNH|')
    expect(text).toContain('|1|Nguyễn Thị Hòa|Đông Hà|Nam Đông Hà|Điều động|')
    expect(text).toContain('|2|Lê Văn Thủy|Cán bộ cấp tỉnh (biệt phái)|Đông Hà|Biệt phái|')
    expect(text).toContain('Lý do: Nam Đông Hà tồn đọng hồ sơ đất đai')
    expect(text).toMatch(/\|\d{2}\/\d{2}\/\d{4}\|/)
    expect(text).not.toContain('CB19333-04')
  })

  it('an accepted plan (no edit options) still has every officer by name', async () => {
    const v = await planView(s, planId)
    expect(v.options).toBeNull()
    expect(v.officerNames).toEqual({ 'CB19333-04': 'Nguyễn Thị Hòa', 'TINH-01': 'Lê Văn Thủy' })
  })

  it("the commune page's moves: Đông Hà sees one officer leave and one arrive; Nam Đông Hà one arrive", async () => {
    const pick = (ms: Awaited<ReturnType<typeof communeMoves>>) => ms.map((m) => [m.officer, m.direction, m.other, m.kind, m.status])
    expect(pick(await communeMoves(s, X)).sort()).toEqual([
      ['Lê Văn Thủy', 'in', null, 'secondment', 'accepted'],
      ['Nguyễn Thị Hòa', 'out', 'Nam Đông Hà', 'move', 'accepted'],
    ])
    expect(pick(await communeMoves(s, Y))).toEqual([['Nguyễn Thị Hòa', 'in', 'Đông Hà', 'move', 'accepted']])
  })
})

describe('the warning before accepting', () => {
  const c = (code: string, late: number) => ({
    code,
    heads: 1,
    fte: 1,
    counters: 1,
    intake: 1,
    late,
    meanWaitMinutes: 1,
    utilisation: 0.5,
    alreadyOverdue: 0,
  })
  const tot = { heads: 0 } as unknown as SlimEvaluation['before']['province']
  it('lists exactly the communes whose predicted late dossiers go up, the largest rise first', () => {
    const e = {
      before: { province: tot, communes: [c('18859', 5.8), c('18871', 10), c('18904', 2)] },
      after: { province: tot, communes: [c('18859', 91.1), c('18871', 3), c('18904', 2.5)] },
      violations: [],
    } as unknown as SlimEvaluation
    expect(worseCommunes(e)).toEqual([
      { code: '18859', lateBefore: 5.8, lateAfter: 91.1 },
      { code: '18904', lateBefore: 2, lateAfter: 2.5 },
    ])
  })
})
