/**
 * Satisfaction and complaints (docs/design.md §3, 766 "Mức độ hài lòng") on real engines with hand-written
 * ratings and complaints in Phường Đồng Hới, March 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { getComplaints, getSatisfaction } from '../app/kpi/satisfaction.server.ts'
import { getBacklogFromDossiers } from '../app/kpi/backlog.server.ts'
import { insertComplaints, insertDossiers, insertRatings, QT, type DossierFixture } from './support/dossier-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const H = QT.dongHoi
const march = { commune: H, from: '2026-03-01', to: '2026-03-31' }

// prettier-ignore
const dossiers: DossierFixture[] = [
  { id: 'S1', commune: H, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-03 10:00' }, // rated 5
  { id: 'S2', commune: H, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-04 10:00' }, // rated 2 → dissatisfied
  { id: 'S3', commune: H, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-05 10:00' }, // late → dissatisfied (rated 4)
  { id: 'S4', commune: H, received: '2026-03-03 08:00', due: '2026-03-06 17:00', finished: '2026-03-05 10:00' }, // complaint → dissatisfied
  { id: 'S5', commune: H, received: '2026-03-03 08:00', due: '2026-03-06 17:00', finished: '2026-03-06 10:00' }, // rated 1 AND complaint → once
  { id: 'S6', commune: H, received: '2026-03-09 08:00', due: '2026-03-20 17:00', field: 'dat_dai' }, // land, open, overdue at 31 March
  { id: 'S7', commune: H, received: '2026-03-09 08:00', due: '2026-03-20 17:00', finished: '2026-03-10 10:00', field: 'dat_dai' }, // land, rated 3
  { id: 'S8', commune: H, received: '2026-03-10 08:00', due: '2026-03-12 17:00', finished: '2026-03-11 10:00' }, // rated 5 online
  { id: 'S9', commune: H, received: '2026-03-10 08:00', due: '2026-04-10 17:00' }, // open, not yet due
  { id: 'S10', commune: H, received: '2026-03-16 08:00', due: '2026-03-18 17:00', finished: '2026-03-17 10:00' }, // not rated
  // Phường Đồng Sơn: dossiers, no rating, no complaint.
  { id: 'N1', commune: QT.dongSon, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-03 10:00' },
  // Phường Đồng Thuận: one complaint that nobody answered.
  { id: 'U1', commune: QT.dongThuan, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-03 10:00' },
]

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  await insertDossiers(s.ch, dossiers)
  await insertRatings(s.ch, [
    { id: 'R1', dossier: 'S1', commune: H, level: 5, at: '2026-03-03 10:05' },
    { id: 'R2', dossier: 'S2', commune: H, level: 2, at: '2026-03-04 10:05' },
    { id: 'R3', dossier: 'S3', commune: H, level: 4, at: '2026-03-05 10:05' },
    { id: 'R5', dossier: 'S5', commune: H, level: 1, at: '2026-03-06 10:05' },
    { id: 'R7', dossier: 'S7', commune: H, level: 3, at: '2026-03-10 10:05' },
    { id: 'R8', dossier: 'S8', commune: H, level: 5, at: '2026-03-11 20:00', channel: 'truc_tuyen' },
    { id: 'R0', dossier: 'S1', commune: H, level: 5, at: '2026-02-27 10:00' }, // February: outside the period
  ])
  await insertComplaints(s.ch, [
    {
      id: 'C1',
      commune: H,
      dossier: 'S4',
      class: 'hanh_vi',
      category: 'nhung_nhieu',
      received: '2026-03-05 09:00',
      due: '2026-03-26 17:00',
      handled: '2026-03-20 10:00',
      satisfied: true,
    },
    {
      id: 'C2',
      commune: H,
      dossier: 'S5',
      class: 'hanh_vi',
      category: 'yeu_cau_vneid',
      received: '2026-03-06 09:00',
      due: '2026-03-27 17:00',
      handled: '2026-03-30 10:00',
      satisfied: false,
    },
    { id: 'C3', commune: H, class: 'quy_dinh', category: 'them_giay_to', received: '2026-03-20 09:00', due: '2026-04-10 17:00' },
    { id: 'C4', commune: H, dossier: 'S6', class: 'quy_dinh', category: 'khac', received: '2026-03-12 09:00', due: '2026-04-02 17:00' },
    { id: 'C5', commune: H, class: 'hanh_vi', category: 'thai_do', received: '2026-03-02 09:00', due: '2026-03-20 17:00' },
    {
      id: 'CU',
      commune: QT.dongThuan,
      dossier: 'U1',
      class: 'quy_dinh',
      category: 'cham_tre',
      received: '2026-03-05 09:00',
      due: '2026-03-26 17:00',
      handled: '2026-03-10 09:00',
    },
  ])
  await refreshRollups(s, { fromDay: '2026-02-01', toDay: '2026-04-30' })
})
afterAll(async () => s?.dispose())

describe('counter ratings', () => {
  it('gives the distribution over the five levels and the share satisfied (levels 4–5)', async () => {
    const sat = await getSatisfaction(s, march)
    // R1 5, R2 2, R3 4, R5 1, R7 3, R8 5 (R0 is in February).
    expect(sat.ratings).toEqual({ levels: [1, 1, 1, 1, 2], rated: 6, satisfied: 3, satisfiedShare: 0.5 })
  })

  it('shows land procedures separately', async () => {
    const sat = await getSatisfaction(s, march)
    expect(sat.landRatings).toEqual({ levels: [0, 0, 1, 0, 0], rated: 1, satisfied: 0, satisfiedShare: 0 })
  })

  it('a commune with no ratings has a null satisfied share, not 0', async () => {
    const sat = await getSatisfaction(s, { ...march, commune: QT.dongSon })
    expect(sat.ratings.rated).toBe(0)
    expect(sat.ratings.satisfiedShare).toBeNull()
    expect(sat.landRatings.satisfiedShare).toBeNull()
  })
})

describe('766 satisfaction in TTHC', () => {
  it('= (to process − late/overdue, rated 1–2 or complained, each dossier once) / to process; points min(6, 6 × rate / 0.9)', async () => {
    const sat = await getSatisfaction(s, march)
    // To process 10 (S1–S10); dissatisfied S2 (rated 2), S3 (late), S4 (complaint), S5 (rated 1 + complaint,
    // once), S6 (overdue at 31 March) = 5 → rate 0.5 → 6 × 0.5 / 0.9 = 3.333… → 3.33.
    expect(sat.dossierSatisfaction).toEqual({ numerator: 5, denominator: 10, rate: 0.5, points: 3.33 })
  })

  it('the rollup agrees with a direct count over dossiers', async () => {
    const direct = await getBacklogFromDossiers(s, march)
    const sat = await getSatisfaction(s, march)
    expect(sat.dossierSatisfaction.denominator! - sat.dossierSatisfaction.numerator!).toBe(direct.dissatisfied)
  })

  it('the province is the sum of its communes', async () => {
    const sat = await getSatisfaction(s, { from: '2026-03-01', to: '2026-03-31' })
    // + N1 (Đồng Sơn) and U1 (Đồng Thuận, complained about) → 13 − … : to process 12, dissatisfied 6.
    expect(sat.dossierSatisfaction).toMatchObject({ numerator: 6, denominator: 12 })
    expect(sat.ratings.rated).toBe(6)
  })
})

describe('complaints (PAKN)', () => {
  it('by class and category, with on-time handling and the two 766 complaint metrics', async () => {
    const c = await getComplaints(s, march)
    // C1 handled before due; C2 handled after due; C3, C4 pending with a due date after 31 March (on time);
    // C5 pending past due (overdue). Answers: C1 yes, C2 no.
    expect(c).toMatchObject({ total: 5, handled: 2, onTime: 3, overdue: 1, answered: 2, satisfied: 1 })
    expect(c.byClass.hanh_vi).toMatchObject({ total: 3, onTime: 1 })
    expect(c.byClass.quy_dinh).toMatchObject({ total: 2, onTime: 2 })
    expect(c.byCategory.nhung_nhieu).toMatchObject({ total: 1, onTime: 1 }) // harassment
    expect(c.byCategory.yeu_cau_vneid).toMatchObject({ total: 1, onTime: 0 }) // VNeID demanded
    expect(c.byCategory.them_giay_to).toMatchObject({ total: 1, onTime: 1 }) // extra papers
    expect(c.byCategory.cham_tre.total).toBe(0)
    expect(c.land).toMatchObject({ total: 1 }) // C4 names the land dossier S6
    expect(c.onTimeHandling).toEqual({ numerator: 3, denominator: 5, rate: 0.6, points: 3.6 })
    expect(c.handlingSatisfaction).toEqual({ numerator: 1, denominator: 2, rate: 0.5, points: 3 })
  })

  it('a period with no complaints earns the full 6 points on both complaint metrics', async () => {
    for (const q of [
      { ...march, commune: QT.dongSon },
      { commune: H, from: '2026-02-01', to: '2026-02-28' },
    ]) {
      const c = await getComplaints(s, q)
      expect(c.total).toBe(0)
      expect(c.onTimeHandling.points).toBe(6)
      expect(c.handlingSatisfaction.points).toBe(6)
    }
  })

  it('complaints that nobody answered: no rate, and the rule’s “none” value for the points (ADR 024)', async () => {
    // Was { null, null, null, null } (ADR 007), which dropped the whole 18-point MDHL group (issue #14).
    const c = await getComplaints(s, { ...march, commune: QT.dongThuan })
    expect(c.total).toBe(1)
    expect(c.onTimeHandling.points).toBe(6) // handled within its deadline
    expect(c.handlingSatisfaction).toEqual({ numerator: 0, denominator: 0, rate: null, points: 6 })
  })

  it('a complaint still pending when the period ends is on time only while its deadline is after that end', async () => {
    // Over 1–15 March only C1, C2, C4, C5 were received; at the end of 15 March C2 (due 27) and C4 (due 2 April)
    // are pending with a later deadline, C1 handled on time, C5 (due 20) pending and not yet due.
    const c = await getComplaints(s, { commune: H, from: '2026-03-01', to: '2026-03-15' })
    expect(c).toMatchObject({ total: 4, onTime: 4, overdue: 0 })
  })
})
