/**
 * 766 reconciliation on the running server: the IT role uploads the national portal's published figures (the
 * portal's own JSON shape: tests/fixtures/qd766-portal-quang-tri-2026-03.json, and a CSV), they are stored in
 * Postgres, matched to communes (by name, tone marks tolerated; by code) and set beside our own computation
 * (inputs766ByCommune + explain766, i.e. GET /api/v1/kpi's qd766 metrics) with the exact differences; the
 * page highlights the differences beyond rounding and the export lists them; scoped by role and audited.
 */
import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, qd766PortalFigures, qd766Uploads } from '../db/pg/schema/index.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { get766 } from '../app/kpi/qd766.server.ts'
import { insertDossiers, QT } from './support/dossier-fixtures.ts'
import { REPORT_DOSSIERS } from './support/report-fixtures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

const H = QT.dongHoi
const S = QT.dongSon
const M = QT.minhHoa
const PORTAL = fs.readFileSync(new URL('./fixtures/qd766-portal-quang-tri-2026-03.json', import.meta.url))

let app: TestServer
let it_: HttpClient
let lead: HttpClient
let commune: HttpClient
beforeAll(async () => {
  app = await startTestServer()
  await insertDossiers(app.stores.ch, REPORT_DOSSIERS)
  await refreshRollups(app.stores, { fromDay: '2026-01-01', toDay: '2026-04-30' })
  it_ = await app.signIn(['it'])
  lead = await app.signIn(['leadership'])
  commune = await app.signIn(['commune'], { commune: S })
}, 180_000)
afterAll(async () => app?.close())

function upload(c: HttpClient, files: { name: string; body: Buffer | string; type: string }[], from = '01/03/2026', to = '31/03/2026') {
  const form = new FormData()
  form.append('csrf', c.csrf())
  form.append('intent', 'upload')
  form.append('from', from)
  form.append('to', to)
  for (const f of files)
    form.append('file', new Blob([typeof f.body === 'string' ? f.body : new Uint8Array(f.body)], { type: f.type }), f.name)
  return c.request('/reports/reconcile766', { method: 'POST', body: form })
}

/** The export as rows of cells (English dialect: `,` and a decimal point), keyed by commune|metric. */
async function exported(c: HttpClient, query: string) {
  const res = await c.get(`/export/reconcile766?${query}&format=csv&lang=en`)
  expect(res.status).toBe(200)
  const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]
  const header = rows.findIndex((r) => r[0] === 'Commune code')
  const cols = rows[header]!
  return new Map(
    rows.slice(header + 1).map((r) => [`${r[0]}|${r[2]}`, Object.fromEntries(cols.map((h, i) => [h, r[i]])) as Record<string, string>]),
  )
}

let jsonUpload = 0

describe('uploading the portal’s JSON', () => {
  it('stores the figures of the province’s communes, skips the rest with a reason, audits the upload', async () => {
    const res = await upload(it_, [{ name: 'qd766-2026-03.json', body: PORTAL, type: 'application/json' }])
    expect(res.status).toBe(302)
    jsonUpload = Number(/upload=(\d+)/.exec(res.headers.get('location') ?? '')?.[1])
    const [u] = await app.stores.pg.db.select().from(qd766Uploads).where(eq(qd766Uploads.id, jsonUpload))
    expect(u).toMatchObject({ format: 'portal-json', periodFrom: '2026-03-01', periodTo: '2026-03-31', figures: 10 })
    expect(u!.skipped).toEqual([
      { unit: 'UBND Phường Đồng Hới', metric: 'PETITION_CLASSIFICATION_TTHC', reason: 'not_a_766_metric' },
      { unit: 'UBND xã Hy Cương', metric: 'TDGQ', reason: 'unknown_unit' },
    ])
    const stored = await app.stores.pg.db.select().from(qd766PortalFigures).where(eq(qd766PortalFigures.uploadId, jsonUpload))
    expect(stored.map((f) => `${f.communeCode}|${f.metric}`).sort()).toEqual(
      [
        `${H}|CITIZEN_DATA_CONNECTED_DOSSIER`,
        `${H}|CITIZEN_DATA_CONNECTED_FORMALITY`,
        `${H}|DOSSIER_RECEIVING_SATISFACTION`,
        `${H}|ELECTRONIC_CERTIFIED_COPY`,
        `${H}|ORIGINAL_RESULT_AVAILABLE`,
        `${H}|PETITION_PROCESSING_ON_TIME`,
        `${H}|SO_HOA_GIAY_TO_GIAI_QUYET`,
        `${H}|TDGQ`,
        `${M}|TDGQ`, // "Minh Hóa" on the portal, "Minh Hoá" here
        `${S}|TDGQ`,
      ].sort(),
    )
    const audits = await app.stores.pg.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reconcile.upload'), eq(auditLog.target, String(jsonUpload))))
    expect(audits).toHaveLength(1)
    expect(audits[0]!.actor).toBe(it_.email)
    expect(audits[0]!.detail).toMatchObject({ figures: 10, skipped: 2, from: '2026-03-01', to: '2026-03-31' })
  })

  it('sets each figure beside ours (the 766 functions) with the exact difference; beyond rounding = different', async () => {
    const ours = new Map((await get766(app.stores, { commune: H, from: '2026-03-01', to: '2026-03-31' })).lines.map((l) => [l.code, l]))
    expect(ours.get('TDGQ')).toMatchObject({ numerator: 6, denominator: 9, points: 13.33 })
    expect(ours.get('DOSSIER_RECEIVING_SATISFACTION')).toMatchObject({ numerator: 6, denominator: 9, points: 4.44 })
    expect(ours.get('ORIGINAL_RESULT_AVAILABLE')).toMatchObject({ numerator: 0, denominator: 4, points: 0 })
    const rows = await exported(lead, `upload=${jsonUpload}`)
    const pick = (k: string) => {
      const r = rows.get(k)!
      return [
        r['Numerator (portal)'],
        r['Denominator (portal)'],
        r['Points (portal)'],
        r['Numerator (ours)'],
        r['Denominator (ours)'],
        r['Points (ours)'],
        r['Points difference (portal − ours)'],
        r['Result'],
        r['Differs in'],
      ]
    }
    // prettier-ignore
    expect({
      tdgq: pick(`${H}|TDGQ`),
      satisfaction: pick(`${H}|DOSSIER_RECEIVING_SATISFACTION`),
      petitions: pick(`${H}|PETITION_PROCESSING_ON_TIME`),
      eResult: pick(`${H}|ORIGINAL_RESULT_AVAILABLE`),
      digitised: pick(`${H}|SO_HOA_GIAY_TO_GIAI_QUYET`),
      population: pick(`${H}|CITIZEN_DATA_CONNECTED_DOSSIER`),
      formality: pick(`${H}|CITIZEN_DATA_CONNECTED_FORMALITY`),
      copy: pick(`${H}|ELECTRONIC_CERTIFIED_COPY`),
      dongSon: pick(`${S}|TDGQ`),
      minhHoa: pick(`${M}|TDGQ`),
    }).toEqual({
      tdgq: ['6', '9', '13.33', '6', '9', '13.33', '0.00', 'Same', ''],
      satisfaction: ['6', '9', '4.45', '6', '9', '4.44', '0.01', 'Same', ''], // 0.01 is rounding
      petitions: ['0', '0', '6.00', '0', '0', '6.00', '0.00', 'Same', ''],
      eResult: ['3', '4', '4.50', '0', '4', '0.00', '4.50', 'Different', 'points, numerator'],
      digitised: ['0', '7', '0.00', '0', '7', '0.00', '0.00', 'Same', ''],
      population: ['0', '8', '0.00', '0', '7', '0.00', '0.00', 'Different', 'denominator'],
      formality: ['3', '385', '0.02', '', '', '', '', 'Not computed by us', ''],
      copy: ['', '', '2.00', '', '', '', '', 'Not computed by us', ''],
      dongSon: ['1', '3', '6.67', '2', '3', '13.33', '-6.66', 'Different', 'points, numerator'],
      minhHoa: ['0', '0', '', '0', '0', '', '', 'Same', ''],
    })
    const diffOnly = await exported(lead, `upload=${jsonUpload}&only=diff`)
    expect([...diffOnly.keys()].sort()).toEqual([`${S}|TDGQ`, `${H}|CITIZEN_DATA_CONNECTED_DOSSIER`, `${H}|ORIGINAL_RESULT_AVAILABLE`])
  })

  it('the page shows every figure, highlights the 3 differences and sums them up', async () => {
    const html = await (await lead.get(`/reports/reconcile766?upload=${jsonUpload}`)).text()
    expect(html.match(/<tr[^>]*data-status="/g)).toHaveLength(10)
    expect(html.match(/<tr class="rc-diff"[^>]*data-status="different"/g)).toHaveLength(3)
    expect(html).toContain('10 số liệu của 3 xã; 3 chỗ lệch; 2 chỉ số hệ thống chưa tính.')
    const only = await (await lead.get(`/reports/reconcile766?upload=${jsonUpload}&only=diff`)).text()
    expect(only.match(/<tr[^>]*data-status="/g)).toHaveLength(3)
    // The upload form is the IT role's only.
    expect(html).not.toContain('name="file"')
    expect(await (await it_.get('/reports/reconcile766')).text()).toContain('name="file"')
  })

  it('a commune user sees only their own commune’s rows, on the page and in the export', async () => {
    const html = await (await commune.get(`/reports/reconcile766?upload=${jsonUpload}`)).text()
    expect([...html.matchAll(/data-commune="(\d{5})" data-metric/g)].map((m) => m[1])).toEqual([S])
    expect([...(await exported(commune, `upload=${jsonUpload}`)).keys()]).toEqual([`${S}|TDGQ`])
  })
})

describe('uploading a CSV; refusals', () => {
  it('reads a Vietnamese CSV (`;`, decimal comma) of unit code, metric, numerator, denominator, points', async () => {
    const csv = '\uFEFFma_don_vi;ma_chi_so;tu_so;mau_so;diem\r\n18880;TDGQ;5;9;11,11\r\n18880;XYZ;1;1;1\r\n'
    const res = await upload(it_, [{ name: 'cong-dvc.csv', body: csv, type: 'text/csv' }])
    expect(res.status).toBe(302)
    const id = Number(/upload=(\d+)/.exec(res.headers.get('location') ?? '')?.[1])
    const rows = await exported(lead, `upload=${id}`)
    expect([...rows.keys()]).toEqual([`${H}|TDGQ`])
    const r = rows.get(`${H}|TDGQ`)!
    expect([r['Points (portal)'], r['Points (ours)'], r['Points difference (portal − ours)'], r['Differs in']]).toEqual([
      '11.11',
      '13.33',
      '-2.22',
      'points, numerator',
    ])
  })

  it('refuses another role, a file that is not the portal’s shape or names no column, and stores nothing then', async () => {
    const before = (await app.stores.pg.db.select().from(qd766Uploads)).length
    expect((await upload(lead, [{ name: 'x.json', body: PORTAL, type: 'application/json' }])).status).toBe(403)
    const bad = await upload(it_, [{ name: 'x.json', body: '{"data":{"foo":[]}}', type: 'application/json' }])
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Không phải dạng dữ liệu của Cổng DVCQG')
    const noCol = await upload(it_, [{ name: 'x.csv', body: 'unit;numerator\n18880;1\n', type: 'text/csv' }])
    expect(noCol.status).toBe(400)
    expect(await noCol.text()).toContain('Thiếu cột')
    const badPeriod = await upload(it_, [{ name: 'x.json', body: PORTAL, type: 'application/json' }], '31/02/2026')
    expect(badPeriod.status).toBe(400)
    expect((await app.stores.pg.db.select().from(qd766Uploads)).length).toBe(before)
  })
})
