/**
 * One version of a record → the JSON item of the source contract, written straight into a ByteWriter. The field
 * names and their order come from the contracts (etl/contract): each field is written after its key prefix
 * (`{"Name":` for the contract's first field, `,"Name":` for the others; a name the contract does not have does
 * not compile, and tests/etl-contract.test.ts checks every item's keys against the contract's order). Times are ISO 8601 with +07:00. A dossier version
 * shows only what was known at its CapNhatLuc: reception, supplements, pauses, end of processing and
 * return accumulate version by version.
 */
import { FIELD_NAMES, PROCEDURES } from './catalogue.ts'
import { COMPLAINT, COMPLAINT_CATEGORIES, COMPLAINT_CLASSES, DOSSIER, QUEUE_TICKET, RATING, type Contract } from '../contract/index.ts'
import type { Resource, SimData } from './build.ts'
import { ByteWriter, IsoWriter } from './byte-writer.ts'
import { F_DIGITISED, F_ERESULT, F_POPDATA, F_REUSE, F_VNEID } from './store.ts'
import { S_PROCESSING, S_RECEIVED, S_RESOLVED, S_RETURNED, S_STOPPED, S_SUBMITTED, S_SUPPLEMENT, S_WITHDRAWN } from './lifecycle.ts'

const utf8 = (s: string) => Buffer.from(s, 'utf8')
const json = (s: string) => utf8(JSON.stringify(s))

/** Each field's key prefix as bytes: `{"Name":` for the first field of the contract, `,"Name":` after. */
function keys<C extends Contract>(c: C): Record<C['fields'][number]['name'], Buffer> {
  return Object.fromEntries(c.fields.map((f, i) => [f.name, utf8(`${i ? ',' : '{'}${JSON.stringify(f.name)}:`)])) as Record<
    C['fields'][number]['name'],
    Buffer
  >
}
const KD = keys(DOSSIER)
const KR = keys(RATING)
const KC = keys(COMPLAINT)
const KT = keys(QUEUE_TICKET)

export class Serializer {
  private readonly dayCodes: string[] = []
  private readonly iso: IsoWriter
  /** JSON-encoded UTF-8 constants. */
  private readonly labels: Buffer[]
  private readonly officers: Buffer[]
  private readonly procs: Buffer[]
  private readonly levels: Buffer[]
  private readonly communeCodes: string[]
  private readonly prov: string

  constructor(private readonly S: SimData) {
    this.prov = S.province.code
    this.iso = new IsoWriter((d) => S.clock.ymdOf(d))
    this.labels = S.province.labels.map(json)
    this.officers = S.province.officerIds.map(json)
    this.procs = PROCEDURES.map((p) =>
      Buffer.concat([
        KD.MaTTHC,
        json(p.code),
        KD.TenTTHC,
        json(p.name),
        KD.MaLinhVuc,
        json(p.field),
        KD.TenLinhVuc,
        json(FIELD_NAMES[p.field]),
      ]),
    )
    this.levels = PROCEDURES.map((p) => json(p.onlineLevel))
    this.communeCodes = S.province.communes.map((c) => c.code)
  }

  private dayCode(day: number): string {
    return (this.dayCodes[day] ??= this.S.clock.ymdOf(day).slice(2).replaceAll('-', ''))
  }

  /** MaHoSo: H<province>-<yymmdd>-<daily sequence>, so id order = generation order. */
  private dossierIdRaw(w: ByteWriter, d: number): void {
    const D = this.S.dossiers
    w.ascii(`H${this.prov}-${this.dayCode(D.day[d]!)}-`).padded(D.seq[d]!, 7)
  }

  private dossierId(w: ByteWriter, d: number): void {
    w.ascii('"')
    this.dossierIdRaw(w, d)
    w.ascii('"')
  }

  dossier(w: ByteWriter, v: number): void {
    const { S, iso } = this
    const D = S.dossiers
    const idx = S.index.dossiers
    const clock = S.clock
    const d = idx.record[v]!
    const status = D.vStatus[v]!
    let recvT = -1
    let endT = -1
    let returnT = -1
    let supplements = 0
    let paused = 0
    let requestT = -1
    for (let k = D.vStart[d]!; k <= v; k++) {
      const s = D.vStatus[k]!
      const t = idx.time[k]!
      if (s === S_RECEIVED) recvT = t
      else if (s === S_SUPPLEMENT) {
        supplements++
        requestT = t
      } else if (s === S_PROCESSING && requestT >= 0) {
        paused += clock.toW(t) - clock.toW(requestT)
        requestT = -1
      } else if (s === S_RESOLVED || s === S_WITHDRAWN || s === S_STOPPED) endT = t
      else if (s === S_RETURNED) returnT = t
    }
    const flags = D.flags[d]!
    const channel = D.channel[d]!
    const proc = D.proc[d]!
    const received = recvT >= 0
    w.bytes(KD.MaHoSo)
    this.dossierId(w, d)
    w.bytes(KD.MaDonVi).bytes(this.labels[D.label[d]!]!).bytes(this.procs[proc]!)
    w.bytes(KD.KenhThucHien).uint(channel).bytes(KD.MucDo)
    if (channel === 2) w.bytes(this.levels[proc]!)
    else w.ascii('null')
    w.bytes(KD.TrangThaiHoSo).uint(status)
    w.bytes(KD.NgayNopHoSo)
    iso.write(w, D.submit[d]!)
    w.bytes(KD.NgayTiepNhan)
    iso.write(w, recvT)
    w.bytes(KD.NgayHenTra)
    iso.write(w, received ? D.due[d]! : -1)
    w.bytes(KD.NgayKetThucXuLy)
    iso.write(w, endT)
    w.bytes(KD.NgayTra)
    iso.write(w, returnT)
    w.bytes(KD.SoLanBoSung).uint(supplements)
    w.bytes(KD.SoGioChoBoSung).ascii(String(Math.round((paused / 3600) * 100) / 100))
    w.bytes(KD.PhiLePhi).uint(D.fee[d]!)
    w.bytes(KD.DuocThanhToanTrucTuyen).uint(D.paid[d]!)
    w.bytes(KD.CoKetQuaDienTu).bool((flags & F_ERESULT) !== 0 && (status === S_RESOLVED || status === S_RETURNED))
    w.bytes(KD.DaSoHoa).bool(received && (flags & F_DIGITISED) !== 0)
    w.bytes(KD.TaiSuDungDuLieu).bool((flags & F_REUSE) !== 0)
    w.bytes(KD.DungDuLieuDanCu).bool((flags & F_POPDATA) !== 0)
    w.bytes(KD.XacThucVNeID).bool((flags & F_VNEID) !== 0)
    w.bytes(KD.CanBoXuLy)
    if (status === S_SUBMITTED) w.ascii('null')
    else w.bytes(this.officers[D.officer[d]!]!)
    w.bytes(KD.CapNhatLuc)
    iso.write(w, idx.time[v]!)
    w.ascii('}')
  }

  rating(w: ByteWriter, v: number): void {
    const { S, iso } = this
    const R = S.ratings
    const r = S.index.ratings.record[v]!
    w.bytes(KR.MaDanhGia).ascii('"DG-')
    this.dossierIdRaw(w, R.dossier[r]!)
    w.ascii('"').bytes(KR.MaHoSo)
    this.dossierId(w, R.dossier[r]!)
    w.bytes(KR.MaDonVi).bytes(this.labels[R.label[r]!]!)
    w.bytes(KR.MucDo).uint(R.level[r]!)
    w.bytes(KR.ThoiGian)
    iso.write(w, R.time[r]!)
    w.ascii(R.channel[r] === 0 ? ',"KenhDanhGia":"tai_quay"' : ',"KenhDanhGia":"truc_tuyen"')
    w.bytes(KR.CapNhatLuc)
    iso.write(w, S.index.ratings.time[v]!)
    w.ascii('}')
  }

  /** Version ordinal of v within its record (0 = first). */
  private ordinal(rec: Int32Array, v: number): number {
    let j = 0
    while (v - j - 1 >= 0 && rec[v - j - 1] === rec[v]) j++
    return j
  }

  complaint(w: ByteWriter, v: number): void {
    const { S, iso } = this
    const C = S.complaints
    const idx = S.index.complaints
    const c = idx.record[v]!
    const j = this.ordinal(idx.record, v)
    const dossier = C.dossier[c]!
    w.bytes(KC.MaPAKN)
      .ascii(`"PA${this.prov}-${this.dayCode(C.day[c]!)}-`)
      .padded(C.seq[c]!, 5)
      .ascii('"')
    w.bytes(KC.MaDonVi).bytes(this.labels[C.label[c]!]!)
    w.bytes(KC.MaHoSo)
    if (dossier >= 0) this.dossierId(w, dossier)
    else w.ascii('null')
    w.bytes(KC.PhanLoai).ascii(`"${COMPLAINT_CLASSES[C.cls[c]!]}"`)
    w.bytes(KC.NoiDung).ascii(`"${COMPLAINT_CATEGORIES[C.cat[c]!]}"`)
    w.bytes(KC.NgayTiepNhan)
    iso.write(w, C.recv[c]!)
    w.bytes(KC.HanXuLy)
    iso.write(w, C.due[c]!)
    w.bytes(KC.NgayXuLy)
    iso.write(w, j >= 1 ? C.handled[c]! : -1)
    w.bytes(KC.HaiLong).ascii(j >= 2 ? String(C.satisfied[c] === 1) : 'null')
    w.bytes(KC.CapNhatLuc)
    iso.write(w, idx.time[v]!)
    w.ascii('}')
  }

  ticket(w: ByteWriter, v: number): void {
    const { S, iso } = this
    const T = S.tickets
    const idx = S.index['queue-tickets']
    const t = idx.record[v]!
    const j = this.ordinal(idx.record, v)
    const commune = this.communeCodes[T.commune[t]!]!
    w.bytes(KT.MaVe)
      .ascii(`"V${this.prov}-${this.dayCode(T.day[t]!)}-${commune}-`)
      .padded(T.seq[t]!, 4)
      .ascii('"')
    w.bytes(KT.MaDonVi).ascii(`"${commune}"`)
    w.bytes(KT.Quay).utf8(`"Quầy ${T.counter[t]!}"`)
    w.bytes(KT.LayVeLuc)
    iso.write(w, T.taken[t]!)
    w.bytes(KT.GoiLuc)
    iso.write(w, j >= 1 ? T.called[t]! : -1)
    w.bytes(KT.XongLuc)
    iso.write(w, j >= 2 ? T.done[t]! : -1)
    w.bytes(KT.CapNhatLuc)
    iso.write(w, idx.time[v]!)
    w.ascii('}')
  }

  write(resource: Resource, w: ByteWriter, v: number): void {
    if (resource === 'dossiers') this.dossier(w, v)
    else if (resource === 'ratings') this.rating(w, v)
    else if (resource === 'complaints') this.complaint(w, v)
    else this.ticket(w, v)
  }
}
