/**
 * Every date field reads dd/mm/yyyy (issue #18: "date inputs show mm/dd/yyyy"): no page renders the browser's
 * `type="date"` (mm/dd/yyyy in some locales) — the officer editor, the staffing planner, actions and the audit filter
 * use the period picker's dd/mm/yyyy field — and the server reads what people type there. Real server (chDB + PGlite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditFilterSchema } from '../app/auth/audit.server.ts'
import { AssignmentSchema, EndAssignmentSchema } from '../app/dashboard/staffing-edit.server.ts'
import { toYmd } from '../app/lib/day-input.ts'
import { NewActionSchema } from '../app/planning/actions.server.ts'
import { ProposeForm } from '../app/planning/planner.server.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

let app: TestServer
let all: HttpClient

beforeAll(async () => {
  app = await startTestServer({ LOG_LEVEL: 'warn' })
  all = await app.signIn(['leadership', 'home_affairs', 'finance', 'it', 'admin'])
})
afterAll(async () => app?.close())

/** The names of the dd/mm/yyyy fields of a page, and whether any browser date input is left. */
async function dateFields(path: string) {
  const html = await (await all.get(path)).text()
  const names = [...html.matchAll(/<input[^>]*placeholder="dd\/mm\/yyyy"[^>]*>/g)].map((m) => /name="([^"]+)"/.exec(m[0])?.[1])
  return { names, native: /type="date"/.test(html) }
}

describe('dates are typed and read as dd/mm/yyyy', () => {
  it('the server reads dd/mm/yyyy (and yyyy-mm-dd) in every date field; an impossible date is refused', () => {
    expect(toYmd('07/12/2026')).toBe('2026-12-07')
    expect(toYmd('7/2/2026')).toBe('2026-02-07')
    expect(toYmd('2026-12-07')).toBe('2026-12-07')
    expect(AuditFilterSchema.parse({ from: '01/12/2026', to: '31/12/2026' })).toMatchObject({ from: '2026-12-01', to: '2026-12-31' })
    expect(EndAssignmentSchema.parse({ assignmentId: '3', validTo: '15/01/2027' }).validTo).toBe('2027-01-15')
    const a = AssignmentSchema.parse({
      officerId: 'CB1',
      communeCode: '18904',
      kind: 'secondment',
      validFrom: '01/02/2027',
      validTo: '28/02/2027',
    })
    expect([a.validFrom, a.validTo]).toEqual(['2027-02-01', '2027-02-28'])
    expect(
      AssignmentSchema.safeParse({ officerId: 'CB1', communeCode: '18904', kind: 'secondment', validFrom: '31/02/2027' }).success,
    ).toBe(false)
    const act = NewActionSchema.parse({
      communeCode: '18904',
      kpi: 'late',
      title: 'Xử lý tồn đọng',
      department: 'it',
      dueDate: '20/12/2026',
    })
    expect(act.dueDate).toBe('2026-12-20')
    expect(
      NewActionSchema.parse({ communeCode: '18904', kpi: 'late', title: 'Xử lý tồn đọng', department: 'it', dueDate: '' }).dueDate,
    ).toBeUndefined()
    const p = ProposeForm.safeParse({
      title: 'Phương án',
      start: '05/01/2027',
      horizonDays: '20',
      maxMoves: '5',
      mode: 'adjacent',
      maxKm: '',
      maxSecondments: '2',
      secondmentDays: '10',
    })
    expect(p.success && p.data.start).toBe('2027-01-05')
  })

  it('the audit filter, the officer editor, the planner and actions render dd/mm/yyyy fields, never type="date"', async () => {
    expect(await dateFields('/admin/audit?from=2026-12-01')).toEqual({ names: ['from', 'to'], native: false })
    const html = await (await all.get('/admin/audit?from=2026-12-01')).text()
    expect(html).toMatch(/name="from"[^>]*value="01\/12\/2026"|value="01\/12\/2026"[^>]*name="from"/)
    const staffing = await dateFields('/staffing?oc=18904')
    expect(staffing.native).toBe(false)
    expect(staffing.names).toEqual(expect.arrayContaining(['validFrom', 'validTo']))
    const plan = await dateFields('/staffing/plan')
    expect(plan).toMatchObject({ native: false })
    expect(plan.names).toContain('start')
    expect((await dateFields('/actions')).native).toBe(false)
  })
})
