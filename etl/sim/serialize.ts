/**
 * One version of a record → the JSON item of the source contract (docs/design.md §6), field names and order
 * as in the contract, written straight into a ByteWriter. Times are ISO 8601 with +07:00. A dossier version
 * shows only what was known at its CapNhatLuc: reception, supplements, pauses, end of processing and
 * return accumulate version by version.
 */
import { FIELD_NAMES, PROCEDURES } from './catalogue.ts'
import { COMPLAINT_CATEGORIES, COMPLAINT_CLASSES } from './dossier-gen.ts'
import type { Resource, SimData } from './build.ts'
import { ByteWriter, IsoWriter } from './byte-writer.ts'
import { F_DIGITISED, F_ERESULT, F_POPDATA, F_REUSE, F_VNEID } from './store.ts'
import { S_PROCESSING, S_RECEIVED, S_RESOLVED, S_RETURNED, S_STOPPED, S_SUBMITTED, S_SUPPLEMENT, S_WITHDRAWN } from './lifecycle.ts'

const utf8 = (s: string) => Buffer.from(s, 'utf8')
const json = (s: string) => utf8(JSON.stringify(s))

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
      utf8(
        `"MaTTHC":${JSON.stringify(p.code)},"TenTTHC":${JSON.stringify(p.name)},"MaLinhVuc":${JSON.stringify(p.field)},"TenLinhVuc":${JSON.stringify(FIELD_NAMES[p.field])}`,
      ),
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
    w.ascii('{"MaHoSo":')
    this.dossierId(w, d)
    w.ascii(',"MaDonVi":').bytes(this.labels[D.label[d]!]!).ascii(',').bytes(this.procs[proc]!)
    w.ascii(',"KenhThucHien":').uint(channel).ascii(',"MucDo":')
    if (channel === 2) w.bytes(this.levels[proc]!)
    else w.ascii('null')
    w.ascii(',"TrangThaiHoSo":').uint(status)
    w.ascii(',"NgayNopHoSo":')
    iso.write(w, D.submit[d]!)
    w.ascii(',"NgayTiepNhan":')
    iso.write(w, recvT)
    w.ascii(',"NgayHenTra":')
    iso.write(w, received ? D.due[d]! : -1)
    w.ascii(',"NgayKetThucXuLy":')
    iso.write(w, endT)
    w.ascii(',"NgayTra":')
    iso.write(w, returnT)
    w.ascii(',"SoLanBoSung":').uint(supplements)
    w.ascii(',"SoGioChoBoSung":').ascii(String(Math.round((paused / 3600) * 100) / 100))
    w.ascii(',"PhiLePhi":').uint(D.fee[d]!)
    w.ascii(',"DuocThanhToanTrucTuyen":').uint(D.paid[d]!)
    w.ascii(',"CoKetQuaDienTu":').bool((flags & F_ERESULT) !== 0 && (status === S_RESOLVED || status === S_RETURNED))
    w.ascii(',"DaSoHoa":').bool(received && (flags & F_DIGITISED) !== 0)
    w.ascii(',"TaiSuDungDuLieu":').bool((flags & F_REUSE) !== 0)
    w.ascii(',"DungDuLieuDanCu":').bool((flags & F_POPDATA) !== 0)
    w.ascii(',"XacThucVNeID":').bool((flags & F_VNEID) !== 0)
    w.ascii(',"CanBoXuLy":')
    if (status === S_SUBMITTED) w.ascii('null')
    else w.bytes(this.officers[D.officer[d]!]!)
    w.ascii(',"CapNhatLuc":')
    iso.write(w, idx.time[v]!)
    w.ascii('}')
  }

  rating(w: ByteWriter, v: number): void {
    const { S, iso } = this
    const R = S.ratings
    const r = S.index.ratings.record[v]!
    w.ascii('{"MaDanhGia":"DG-')
    this.dossierIdRaw(w, R.dossier[r]!)
    w.ascii('","MaHoSo":')
    this.dossierId(w, R.dossier[r]!)
    w.ascii(',"MaDonVi":').bytes(this.labels[R.label[r]!]!)
    w.ascii(',"MucDo":').uint(R.level[r]!)
    w.ascii(',"ThoiGian":')
    iso.write(w, R.time[r]!)
    w.ascii(R.channel[r] === 0 ? ',"KenhDanhGia":"tai_quay"' : ',"KenhDanhGia":"truc_tuyen"')
    w.ascii(',"CapNhatLuc":')
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
    w.ascii(`{"MaPAKN":"PA${this.prov}-${this.dayCode(C.day[c]!)}-`)
      .padded(C.seq[c]!, 5)
      .ascii('"')
    w.ascii(',"MaDonVi":').bytes(this.labels[C.label[c]!]!)
    w.ascii(',"MaHoSo":')
    if (dossier >= 0) this.dossierId(w, dossier)
    else w.ascii('null')
    w.ascii(`,"PhanLoai":"${COMPLAINT_CLASSES[C.cls[c]!]}","NoiDung":"${COMPLAINT_CATEGORIES[C.cat[c]!]}"`)
    w.ascii(',"NgayTiepNhan":')
    iso.write(w, C.recv[c]!)
    w.ascii(',"HanXuLy":')
    iso.write(w, C.due[c]!)
    w.ascii(',"NgayXuLy":')
    iso.write(w, j >= 1 ? C.handled[c]! : -1)
    w.ascii(',"HaiLong":').ascii(j >= 2 ? String(C.satisfied[c] === 1) : 'null')
    w.ascii(',"CapNhatLuc":')
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
    w.ascii(`{"MaVe":"V${this.prov}-${this.dayCode(T.day[t]!)}-${commune}-`)
      .padded(T.seq[t]!, 4)
      .ascii('"')
    w.ascii(`,"MaDonVi":"${commune}"`)
    w.utf8(`,"Quay":"Quầy ${T.counter[t]!}"`)
    w.ascii(',"LayVeLuc":')
    iso.write(w, T.taken[t]!)
    w.ascii(',"GoiLuc":')
    iso.write(w, j >= 1 ? T.called[t]! : -1)
    w.ascii(',"XongLuc":')
    iso.write(w, j >= 2 ? T.done[t]! : -1)
    w.ascii(',"CapNhatLuc":')
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
