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
import { QT } from './support/dossier-fixtures.ts'
import { DRILL_WEEK, OFFICER_A as A, seedDrill } from './support/drill-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
const week = DRILL_WEEK

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await seedDrill(s)
})
afterAll(async () => s?.dispose())

const ids = async (cls: DossierClass, q = week) =>
  (await listDossiers(s, { ...q, cls, pageSize: 1000 })).items.map((d) => d.dossierId).sort()

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
      processed: [b.processed, ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D13']],
      in_process: [b.inProcess, ['D07', 'D08', 'D09', 'D10', 'D14', 'D15', 'D17']],
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
    expect(DOSSIER_CLASSES).toHaveLength(12)
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
