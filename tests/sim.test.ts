/**
 * The simulator as the ETL sees it: a real HTTP server on port 0, the docs/design.md §6 contract checked with strict zod
 * schemas, paging, `updated_since`, the clock (fixed and moving), the merger labels, auth and injected faults.
 * Eight Quảng Trị communes from 2 June to mid-July 2025 keep it small (a few thousand dossiers).
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unitKey } from '../db/reference/lineage.ts'
import { reference } from '../etl/sim/build.ts'
import { FIELD_CODES } from '../etl/sim/catalogue.ts'
import { ID_FIELDS } from '../etl/contract/index.ts'
import { ITEM_SCHEMAS, PageSchema } from '../etl/contract/strict.ts'
import { seedOf } from '../etl/sim/prng.ts'
import { buildProvince } from '../etl/sim/province.ts'
import { simRouter } from '../etl/sim/router.ts'

type Item = Record<string, unknown> & { CapNhatLuc: string }
type Resource = keyof typeof ITEM_SCHEMAS

const NOW = '2025-07-15T12:00:00+07:00'
const LATER = '2025-07-25T12:00:00+07:00'
const MERGER_MS = Date.parse('2025-07-01T00:00:00+07:00')
const ref = reference()
const qt = ref.communes.filter((c) => c.provinceCode === '44').sort((a, b) => (a.code < b.code ? -1 : 1))
// A mix: the two largest wards, communes merged from several units (with qualified old names), the kept ones.
const names = ['Đồng Hới', 'Đông Hà', 'Lao Bảo', 'Nam Gianh', 'Dân Hoá', 'Tân Thành', 'Hải Lăng', 'Cồn Cỏ']
const codes = names.map((n) => qt.find((c) => c.name === n)?.code ?? qt.find((c) => unitKey(c.name) === unitKey(n))!.code)
const base = { provinceCode: '44', seed: 7, scale: 1, start: '2025-06-02', communes: codes }

let server: Server
let url = ''
let liveNow = Date.parse(NOW)

beforeAll(async () => {
  const app = express()
  app.use('/a', simRouter({ ...base, now: NOW }))
  app.use('/b', simRouter({ ...base, now: NOW }))
  app.use('/c', simRouter({ ...base, seed: 8, now: NOW }))
  app.use('/later', simRouter({ ...base, now: LATER }))
  app.use('/live', simRouter({ ...base, now: () => new Date(liveNow) }))
  app.use('/tok', simRouter({ ...base, now: NOW, token: 's3cret' }))
  app.use('/faulty', simRouter({ ...base, now: NOW, faults: { status500Every: 2 } }))
  // The whole province (78 communes): enough volume for complaints (≈ 185 per 10 months province-wide).
  app.use('/wide', simRouter({ provinceCode: '44', seed: 7, start: '2025-06-02', now: LATER }))
  app.use('/hanoi', simRouter({ provinceCode: '01', seed: 7, scale: 0.1, start: '2025-06-16', now: '2025-07-10T12:00:00+07:00' }))
  server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s))
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server?.close(() => r())))

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, { headers })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text }
}

/** Every item of a resource at the router's now, page by page. */
async function listAll(prefix: string, resource: Resource, limit = 10_000, since?: string): Promise<Item[]> {
  const out: Item[] = []
  let cursor: string | null = null
  do {
    const q = new URLSearchParams({ limit: String(limit) })
    if (since) q.set('updated_since', since)
    if (cursor) q.set('cursor', cursor)
    const r = await get(`${prefix}/${resource}?${q}`)
    expect(r.status, r.text.slice(0, 200)).toBe(200)
    const page = PageSchema(ITEM_SCHEMAS[resource]).parse(JSON.parse(r.text))
    out.push(...(page.items as Item[]))
    cursor = page.next_cursor
  } while (cursor)
  return out
}

const ms = (s: unknown) => Date.parse(String(s))
const idOf = (r: Resource, i: Item) => String(i[ID_FIELDS[r]])

describe('the simulated TTHC source over HTTP (docs/design.md §6)', () => {
  it('serves every resource in the exact contract shape, labelled synthetic (body flag and header)', async () => {
    for (const r of ['dossiers', 'ratings', 'complaints', 'queue-tickets'] as Resource[]) {
      const res = await get(`/wide/${r}?limit=10000`)
      expect(res.status).toBe(200)
      expect(res.headers.get('x-synthetic-data')).toBe('true')
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      const page = PageSchema(ITEM_SCHEMAS[r]).parse(JSON.parse(res.text))
      expect(page.synthetic).toBe(true)
      expect(page.items.length, r).toBeGreaterThan(0)
      for (const item of page.items as Item[]) expect(item.CapNhatLuc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/)
    }
  })

  it('pages cover every record exactly once, in (CapNhatLuc, id) order, whatever the page size', async () => {
    for (const r of ['dossiers', 'ratings', 'queue-tickets'] as Resource[]) {
      const whole = await listAll('/a', r)
      const paged = await listAll('/a', r, 97)
      expect(paged.map((i) => idOf(r, i) + '@' + i.CapNhatLuc)).toEqual(whole.map((i) => idOf(r, i) + '@' + i.CapNhatLuc))
      expect(new Set(paged.map((i) => idOf(r, i))).size).toBe(paged.length)
      for (let k = 1; k < paged.length; k++) {
        const a = paged[k - 1]!
        const b = paged[k]!
        const order = ms(a.CapNhatLuc) - ms(b.CapNhatLuc) || (idOf(r, a) < idOf(r, b) ? -1 : 1)
        expect(order, `${idOf(r, a)} before ${idOf(r, b)}`).toBeLessThan(0)
      }
    }
    const dossiers = await listAll('/a', 'dossiers')
    // Eight communes, 2 June – 15 July 2025: a few thousand dossiers (≈ 16 per commune per working day).
    expect(dossiers.length).toBeGreaterThan(2500)
    expect(dossiers.length).toBeLessThan(6000)
  })

  it('is deterministic: the same seed gives byte-identical pages, another seed different ones', async () => {
    const a = await get('/a/dossiers?limit=500&updated_since=2025-06-20T00:00:00%2B07:00')
    const b = await get('/b/dossiers?limit=500&updated_since=2025-06-20T00:00:00%2B07:00')
    const c = await get('/c/dossiers?limit=500&updated_since=2025-06-20T00:00:00%2B07:00')
    expect(a.text.length).toBeGreaterThan(100_000)
    expect(b.text).toBe(a.text)
    expect(c.text).not.toBe(a.text)
  })

  it('updated_since returns exactly the records whose current version changed at or after it', async () => {
    const whole = await listAll('/a', 'dossiers')
    const since = whole[Math.floor(whole.length * 0.6)]!.CapNhatLuc
    const after = await listAll('/a', 'dossiers', 1000, since)
    expect(after.map((i) => i.MaHoSo)).toEqual(whole.filter((i) => ms(i.CapNhatLuc) >= ms(since)).map((i) => i.MaHoSo))
    expect(after.length).toBeGreaterThan(0)
    // A 'Z' time is the same instant.
    const z = new Date(ms(since)).toISOString()
    expect((await listAll('/a', 'dossiers', 1000, z)).length).toBe(after.length)
  })

  it('a fixed now hides every later version; a later now shows the same dossiers further along', async () => {
    const now = await listAll('/a', 'dossiers')
    const later = await listAll('/later', 'dossiers')
    expect(Math.max(...now.map((i) => ms(i.CapNhatLuc)))).toBeLessThanOrEqual(ms(NOW))
    expect(Math.max(...later.map((i) => ms(i.CapNhatLuc)))).toBeGreaterThan(ms(NOW))
    const byId = new Map(later.map((i) => [i.MaHoSo, i]))
    for (const d of now) expect(ms(byId.get(d.MaHoSo as string)!.CapNhatLuc)).toBeGreaterThanOrEqual(ms(d.CapNhatLuc))
    expect(later.length).toBeGreaterThan(now.length)
    const moved = now.filter((d) => byId.get(d.MaHoSo as string)!.TrangThaiHoSo !== d.TrangThaiHoSo)
    expect(moved.length).toBeGreaterThan(50)
    const statuses = new Set(later.map((d) => d.TrangThaiHoSo))
    for (const s of [2, 3, 4, 5, 7, 8, 9, 10]) expect(statuses.has(s), `status ${s}`).toBe(true)
  })

  it('live: as the clock moves, an incremental pull from the last watermark brings exactly the changes', async () => {
    liveNow = Date.parse(NOW)
    const first = await listAll('/live', 'dossiers')
    const watermark = first.reduce((m, i) => (ms(i.CapNhatLuc) > ms(m) ? i.CapNhatLuc : m), first[0]!.CapNhatLuc)
    liveNow = Date.parse(NOW) + 2 * 86_400_000
    const delta = await listAll('/live', 'dossiers', 1000, watermark)
    expect(delta.length).toBeGreaterThan(100)
    const merged = new Map(first.map((i) => [i.MaHoSo, i]))
    for (const i of delta) {
      const prev = merged.get(i.MaHoSo)
      if (!prev || ms(prev.CapNhatLuc) <= ms(i.CapNhatLuc)) merged.set(i.MaHoSo, i)
    }
    const full = await listAll('/live', 'dossiers')
    expect([...merged.values()].sort((a, b) => ((a.MaHoSo as string) < (b.MaHoSo as string) ? -1 : 1))).toEqual(
      full.sort((a, b) => ((a.MaHoSo as string) < (b.MaHoSo as string) ? -1 : 1)),
    )
  })

  it('a cursor keeps the snapshot of its first page even when the clock moves on', async () => {
    liveNow = Date.parse(NOW)
    const expected = await listAll('/live', 'dossiers')
    const first = JSON.parse((await get('/live/dossiers?limit=50')).text) as { items: Item[]; next_cursor: string }
    liveNow = Date.parse(NOW) + 5 * 86_400_000
    const rest: Item[] = []
    let cursor: string | null = first.next_cursor
    while (cursor) {
      const p = JSON.parse((await get(`/live/dossiers?limit=2000&cursor=${cursor}`)).text) as { items: Item[]; next_cursor: string | null }
      rest.push(...p.items)
      cursor = p.next_cursor
    }
    expect([...first.items, ...rest].map((i) => i.MaHoSo)).toEqual(expected.map((i) => i.MaHoSo))
  })

  it('before 1 July 2025 MaDonVi is a pre-merger unit name from the lineage; from then on a commune code', async () => {
    const dossiers = await listAll('/later', 'dossiers')
    const province = buildProvince(ref, '44', seedOf(7), codes)
    const oldKeys = new Set(ref.lineage.filter((l) => codes.includes(l.newCommuneCode)).map((l) => l.oldUnitKey))
    let pre = 0
    let unknown = 0
    let variant = 0
    for (const d of dossiers) {
      const at = ms(d.NgayTiepNhan ?? d.NgayKetThucXuLy ?? d.NgayNopHoSo)
      const unit = d.MaDonVi as string
      if (d.NgayTiepNhan === null && d.TrangThaiHoSo !== 3) continue
      if (at < MERGER_MS && d.TrangThaiHoSo !== 3) {
        pre++
        if (oldKeys.has(unitKey(unit))) {
          if (!ref.lineage.some((l) => l.oldUnitName === unit)) variant++
        } else {
          expect(unit, d.MaHoSo as string).toMatch(/^UBND (huyện|thị xã|thành phố) /)
          unknown++
        }
      } else if (at >= MERGER_MS) expect(codes, d.MaHoSo as string).toContain(unit)
    }
    expect(pre).toBeGreaterThan(1500)
    expect(unknown / pre).toBeGreaterThan(0.002)
    expect(unknown / pre).toBeLessThan(0.02)
    expect(variant).toBeGreaterThan(0)
    // Handling officers are the centres' officers (the ids seedDemoPostgres writes).
    const officers = new Set(province.officerIds)
    for (const d of dossiers) if (d.CanBoXuLy !== null) expect(officers.has(d.CanBoXuLy as string)).toBe(true)
  })

  it('simulates any province of the reference data: Hà Nội, whose old units were often split', async () => {
    const dossiers = await listAll('/hanoi', 'dossiers')
    const hanoi = new Set(ref.communes.filter((c) => c.provinceCode === '01').map((c) => c.code))
    const split = new Set(ref.lineage.filter((l) => l.provinceCode === '01' && l.partial).map((l) => l.oldUnitKey))
    const whole = new Set(ref.lineage.filter((l) => l.provinceCode === '01' && !l.partial).map((l) => l.oldUnitKey))
    const kinds = { code: 0, whole: 0, split: 0, other: 0 }
    for (const d of dossiers) {
      const at = ms(d.NgayTiepNhan ?? d.NgayNopHoSo)
      const unit = d.MaDonVi as string
      if (at >= MERGER_MS) {
        if (d.NgayTiepNhan !== null) expect(hanoi.has(unit), unit).toBe(true)
        continue
      }
      if (d.NgayTiepNhan === null) continue
      kinds[hanoi.has(unit) ? 'code' : split.has(unitKey(unit)) ? 'split' : whole.has(unitKey(unit)) ? 'whole' : 'other']++
    }
    expect(kinds.code).toBe(0)
    expect(kinds.whole).toBeGreaterThan(kinds.split)
    expect(kinds.split).toBeGreaterThan(0.1 * (kinds.whole + kinds.split))
    expect(kinds.other).toBeLessThan(0.02 * (kinds.whole + kinds.split))
  })

  it('each dossier version is internally consistent with the status it shows', async () => {
    for (const d of await listAll('/later', 'dossiers')) {
      const s = d.TrangThaiHoSo as number
      expect(FIELD_CODES as readonly string[]).toContain(d.MaLinhVuc)
      expect(d.MucDo === null).toBe(d.KenhThucHien !== 2)
      expect(d.CanBoXuLy === null).toBe(s === 1)
      expect(d.NgayTiepNhan === null).toBe(s === 1 || s === 3)
      expect(d.NgayKetThucXuLy !== null).toBe([7, 8, 9, 10].includes(s))
      expect(d.NgayTra !== null).toBe(s === 10)
      if (d.NgayTiepNhan !== null) expect(ms(d.NgayHenTra)).toBeGreaterThan(ms(d.NgayTiepNhan))
      if (d.CoKetQuaDienTu) expect([9, 10]).toContain(s)
      expect(ms(d.CapNhatLuc)).toBeGreaterThanOrEqual(ms(d.NgayNopHoSo))
      if (s === 5) expect(d.SoLanBoSung as number).toBeGreaterThanOrEqual(1)
      if ((d.SoLanBoSung as number) === 0) expect(d.SoGioChoBoSung).toBe(0)
    }
  })

  it('ratings, complaints and queue tickets refer to the simulated dossiers and centres', async () => {
    const dossiers = new Set((await listAll('/later', 'dossiers')).map((d) => d.MaHoSo))
    const ratings = await listAll('/later', 'ratings')
    for (const r of ratings) expect(dossiers.has(r.MaHoSo)).toBe(true)
    const satisfied = ratings.filter((r) => (r.MucDo as number) >= 4).length / ratings.length
    expect(satisfied).toBeGreaterThan(0.8)
    expect(satisfied).toBeLessThan(0.97)
    for (const c of await listAll('/later', 'complaints')) if (c.MaHoSo !== null) expect(dossiers.has(c.MaHoSo)).toBe(true)
    const wide = await listAll('/wide', 'complaints')
    const wideDossiers = new Set((await listAll('/wide', 'dossiers')).map((d) => d.MaHoSo))
    expect(wide.length).toBeGreaterThan(5)
    for (const c of wide) if (c.MaHoSo !== null) expect(wideDossiers.has(c.MaHoSo)).toBe(true)
    const province = buildProvince(ref, '44', seedOf(7), codes)
    const withMachine = new Set(province.communes.filter((c) => c.plan.hasTicketMachine).map((c) => c.code))
    const tickets = await listAll('/later', 'queue-tickets')
    expect(tickets.length).toBeGreaterThan(0)
    for (const t of tickets) {
      expect(withMachine.has(t.MaDonVi as string)).toBe(true)
      expect(ms(t.LayVeLuc)).toBeGreaterThanOrEqual(MERGER_MS)
      const counters = province.communes.find((c) => c.code === t.MaDonVi)!.plan.counters
      expect(Number(String(t.Quay).replace('Quầy ', ''))).toBeLessThanOrEqual(counters)
      if (t.XongLuc !== null) expect(ms(t.XongLuc)).toBeGreaterThan(ms(t.GoiLuc))
    }
  })

  it('checks the bearer token when one is configured', async () => {
    expect((await get('/tok/dossiers?limit=1')).status).toBe(401)
    expect((await get('/tok/dossiers?limit=1', { authorization: 'Bearer wrong' })).status).toBe(401)
    const ok = await get('/tok/dossiers?limit=1', { authorization: 'Bearer s3cret' })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.text).items).toHaveLength(1)
  })

  it('injects faults on request: 500s, broken JSON, every-Nth failures; bad parameters are 400s', async () => {
    const e500 = await get('/a/dossiers?fail=500')
    expect(e500.status).toBe(500)
    expect(e500.headers.get('x-synthetic-data')).toBe('true')
    const broken = await get('/a/dossiers?limit=20&fail=broken-json')
    expect(broken.status).toBe(200)
    expect(() => JSON.parse(broken.text)).toThrow()
    const statuses = []
    for (let k = 0; k < 4; k++) statuses.push((await get('/faulty/ratings?limit=1')).status)
    expect(statuses).toEqual([200, 500, 200, 500])
    expect((await get('/a/dossiers?limit=0')).status).toBe(400)
    expect((await get('/a/dossiers?updated_since=yesterday')).status).toBe(400)
    expect((await get('/a/dossiers?updated_since=2025-07-01T00:00:00')).status).toBe(400)
    expect((await get('/a/dossiers?cursor=not-a-cursor')).status).toBe(400)
    const ratingCursor = JSON.parse((await get('/a/ratings?limit=1')).text).next_cursor as string
    const wrong = await get(`/a/dossiers?cursor=${ratingCursor}`)
    expect(wrong.status).toBe(400)
    expect(JSON.parse(wrong.text).error).toBe('bad_cursor')
    const big = JSON.parse((await get('/a/dossiers?limit=50000')).text) as { items: unknown[] }
    expect(big.items.length).toBeLessThanOrEqual(10_000)
    const info = JSON.parse((await get('/a/')).text)
    expect(info).toMatchObject({ synthetic: true, province: '44', seed: 7, scale: 1, start: '2025-06-02' })
  })
})
