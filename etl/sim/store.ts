/**
 * The simulator's columnar tables. Records are appended in id order (day, then commune code, then
 * arrival), each record's versions contiguously and in time order (see version-index.ts).
 */
import { Column, VersionLog, i32, i8, u16, u8 } from './columns.ts'

/** Dossier flag bits. LATE is the generator's truth (not served): used by calibration tests. */
export const F_ERESULT = 1
export const F_DIGITISED = 2
export const F_REUSE = 4
export const F_POPDATA = 8
export const F_VNEID = 16
export const F_LATE = 32

export function dossierTable() {
  return {
    day: u16(),
    seq: i32(),
    commune: u16(),
    label: u16(),
    proc: u8(),
    channel: u8(),
    flags: u8(),
    paid: u8(),
    fee: i32(),
    officer: u16(),
    submit: i32(),
    due: i32(),
    /** First version number of the dossier. */
    vStart: i32(),
    /** TrangThaiHoSo of each version (aligned with the version log). */
    vStatus: u8(),
  }
}

export function ratingTable() {
  return { dossier: i32(), level: u8(), channel: u8(), label: u16(), time: i32() }
}

export function complaintTable() {
  return {
    day: u16(),
    seq: i32(),
    dossier: i32(),
    commune: u16(),
    label: u16(),
    cls: u8(),
    cat: u8(),
    recv: i32(),
    due: i32(),
    handled: i32(),
    /** −1 not rated, 0 dissatisfied, 1 satisfied */
    satisfied: i8(),
  }
}

export function ticketTable() {
  return { day: u16(), commune: u16(), seq: i32(), counter: u8(), taken: i32(), called: i32(), done: i32() }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyColumn = Column<any>
export type Sealed<T> = { [K in keyof T]: T[K] extends Column<infer A> ? A : never }

export function seal<T extends Record<string, AnyColumn>>(t: T): Sealed<T> {
  return Object.fromEntries(Object.entries(t).map(([k, c]) => [k, c.seal()])) as unknown as Sealed<T>
}

export interface Building {
  dossiers: ReturnType<typeof dossierTable>
  dossierVersions: VersionLog
  ratings: ReturnType<typeof ratingTable>
  ratingVersions: VersionLog
  complaints: ReturnType<typeof complaintTable>
  complaintVersions: VersionLog
  tickets: ReturnType<typeof ticketTable>
  ticketVersions: VersionLog
}

export function newBuilding(): Building {
  return {
    dossiers: dossierTable(),
    dossierVersions: new VersionLog(),
    ratings: ratingTable(),
    ratingVersions: new VersionLog(),
    complaints: complaintTable(),
    complaintVersions: new VersionLog(),
    tickets: ticketTable(),
    ticketVersions: new VersionLog(),
  }
}
