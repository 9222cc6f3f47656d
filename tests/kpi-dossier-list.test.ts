/**
 * The dossiers behind a count (issue 14 item 4, ADR 026) on real chDB + PGlite: for every class, the list
 * of Phường Đồng Hới's week (Mon 9 – Fri 13 March 2026, the week of tests/kpi-backlog.test.ts) has exactly
 * as many rows as the count the pages show — read from the rollup (getBacklog), the satisfaction figures
 * (ratings of levels 1–2), the complaints total and the procedures' supplement requests — and the rows
 * are the dossiers counted by hand. Then paging, sorting, scoping and the worklist by officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBacklog } from '../app/kpi/backlog.server.ts'
import { getComplaints, getSatisfaction } from '../app/kpi/satisfaction.server.ts'
import { getTrainingNeeds } from '../app/kpi/training.server.ts'
import { DOSSIER_CLASSES, getWorklist, listDossiers, stockDay, type DossierClass } from '../app/kpi/dossiers.server.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { officers } from '../db/pg/schema/index.ts'
import { insertComplaints, insertDossiers, insertRatings, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
const week = { commune: H, from: '2026-03-09', to: '2026-03-13' }
const A = 'CB-A'
const B = 'CB-B'

// prettier-ignore
export const DRILL_DOSSIERS: DossierFixture[] = [
  { id: 'D01', commune: H, officer: A, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:00' }, // on time
  { id: 'D02', commune: H, officer: A, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-11 17:01' }, // late, 0 working days past the due day
  { id: 'D03', commune: H, officer: B, channel: 2, received: '2026-03-09 08:00', due: '2026-03-12 17:00', finished: '2026-03-10 10:00' }, // early
  { id: 'D04', commune: H, officer: B, received: '2026-03-09 08:00', due: '2026-03-20 17:00', finished: '2026-03-12 09:00', supplementCount: 2 }, // late (second supplement)
  { id: 'D05', commune: H, officer: A, received: '2026-03-09 08:00', due: '2026-03-11 17:00', finished: '2026-03-13 16:00', supplementHours: 16, supplementCount: 1 }, // on time (pause)
  { id: 'D13', commune: H, received: '2026-03-09 08:00', due: '2026-03-20 17:00', status: 7, updated: '2026-03-10 14:00' }, // withdrawn → early
  { id: 'D06', commune: H, officer: A, received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-10 09:00' }, // carried over, late: 2 working days past
  { id: 'D07', commune: H, officer: A, received: '2026-03-03 08:00', due: '2026-03-05 17:00' }, // open, overdue by 6 working days at Fri 13
  { id: 'D14', commune: H, officer: B, received: '2026-02-02 08:00', due: '2026-02-10 17:00' }, // open, overdue (across Tết)
  { id: 'D08', commune: H, officer: B, received: '2026-03-10 08:00', due: '2026-03-16 17:00' }, // nearly due
  { id: 'D09', commune: H, officer: A, received: '2026-03-09 08:00', due: '2026-03-18 17:00', supplementCount: 1 }, // not yet due
  { id: 'D10', commune: H, received: '2026-03-12 08:00', due: '2026-03-17 17:00' }, // nearly due, no officer
  { id: 'D15', commune: H, officer: A, received: '2026-03-11 08:00', due: '2026-03-30 17:00', supplementCount: 2 }, // overdue (second supplement), 0 days past
  { id: 'D17', commune: H, officer: B, received: '2026-03-10 08:00', due: '2026-03-12 17:00', finished: '2026-03-16 10:00' }, // overdue at the period end
  { id: 'D11', commune: H, received: '2026-03-02 08:00', due: '2026-03-06 17:00', finished: '2026-03-04 10:00' }, // outside
  { id: 'D12', commune: H, received: '2026-03-16 08:00', due: '2026-03-18 17:00' }, // outside
  { id: 'D16', commune: H, received: null, status: 3, submitted: '2026-03-10 08:00' }, // never received
  // Another commune: never in Đồng Hới's lists.
  { id: 'S01', commune: QT.dongSon, received: '2026-03-10 08:00', due: '2026-03-11 17:00' },
]

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, DRILL_DOSSIERS)
  await insertRatings(s.ch, [
    { id: 'R1', dossier: 'D01', commune: H, level: 1, at: '2026-03-11 18:00' },
    { id: 'R2', dossier: 'D01', commune: H, level: 2, at: '2026-03-12 09:00' }, // the same dossier rated twice: two rows
    { id: 'R3', dossier: 'D02', commune: H, level: 5, at: '2026-03-12 09:00' },
    { id: 'R4', dossier: 'D03', commune: H, level: 2, at: '2026-03-16 09:00' }, // after the period
    { id: 'R5', dossier: 'S01', commune: QT.dongSon, level: 1, at: '2026-03-11 09:00' },
  ])
  await insertComplaints(s.ch, [
    { id: 'C1', commune: H, dossier: 'D07', class: 'hanh_vi', category: 'nhung_nhieu', received: '2026-03-10 09:00', due: '2026-03-31 17:00' },
    { id: 'C2', commune: H, dossier: null, class: 'quy_dinh', category: 'khac', received: '2026-03-12 09:00', due: '2026-04-01 17:00' },
    { id: 'C3', commune: H, dossier: 'D09', class: 'quy_dinh', category: 'them_giay_to', received: '2026-03-20 09:00', due: '2026-04-08 17:00' },
  ])
  await s.pg.db.insert(officers).values([
    { id: A, fullName: 'Nguyễn Văn An', position: 'officer', homeCommuneCode: H },
    { id: B, fullName: 'Trần Thị Bình', position: 'officer', homeCommuneCode: H },
  ])
  await refreshRollups(s, { fromDay: '2026-01-01', toDay: '2026-04-30' })
  await refreshLoadRollups(s, { fromDay: '2026-01-01', toDay: '2026-04-30' })
})
afterAll(async () => s?.dispose())

const ids = async (cls: DossierClass, q = week) => (await listDossiers(s, { ...q, cls, pageSize: 1000 })).items.map((d) => d.dossierId).sort()

describe('each list has exactly the rows its count counts', () => {
  it('backlog classes equal the rollup counts (and the dossiers counted by hand)', async () => {
    const b = await getBacklog(s, week)
    const expected: Record<string, [number, string[]]> = {
      received: [b.received, ['D01', 'D02', 'D03', 'D04', 'D05', 'D08', 'D09', 'D10', 'D13', 'D15', 'D17']],
      processed_early: [b.processedEarly, ['D03', 'D13']],
      processed_on_time: [b.processedOnTime, ['D01', 'D05']],
      processed_late: [b.processedLate, ['D02', 'D04', 'D06']],
      in_process_not_due: [b.inProcessNotDue, ['D09']],
      in_process_nearly_due: [b.inProcessNearlyDue, ['D08', 'D10']],
      in_process_overdue: [b.inProcessOverdue, ['D07', 'D14', 'D15', 'D17']],
    }
    for (const [cls, [count, list]] of Object.entries(expected)) {
      const l = await listDossiers(s, { ...week, cls: cls as DossierClass })
      expect({ cls, total: l.total, items: l.items.length }).toEqual({ cls, total: count, items: count })
      expect(await ids(cls as DossierClass)).toEqual(list)
    }
  })

  it('supplement requested equals the procedures table sum; rated unsatisfied the levels 1–2; complained the complaints total', async () => {
    const proc = await getTrainingNeeds(s, week, { minReceived: 1, supplementRate: 0, lateRate: 0, limit: 1000 })
    const supplement = proc.items.reduce((a, p) => a + p.supplementRequested, 0)
    expect(supplement).toBe(4) // D04, D05, D09, D15
    expect(await ids('supplement_requested')).toEqual(['D04', 'D05', 'D09', 'D15'])
    const sat = await getSatisfaction(s, week)
    expect(sat.ratings.levels[0] + sat.ratings.levels[1]).toBe(2)
    const rated = await listDossiers(s, { ...week, cls: 'rated_unsatisfied' })
    expect(rated.total).toBe(2)
    expect(rated.items.map((d) => [d.dossierId, d.note, d.eventDay])).toEqual([
      ['D01', '1', '2026-03-11'],
      ['D01', '2', '2026-03-12'],
    ])
    const c = await getComplaints(s, week)
    expect(c.total).toBe(2)
    const comp = await listDossiers(s, { ...week, cls: 'complained', sort: 'received' })
    expect(comp.total).toBe(2)
    // A complaint that names no dossier is still a row (its dossier columns empty).
    expect(comp.items.map((d) => [d.dossierId, d.note]).sort()).toEqual([
      ['', 'khac'],
      ['D07', 'nhung_nhieu'],
    ])
  })

  it('the province list sums the communes; every class total is checked', async () => {
    const all = { from: week.from, to: week.to }
    expect((await listDossiers(s, { ...all, cls: 'received' })).total).toBe(12) // + S01
    expect((await listDossiers(s, { ...all, cls: 'rated_unsatisfied' })).total).toBe(3) // + R5
    expect(DOSSIER_CLASSES).toHaveLength(10)
  })
})

describe('rows, paging, sorting and scope', () => {
  it('shows procedure, channel, dates, working days overdue, officer and status', async () => {
    const od = await listDossiers(s, { ...week, cls: 'in_process_overdue', sort: 'overdue_days', desc: true })
    expect(od.asOf).toBe('2026-03-13')
    expect(od.items.map((d) => [d.dossierId, d.overdueDays])).toEqual([
      ['D14', 18], // due Tue 10 Feb; Tết 16–20 Feb off: 18 working days to Fri 13 March
      ['D07', 6], // due Thu 5 March
      ['D17', 1], // due Thu 12 March
      ['D15', 0], // second supplement: overdue, due day not reached
    ])
    const d07 = od.items[1]!
    expect(d07).toMatchObject({
      procedureName: 'Thủ tục ho_tich',
      channel: 1,
      status: 2,
      officerId: A,
      officerName: 'Nguyễn Văn An',
      receivedDay: '2026-03-03',
      dueDay: '2026-03-05',
      endedDay: '',
    })
    const late = await listDossiers(s, { ...week, cls: 'processed_late', sort: 'overdue_days', desc: true })
    expect(late.items.map((d) => [d.dossierId, d.overdueDays, d.endedDay])).toEqual([
      ['D06', 2, '2026-03-10'],
      ['D04', 0, '2026-03-12'],
      ['D02', 0, '2026-03-11'],
    ])
  })

  it('pages never overlap and cover the class; sorting is server side', async () => {
    const p1 = await listDossiers(s, { ...week, cls: 'received', pageSize: 4, page: 1, sort: 'received' })
    const p2 = await listDossiers(s, { ...week, cls: 'received', pageSize: 4, page: 2, sort: 'received' })
    const p3 = await listDossiers(s, { ...week, cls: 'received', pageSize: 4, page: 3, sort: 'received' })
    expect([p1.total, p1.items.length, p2.items.length, p3.items.length]).toEqual([11, 4, 4, 3])
    const all = [...p1.items, ...p2.items, ...p3.items].map((d) => d.dossierId)
    expect(new Set(all).size).toBe(11)
    expect(p1.items.map((d) => d.receivedDay)).toEqual(['2026-03-09', '2026-03-09', '2026-03-09', '2026-03-09'])
    const desc = await listDossiers(s, { ...week, cls: 'received', pageSize: 2, sort: 'received', desc: true })
    expect(desc.items.map((d) => d.dossierId)).toEqual(['D10', 'D15'])
  })

  it('a caller limited to another commune gets nothing', async () => {
    const l = await listDossiers(s, { ...week, cls: 'received', allowed: [QT.dongSon] })
    expect([l.total, l.items.length]).toEqual([0, 0])
  })

  it('the stock day is the period end, or today for a period running into the future', () => {
    expect(stockDay('2026-03-13', '2026-12-07')).toBe('2026-03-13')
    expect(stockDay('2026-12-31', '2026-12-07')).toBe('2026-12-07')
  })
})

describe('worklist', () => {
  it('groups the overdue and nearly-due dossiers by officer, most overdue first', async () => {
    const w = await getWorklist(s, H, '2026-03-13')
    expect([w.overdue, w.nearlyDue]).toEqual([4, 2])
    expect(w.byOfficer.map((o) => [o.officerName, o.overdue.map((d) => d.dossierId), o.nearlyDue.map((d) => d.dossierId)])).toEqual([
      ['Trần Thị Bình', ['D14', 'D17'], ['D08']],
      ['Nguyễn Văn An', ['D07', 'D15'], []],
      [null, [], ['D10']],
    ])
  })
})
