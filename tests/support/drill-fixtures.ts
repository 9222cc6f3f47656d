/**
 * The drill-through fixture (issue 14 item 4): Phường Đồng Hới's week Mon 9 – Fri 13 March 2026 (the dossiers
 * of tests/kpi-backlog.test.ts with officers, supplements, ratings and complaints), one dossier in Đồng Sơn,
 * two officers in Postgres; rollups refreshed. Used by tests/kpi-dossier-list.test.ts and tests/drill-server.test.ts.
 */
import type { Stores } from '../../db/stores.ts'
import { officers } from '../../db/pg/schema/index.ts'
import { refreshRollups } from '../../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../../etl/jobs/rollups/load-rollups.ts'
import { insertComplaints, insertDossiers, insertRatings, QT, type DossierFixture } from './dossier-fixtures.ts'

const H = QT.dongHoi
export const DRILL_WEEK = { commune: H, from: '2026-03-09', to: '2026-03-13' }
export const OFFICER_A = 'CB-A'
export const OFFICER_B = 'CB-B'
const A = OFFICER_A
const B = OFFICER_B

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

/** Loads the fixture into `s` and refreshes the rollups it is read from. */
export async function seedDrill(s: Stores): Promise<void> {
  await insertDossiers(s.ch, DRILL_DOSSIERS)
  await insertRatings(s.ch, [
    { id: 'R1', dossier: 'D01', commune: H, level: 1, at: '2026-03-11 18:00' },
    { id: 'R2', dossier: 'D01', commune: H, level: 2, at: '2026-03-12 09:00' }, // the same dossier rated twice: two rows
    { id: 'R3', dossier: 'D02', commune: H, level: 5, at: '2026-03-12 09:00' },
    { id: 'R4', dossier: 'D03', commune: H, level: 2, at: '2026-03-16 09:00' }, // after the period
    { id: 'R5', dossier: 'S01', commune: QT.dongSon, level: 1, at: '2026-03-11 09:00' },
  ])
  await insertComplaints(s.ch, [
    {
      id: 'C1',
      commune: H,
      dossier: 'D07',
      class: 'hanh_vi',
      category: 'nhung_nhieu',
      received: '2026-03-10 09:00',
      due: '2026-03-31 17:00',
    },
    { id: 'C2', commune: H, dossier: null, class: 'quy_dinh', category: 'khac', received: '2026-03-12 09:00', due: '2026-04-01 17:00' },
    {
      id: 'C3',
      commune: H,
      dossier: 'D09',
      class: 'quy_dinh',
      category: 'them_giay_to',
      received: '2026-03-20 09:00',
      due: '2026-04-08 17:00',
    },
  ])
  await s.pg.db.insert(officers).values([
    { id: A, fullName: 'Nguyễn Văn An', position: 'officer', homeCommuneCode: H },
    { id: B, fullName: 'Trần Thị Bình', position: 'officer', homeCommuneCode: H },
  ])
  // Only the two communes that have dossiers, over the weeks the period and its carried-over scan read (fast).
  const range = { fromDay: '2026-02-01', toDay: '2026-03-31', communes: [H, QT.dongSon] }
  await refreshRollups(s, range)
  await refreshLoadRollups(s, range)
}
