/**
 * The `igate` adapter end to end against the fake iGate (tests/support/igate-fake.ts): the dossiers job with
 * TTHC_SOURCE_KIND=igate reads the search by keyset, maps through the code tables, drops the applicant's data,
 * and loads through the one ETL path — exact counts read / loaded / rejected, and unchanged on re-run. Then the
 * faults: a token that expires mid-pull, a 401 then a refresh, 429/5xx with Retry-After, pages that shift
 * while they are read, and the fall-back without an update-time filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { etlRejects, etlWatermarks, sourceCodeMaps } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { startFakeIgate, type FakeIgate } from './support/igate-fake.ts'
import { igateDossier, PERSONAL, utc } from './support/igate-fixtures.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

const DAN_HOA = '18904'
const DONG_THUAN = '18859'
let fake: FakeIgate
let s: TestStores
const job = findJob('dossiers')!
const opts = { pageSize: 3, retries: 3, minBackoffMs: 10, maxBackoffMs: 40 }
const run = (from: Date | null = null) => runJob(s, job, { trigger: 'test', window: { from, to: null }, options: opts })
const counts = (r: { read: number; loaded: number; rejected: Record<string, number> }) => ({
  read: r.read,
  loaded: r.loaded,
  rejected: r.rejected,
})

const Row = z.object({
  dossier_id: z.string(),
  commune_code: z.string(),
  source_unit: z.string(),
  procedure_code: z.string(),
  procedure_name: z.string(),
  field_code: z.string(),
  field_name: z.string(),
  channel: z.coerce.number(),
  status: z.coerce.number(),
  received_at: z.string().nullable(),
  due_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  returned_at: z.string().nullable(),
  officer_id: z.string(),
  updated_at: z.string(),
  synthetic: z.boolean(),
})
async function finalRows() {
  const rs = await s.ch.client.query({
    query: `SELECT dossier_id, commune_code, source_unit, procedure_code, procedure_name, field_code, field_name, channel, status,
                   toString(received_at) AS received_at, toString(due_at) AS due_at, toString(finished_at) AS finished_at,
                   toString(returned_at) AS returned_at, officer_id, toString(updated_at) AS updated_at, synthetic
            FROM dossiers FINAL ORDER BY dossier_id`,
    format: 'JSONEachRow',
  })
  return z.array(Row).parse(await rs.json())
}
const code = (n: number) => `H56.18904-260302-${String(n).padStart(4, '0')}`

/** Run 1's source: 7 good dossiers, one per code-table reject, one the validator rejects. */
function firstSet() {
  return [
    igateDossier({ n: 1 }),
    igateDossier({ n: 2, apply: 0 }),
    igateDossier({ n: 3, agency: 'H56.DT' }), // mapped to Đông Thuận by a unit row
    igateDossier({ n: 4, status: 3 }),
    igateDossier({ n: 5, status: 4, completed: utc(20) }),
    igateDossier({ n: 6, status: 5, completed: utc(28), returned: utc(30), updated: utc(30) }),
    igateDossier({ n: 7, apply: 2 }),
    igateDossier({ n: 8, status: 17, statusName: 'Chờ phê duyệt bổ sung' }), // unmapped_status
    igateDossier({ n: 9, apply: 9 }), // unmapped_channel
    {
      ...igateDossier({ n: 10, agency: 'G22.99.01' }),
      agency: { id: 'a-x', code: 'G22.99.01', name: [{ languageId: 228, name: 'UBND xã Lạ' }] },
    }, // unmapped_unit
    igateDossier({ n: 11, appointment: utc(0) }), // due before received
  ]
}

beforeAll(async () => {
  fake = await startFakeIgate()
  fake.set(firstSet())
  s = await openTestStores({
    LOG_LEVEL: 'warn',
    TTHC_SOURCE_KIND: 'igate',
    IGATE_BASE_URL: fake.url,
    IGATE_OIDC_ISSUER: fake.issuer,
    IGATE_CLIENT_ID: fake.clientId,
    IGATE_CLIENT_SECRET: fake.clientSecret,
    IGATE_UPDATED_PARAM: 'updated-from',
  })
  await s.pg.db.insert(sourceCodeMaps).values({ system: 'igate', kind: 'unit', code: 'H56.DT', target: DONG_THUAN, updatedBy: 'test' })
})
afterAll(async () => {
  await s?.dispose()
  await fake?.close()
})

describe('iGate: first pull', () => {
  it('reads 11 dossiers by keyset in 5 requests, loads 7, rejects 4 (three unmapped codes, one by validation)', async () => {
    const summary = await run()
    expect(counts(summary)).toEqual({
      read: 11,
      loaded: 7,
      rejected: { unmapped_status: 1, unmapped_channel: 1, unmapped_unit: 1, due_before_received: 1 },
    })
    // The watermark is iGate's own, at the newest loaded updatedDate (n=6, 2026-03-03 07:00 UTC = 14:00 in Vietnam).
    expect(summary.watermark).toBe('2026-03-03T14:00:00.000+07:00')
    expect((await getWatermark(s.pg.db, 'dossiers@igate'))!.at.toISOString()).toBe('2026-03-03T07:00:00.000Z')
    expect(await getWatermark(s.pg.db, 'dossiers')).toBeNull()
    expect(summary.source).toBe(`${fake.url}/pa/dossier/search`)
    // Page 0 each time, the filter moving to 1 ms before the last time read; sorted by updatedDate then id.
    expect(fake.searches.map((r) => [r.params.get('page'), r.params.get('size'), r.params.get('updated-from')])).toEqual([
      ['0', '3', null],
      ['0', '3', '2026-03-02T03:59:59.999Z'],
      ['0', '3', '2026-03-02T05:59:59.999Z'],
      ['0', '3', '2026-03-02T08:59:59.999Z'],
      ['0', '3', '2026-03-02T10:59:59.999Z'],
    ])
    expect(fake.searches[0]!.params.getAll('sort')).toEqual(['updatedDate,asc', 'id,asc'])
    expect(fake.searches.every((r) => r.auth === 'Bearer tok-1' && r.params.get('spec') === 'page')).toBe(true)
    expect(fake.tokensIssued).toBe(1)
  })

  it('maps the fields: status and channel through the tables, agency to commune, the current step’s assignee as officer', async () => {
    const rows = await finalRows()
    expect(rows.map((r) => r.dossier_id)).toEqual([1, 2, 3, 4, 5, 6, 7].map(code))
    const by = new Map(rows.map((r) => [r.dossier_id, r]))
    expect(by.get(code(1))).toEqual({
      dossier_id: code(1),
      commune_code: DAN_HOA,
      source_unit: DAN_HOA,
      procedure_code: '1.001193.000.00.00.H56',
      procedure_name: 'Đăng ký khai sinh',
      field_code: 'ho_tich',
      field_name: 'Hộ tịch',
      channel: 1, // iGate applyMethod 1 → in person (default row)
      status: 4, // iGate dossierStatus 2 → processing (default row)
      received_at: '2026-03-02 09:00:00.000',
      due_at: '2026-03-05 09:00:00.000', // appointmentDate
      finished_at: null,
      returned_at: null,
      officer_id: 'u-18904-01', // currentTask (isCurrent), not the older task[]
      updated_at: '2026-03-02 09:00:00.000',
      synthetic: false,
    })
    expect(by.get(code(2))!.channel).toBe(2)
    expect(by.get(code(7))!.channel).toBe(3)
    expect(by.get(code(3))).toMatchObject({ commune_code: DONG_THUAN })
    expect(by.get(code(4))!.status).toBe(5)
    expect(by.get(code(5))).toMatchObject({ status: 9, finished_at: '2026-03-03 04:00:00.000' })
    expect(by.get(code(6))).toMatchObject({ status: 10, returned_at: '2026-03-03 14:00:00.000' })
  })

  it('keeps each reject with a reason naming the code, and lists the unmapped codes for IT with the names iGate gave them', async () => {
    const rejects = await s.pg.db.select().from(etlRejects).orderBy(asc(etlRejects.recordId))
    expect(rejects.map((r) => [r.job, r.recordId, r.reason])).toEqual([
      ['dossiers', code(8), 'unmapped_status'],
      ['dossiers', code(9), 'unmapped_channel'],
      ['dossiers', code(10), 'unmapped_unit'],
      ['dossiers', code(11), 'due_before_received'],
    ])
    expect(rejects.find((r) => r.recordId === code(8))!.detail).toBe(
      'iGate dossierStatus.id "17" (Chờ phê duyệt bổ sung) has no mapping: add it on Dữ liệu → Bảng mã nguồn',
    )
    expect(rejects.find((r) => r.recordId === code(10))!.detail).toContain('agency.code "G22.99.01" (UBND xã Lạ)')
    const seen = await s.pg.db
      .select({
        kind: sourceCodeMaps.kind,
        code: sourceCodeMaps.code,
        target: sourceCodeMaps.target,
        label: sourceCodeMaps.label,
        n: sourceCodeMaps.unmappedSeen,
      })
      .from(sourceCodeMaps)
      .where(and(eq(sourceCodeMaps.system, 'igate'), eq(sourceCodeMaps.updatedBy, 'etl')))
      .orderBy(asc(sourceCodeMaps.kind))
    expect(seen).toEqual([
      { kind: 'channel', code: '9', target: null, label: 'Trực tiếp', n: 1 },
      { kind: 'status', code: '17', target: null, label: 'Chờ phê duyệt bổ sung', n: 1 },
      { kind: 'unit', code: 'G22.99.01', target: null, label: 'UBND xã Lạ', n: 1 },
    ])
  })

  it('stores none of the applicant’s personal data, in ClickHouse or in the rejects', async () => {
    const rs = await s.ch.client.query({ query: 'SELECT * FROM dossiers', format: 'JSONEachRow' })
    const stored =
      JSON.stringify(await rs.json()) +
      JSON.stringify(await s.pg.db.select().from(etlRejects)) +
      JSON.stringify(await s.pg.db.select().from(sourceCodeMaps))
    for (const v of [...Object.values(PERSONAL), 'Thôn 3', 'applicant', 'eForm', 'Trần Văn Xử Lý', 'levancu'])
      expect(stored).not.toContain(v)
    const raw = (
      await s.pg.db
        .select()
        .from(etlRejects)
        .where(eq(etlRejects.recordId, code(8)))
    )[0]!.raw as Record<string, unknown>
    expect(Object.keys(raw).sort()).toEqual(
      [
        'acceptedDate',
        'agency',
        'appliedDate',
        'appointmentDate',
        'applyMethod',
        'code',
        'completedDate',
        'dossierStatus',
        'dossierTaskStatus',
        'dueDate',
        'id',
        'nationCode',
        'procedure',
        'processingTime',
        'processingTimeUnit',
        'returnedDate',
        'task',
        'updatedDate',
      ].sort(),
    )
  })

  it('a re-run reads only the overlap and changes nothing', async () => {
    const before = await finalRows()
    fake.searches.length = 0
    const summary = await run()
    expect(counts(summary)).toEqual({ read: 1, loaded: 1, rejected: {} })
    expect(fake.searches[0]!.params.get('updated-from')).toBe('2026-03-03T06:50:00.000Z') // 10 min before the watermark
    expect(await finalRows()).toEqual(before)
  })

  it('once IT maps the status, a backfill from the first day loads the record it rejected', async () => {
    await s.pg.db
      .update(sourceCodeMaps)
      .set({ target: '5', updatedBy: 'it@test' })
      .where(and(eq(sourceCodeMaps.system, 'igate'), eq(sourceCodeMaps.kind, 'status'), eq(sourceCodeMaps.code, '17')))
    const summary = await run(new Date('2026-03-02T00:00:00+07:00'))
    expect(counts(summary)).toEqual({ read: 11, loaded: 8, rejected: { unmapped_channel: 1, unmapped_unit: 1, due_before_received: 1 } })
    expect((await finalRows()).find((r) => r.dossier_id === code(8))!.status).toBe(5)
  })
})

describe('iGate: token, errors and retries', () => {
  const backfill = () => run(new Date('2026-03-02T00:00:00+07:00'))
  const before = () => ({ searches: fake.searches.length, tokens: fake.tokensIssued })

  it('refreshes a token before it expires during a long pull: no request is refused', async () => {
    // Tokens live 1 s and are renewed 200 ms early; each answer takes 120 ms; pages of 2 → 10 requests.
    fake.tokenLifeMs = 1000
    fake.delayMs = 120
    const b = before()
    const summary = await runJob(s, job, {
      trigger: 'test',
      window: { from: new Date('2026-03-02T00:00:00+07:00'), to: null },
      options: { ...opts, pageSize: 2 },
    })
    const mine = fake.searches.slice(b.searches)
    expect(counts(summary)).toMatchObject({ read: 11, loaded: 8 })
    expect(mine.length).toBe(10)
    expect(mine.filter((r) => r.status === 401)).toHaveLength(0)
    expect(fake.tokensIssued - b.tokens).toBeGreaterThanOrEqual(2)
    expect(new Set(mine.map((r) => r.auth)).size).toBe(fake.tokensIssued - b.tokens)
    fake.tokenLifeMs = 300_000
    fake.delayMs = 0
  })

  it('a 401 mid-pull (token revoked) gets one new token and the same request again', async () => {
    const b = before()
    fake.onSearch = (n) => {
      if (n === b.searches + 2) fake.revokeTokens()
    }
    const summary = await backfill()
    fake.onSearch = null
    const mine = fake.searches.slice(b.searches)
    expect(counts(summary)).toMatchObject({ read: 11, loaded: 8 })
    expect(mine.map((r) => r.status)).toEqual([200, 200, 401, 200, 200, 200])
    expect(mine[3]!.params.toString()).toBe(mine[2]!.params.toString())
    expect(fake.tokensIssued - b.tokens).toBe(2)
  })

  it('429 and 5xx are retried, honouring Retry-After', async () => {
    const b = before()
    fake.faults = [
      { request: b.searches + 2, status: 429, retryAfter: '1' },
      { request: b.searches + 4, status: 503, retryAfter: '0' },
      { request: b.searches + 5, status: 502 },
    ]
    const summary = await backfill()
    fake.faults = []
    const mine = fake.searches.slice(b.searches)
    expect(counts(summary)).toMatchObject({ read: 11, loaded: 8 })
    expect(mine.map((r) => r.status)).toEqual([200, 429, 200, 503, 502, 200, 200, 200])
    expect(mine[2]!.at - mine[1]!.at).toBeGreaterThanOrEqual(1000) // waited the second iGate asked for
    expect(mine[2]!.params.toString()).toBe(mine[1]!.params.toString())
  })

  it('a Retry-After longer than IGATE_MAX_RETRY_AFTER fails the run at once; the watermark stays', async () => {
    const wm = await getWatermark(s.pg.db, 'dossiers@igate')
    const b = before()
    fake.faults = [{ request: b.searches + 1, status: 429, retryAfter: '3600' }]
    const t0 = Date.now()
    await expect(run()).rejects.toThrow(/asks to wait 3600 s, more than IGATE_MAX_RETRY_AFTER \(120 s\)/)
    fake.faults = []
    expect(Date.now() - t0).toBeLessThan(5000)
    expect(fake.searches.length - b.searches).toBe(1)
    expect(await getWatermark(s.pg.db, 'dossiers@igate')).toEqual(wm)
  })
})

describe('iGate: a huge answer (issue #17 item 8)', () => {
  it('a 200 MB search answer is abandoned past ETL_MAX_PAGE_BYTES while it streams: run failed at once, not retried, watermark and data unchanged', async () => {
    const wm = await getWatermark(s.pg.db, 'dossiers@igate')
    const rows = await finalRows()
    const n = fake.searches.length
    const sent = { bytes: 0 }
    fake.faults = [{ request: n + 1, status: 200, hugeBytes: 200 * 1024 ** 2, sent }]
    await expect(
      runJob(s, job, { trigger: 'test', window: { from: null, to: null }, options: { ...opts, maxPageBytes: 1024 ** 2 } }),
    ).rejects.toThrow(
      /source page too large: over 1048576 bytes, more than the limit of 1048576 \(ETL_MAX_PAGE_BYTES\); transfer abandoned — GET http/,
    )
    fake.faults = []
    expect(fake.searches.length - n).toBe(1) // not retried
    // The client stopped reading: far less than the 200 MB left the server.
    expect(sent.bytes).toBeGreaterThan(1024 ** 2)
    expect(sent.bytes).toBeLessThan(32 * 1024 ** 2)
    expect(await getWatermark(s.pg.db, 'dossiers@igate')).toEqual(wm)
    expect(await finalRows()).toEqual(rows)
  })
})

describe('iGate: pages that shift while they are read', () => {
  const day = '2026-03-10'
  const set = () => [101, 102, 103, 104, 105, 106, 107, 108, 109].map((n) => igateDossier({ n, accepted: utc(n - 100, day) }))
  /** Before the 2nd request: n=101 (already read) and n=105 (not yet) are updated, so both move to the end. */
  const shiftAt = (second: number) => (n: number) => {
    if (n !== second) return
    fake.update(igateDossier({ n: 101 }).id, {
      dossierStatus: { id: 4, name: 'Có kết quả' },
      completedDate: utc(20, day),
      updatedDate: utc(20, day),
    })
    fake.update(igateDossier({ n: 105 }).id, { dossierStatus: { id: 3, name: 'Chờ bổ sung' }, updatedDate: utc(21, day) })
  }

  it('offset paging (page=0,1,2 of one filter) would lose a dossier in this scenario', async () => {
    fake.set(set())
    const first = fake.searches.length + 1
    fake.onSearch = shiftAt(first + 1)
    const token = (
      await (
        await fetch(`${fake.issuer}/protocol/openid-connect/token`, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: fake.clientSecret }),
        })
      ).json()
    ).access_token
    const ids = new Set<string>()
    for (let page = 0; ; page++) {
      const q = new URLSearchParams([
        ['spec', 'page'],
        ['page', String(page)],
        ['size', '3'],
        ['sort', 'updatedDate,asc'],
        ['sort', 'id,asc'],
        ['updated-from', `${day}T00:00:00.000Z`],
      ])
      const body = await (await fetch(`${fake.url}/pa/dossier/search?${q}`, { headers: { authorization: `Bearer ${token}` } })).json()
      for (const d of body.content) ids.add(d.code)
      if (body.last) break
    }
    fake.onSearch = null
    expect(
      set()
        .map((d) => d.code)
        .filter((c) => !ids.has(c)),
    ).toEqual([code(104)])
  })

  it('the keyset reader loses nothing and doubles nothing: 9 dossiers, the one updated after it was read read twice', async () => {
    fake.set(set())
    fake.onSearch = shiftAt(fake.searches.length + 2)
    const summary = await run()
    fake.onSearch = null
    expect(counts(summary)).toEqual({ read: 10, loaded: 10, rejected: {} })
    const rows = (await finalRows()).filter((r) => r.dossier_id >= code(101))
    expect(rows.map((r) => [r.dossier_id, r.status])).toEqual([
      [code(101), 9],
      [code(102), 4],
      [code(103), 4],
      [code(104), 4],
      [code(105), 5],
      [code(106), 4],
      [code(107), 4],
      [code(108), 4],
      [code(109), 4],
    ])
    const rs = await s.ch.client.query({
      query: `SELECT count() AS n FROM dossiers FINAL WHERE dossier_id >= '${code(101)}'`,
      format: 'JSONEachRow',
    })
    expect(Number(((await rs.json()) as { n: number }[])[0]!.n)).toBe(9)
  })
})

describe('iGate: the fall-back without an update-time filter', () => {
  const f = (n: number, over: Omit<Parameters<typeof igateDossier>[0], 'n'>) => igateDossier({ ...over, n })

  it('a sliding window on accepted-from, open dossiers re-read, returns, and a look-up of open dossiers that left the open set', async () => {
    s.config.IGATE_UPDATED_PARAM = undefined
    fake.updatedParam = null
    await s.ch.client.command({ query: 'TRUNCATE TABLE dossiers' })
    await s.pg.db.delete(etlWatermarks).where(eq(etlWatermarks.job, 'dossiers@igate'))
    const old = f(201, { accepted: utc(0, '2026-01-05') }) // open, accepted two months ago
    const open = f(202, { accepted: utc(0, '2026-03-01') })
    const returned = f(203, {
      status: 5,
      accepted: utc(0, '2026-03-01'),
      completed: utc(24, '2026-03-01'),
      returned: utc(26, '2026-03-01'),
      updated: utc(26, '2026-03-01'),
    })
    fake.set([old, open, returned])
    const b = fake.searches.length
    const first = await run()
    expect(counts(first)).toEqual({ read: 3, loaded: 3, rejected: {} })
    expect(fake.searches.slice(b).map((r) => r.params.get('accepted-from'))).toEqual([null]) // no watermark: the whole history, one query

    // Meanwhile at iGate: the old one is stopped (it leaves the open set; not returned), the open one resolved,
    // a new dossier accepted, and one entered today with a reception date 9 days ago.
    fake.update(old.id, { dossierStatus: { id: 6, name: 'Đã hủy' }, updatedDate: utc(50, '2026-03-01') })
    fake.update(open.id, {
      dossierStatus: { id: 4, name: 'Có kết quả' },
      completedDate: utc(30, '2026-03-01'),
      updatedDate: utc(30, '2026-03-01'),
    })
    fake.upsert(f(204, { accepted: utc(40, '2026-03-01') }))
    fake.upsert(f(205, { accepted: utc(0, '2026-02-20'), updated: utc(45, '2026-03-01') }))
    const b2 = fake.searches.length
    const second = await run()
    expect(counts(second)).toEqual({ read: 5, loaded: 5, rejected: {} })
    const asked = fake.searches
      .slice(b2)
      .map((r) => [
        r.params.get('accepted-from'),
        r.params.get('dossier-status'),
        r.params.get('result-returned-from'),
        r.params.get('code'),
      ])
    const since = '2026-01-16T02:50:00.000Z' // the watermark (203's update, 2026-03-02 03:00 UTC) − 10 min − 45 days
    expect(asked).toEqual([
      [since, null, null, null],
      ['2026-03-01T00:59:59.999Z', null, null, null], // keyset: past 202 and 203 (same reception time)
      [null, '0,1,2,3,4,17', null, null], // the statuses mapped to open ones (17 → 5 since IT mapped it)
      [null, null, since, null],
      [null, null, null, old.code],
    ])
    const rows = new Map((await finalRows()).map((r) => [r.dossier_id, r.status]))
    expect(Object.fromEntries(rows)).toEqual({ [old.code]: 8, [open.code]: 9, [returned.code]: 10, [code(204)]: 4, [code(205)]: 4 })
  })
})
