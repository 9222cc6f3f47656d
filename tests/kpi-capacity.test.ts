/**
 * One capacity model on every page (issue 14, ADR 037): "quá tải công suất" on the overview, the commune page and
 * the map is the one staffing prediction's utilisation (/staffing, /staffing/plan) at or over the `utilisation`
 * threshold, and the utilisation is one number on the overview, the commune page, /staffing and the API.
 *
 * Fixture (commune_day_procedure rows, every working day from June to 20 November 2026, and Postgres officers):
 *  - Hiếu Giang (A): 10 land dossiers a day (3 back-office hours each: 30 h of work), 4 of them at the counter,
 *    for two land officers (16 h a day): short of staff;
 *  - Ái Tử (B): 6 civil-status dossiers a day, all at the counter, for six generalists: staff to spare.
 * Before: the overview graded a peak-hour Erlang counter queue (4 visitors a day on two counters: "bình thường"
 * for A) while /staffing said A needs more officers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignments, officers } from '../db/pg/schema/index.ts'
import { loadCalendar } from '../db/seed/workdays.ts'
import { addDays } from '../db/lib/workdays.ts'
import { getStaffingNeed } from '../app/kpi/staffing.server.ts'
import { figures, type Figure } from './support/figures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

const A = '19603' // Hiếu Giang: short of staff
const B = '19669' // Ái Tử: surplus
const period = { from: '2026-11-01', to: '2026-11-20' }
const q = `period=custom&from=${period.from}&to=${period.to}`

let srv: TestServer
let user: HttpClient

beforeAll(async () => {
  srv = await startTestServer()
  const s = srv.stores
  const cal = await loadCalendar(s.pg.db)
  const values: Record<string, unknown>[] = []
  const row = (commune: string, d: string, field: string, received: number, inPerson: number, days: number) => ({
    commune_code: commune,
    day: d,
    procedure_code: field === 'dat_dai' ? '1.012790' : '1.001193',
    procedure_name: field,
    field_code: field,
    received,
    received_in_person: inPerson,
    statutory_days: received * days,
    finished: received,
    finished_late: 0,
    late: 0,
    computed_at: '2026-11-21 00:00:00.000',
  })
  for (let d = '2026-06-01'; d <= '2026-11-20'; d = addDays(d, 1))
    if (cal.isWorkingDay(d)) values.push(row(A, d, 'dat_dai', 10, 4, 8), row(B, d, 'ho_tich', 6, 6, 3))
  await s.ch.client.insert({ table: 'commune_day_procedure', values, format: 'JSONEachRow' })
  const off = (id: string, skills: string[]) => ({
    id,
    fullName: `Cán bộ ${id}`,
    position: 'officer',
    homeCommuneCode: null,
    skills,
    fte: 1,
  })
  const bs = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']
  await s.pg.db.insert(officers).values([off('a1', ['dat_dai']), off('a2', ['dat_dai']), ...bs.map((id) => off(id, []))])
  const home = (id: string, commune: string) => ({ officerId: id, communeCode: commune, kind: 'home', validFrom: '2025-07-01' })
  await s.pg.db.insert(assignments).values([home('a1', A), home('a2', A), ...bs.map((id) => home(id, B))])
  user = await srv.signIn(['leadership', 'home_affairs'])
}, 300_000)
afterAll(async () => srv?.close())

const html = async (path: string) => {
  const res = await user.get(path)
  expect(res.status, path).toBe(200)
  return res.text()
}
/** The overload badge's level in a table row (a level is text, marked `data-level`, not a figure). */
const levelIn = (page: string, row: string) =>
  /data-level="(\w+)"/.exec(new RegExp(`data-row="${row}"[^>]*>([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '')?.[1]
const utilisationIn = (figs: Figure[], row: string | null) =>
  figs.filter((f) => f.kpi === 'utilisation' && f.row === row).map((f) => f.value)

describe('capacity overload is the staffing prediction over the threshold', () => {
  it('the commune short of staff is over capacity, the one with staff to spare is not, and the utilisation is one number', async () => {
    const need = await getStaffingNeed(srv.stores, period)
    const a = need.perCommune.find((c) => c.commune === A)!
    const b = need.perCommune.find((c) => c.commune === B)!
    // /staffing: A needs more officers than its two; B has more than it needs.
    expect(a.gap).toBeGreaterThan(0)
    expect(b.gap).toBeLessThan(0)
    const uA = a.forecast!.utilisation!
    const uB = b.forecast!.utilisation!
    // A: 30 h of land work + its counter share a day for 16 h of staff time; B: well under its 48 h.
    expect(uA).toBeGreaterThan(1.8)
    expect(uB).toBeLessThan(0.85)

    // The API: the level and the utilisation it grades, for each commune.
    for (const [code, u, level] of [
      [A, uA, 'overload'],
      [B, uB, 'normal'],
    ] as const) {
      const json = (await (await user.get(`/api/v1/kpi?commune=${code}&from=${period.from}&to=${period.to}`)).json()) as {
        overload: { level: string; utilisation: number | null }
      }
      expect([code, json.overload.level, json.overload.utilisation]).toEqual([code, level, u])
    }

    // The overview: A's row over capacity, B's not, each showing the same utilisation; the tile counts A alone.
    const overview = await html(`/?${q}`)
    const ov = figures(overview)
    expect(utilisationIn(ov, A)).toEqual([uA])
    expect(utilisationIn(ov, B)).toEqual([uB])
    expect([levelIn(overview, A), levelIn(overview, B)]).toEqual(['overload', 'normal'])
    expect(ov.find((f) => f.kpi === 'overload_communes' && f.row === null)?.value).toBe(1)

    // The commune page and /staffing show the same figure.
    expect(utilisationIn(figures(await html(`/communes/${A}?${q}`)), null)).toEqual([uA])
    expect(utilisationIn(figures(await html(`/communes/${B}?${q}`)), null)).toEqual([uB])
    const staffingPage = await html(`/staffing?${q}`)
    const staffing = figures(staffingPage)
    expect(utilisationIn(staffing, A)).toContain(uA)
    expect(utilisationIn(staffing, B)).toContain(uB)
    expect([levelIn(staffingPage, A), levelIn(staffingPage, B)]).toEqual(['overload', 'normal'])
  })
})
