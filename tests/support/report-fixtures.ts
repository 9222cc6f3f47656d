/**
 * A small hand-written month (March 2026) for the official reports: three communes of Quảng Trị with dossiers
 * carried over, received online / in person / by post, finished early, on time, late, withdrawn, and open not
 * yet due, nearly due and overdue at the end (Biểu 06 and the 766 reconciliation tests).
 */
import { QT, type DossierFixture } from './dossier-fixtures.ts'

const H = QT.dongHoi
const S = QT.dongSon
const T = QT.dongThuan
// March 2026 (Tuesday 31st). Nearly due at the end = due on 1 or 2 April (2 working days).
// prettier-ignore
export const REPORT_DOSSIERS: DossierFixture[] = [
  // Đồng Hới: carried over 2, received 7 (online 3, in person 3, by post 1)
  { id: 'H0', commune: H, channel: 1, received: '2026-02-25 08:00', due: '2026-03-06 17:00', finished: '2026-03-04 10:00' }, // carried, early
  { id: 'H1', commune: H, channel: 2, received: '2026-02-26 08:00', due: '2026-03-03 17:00' }, // carried, overdue
  { id: 'H2', commune: H, channel: 2, received: '2026-03-02 08:00', due: '2026-03-04 17:00', finished: '2026-03-04 16:00' }, // on time
  { id: 'H3', commune: H, channel: 2, received: '2026-03-05 08:00', due: '2026-03-10 17:00', finished: '2026-03-12 10:00' }, // late
  { id: 'H4', commune: H, channel: 3, received: '2026-03-09 08:00', due: '2026-03-20 17:00', finished: '2026-03-16 10:00' }, // early
  { id: 'H5', commune: H, channel: 1, received: '2026-03-10 08:00', due: '2026-03-13 17:00', finished: '2026-03-11 10:00', status: 7 }, // withdrawn: early
  { id: 'H6', commune: H, channel: 1, received: '2026-03-20 08:00', due: '2026-04-01 17:00' }, // nearly due
  { id: 'H7', commune: H, channel: 2, received: '2026-03-25 08:00', due: '2026-04-15 17:00' }, // not yet due
  { id: 'H8', commune: H, channel: 1, received: '2026-03-26 08:00', due: '2026-03-30 17:00' }, // overdue
  { id: 'H9', commune: H, channel: 2, received: '2026-04-02 08:00', due: '2026-04-10 17:00' }, // after the period
  { id: 'H10', commune: H, channel: 2, received: null, submitted: '2026-03-27 08:00' }, // submitted online, never received
  // Đồng Sơn: received 3 (online 1)
  { id: 'S1', commune: S, channel: 2, received: '2026-03-03 08:00', due: '2026-03-06 17:00', finished: '2026-03-06 09:00' }, // on time
  { id: 'S2', commune: S, channel: 1, received: '2026-03-03 08:00', due: '2026-03-20 17:00', finished: '2026-03-10 10:00', supplementCount: 2 }, // late
  { id: 'S3', commune: S, channel: 3, received: '2026-03-30 08:00', due: '2026-04-03 17:00' }, // not yet due (3 working days)
  // Đồng Thuận: one dossier carried over since January, overdue
  { id: 'T1', commune: T, channel: 1, received: '2026-01-12 08:00', due: '2026-01-20 17:00' },
]
