/**
 * One figure, one value (issue 14 items 1–2, ADR 032). On the drill fixture (Đồng Hới's week 9–13 March 2026, one
 * dossier in Đồng Sơn) plus a few recent dossiers for the equipment load, through the real server: every figure a
 * page marks `data-kpi="<id>" data-value="<raw>"` (tiles, table cells and totals, inline figures, alerts) has the
 * same value wherever it appears, equals `GET /api/v1/kpi` for the same commune and period where the API carries
 * it, and equals the exports (CSV, as the page formats it). And the cases the issue found, each pinned:
 *   - the alert's "Tỷ lệ trễ hạn" is the late rate over its 30 days (= the API's lateRate for them); the commune
 *     page's per-procedure column, late ÷ received, has its own label;
 *   - the equipment page and the budget plan show one "Tải … hồ sơ/ngày" (one window);
 *   - the counter-ratings share and the 766 satisfaction ratio have different labels and ⓘ definitions;
 *   - the capacity overload and the overdue share (performance) are two catalogue entries with two labels.
 */
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiValue, formatMetric, isMetricId, METRICS, metricLabel, type MetricId } from '../app/kpi/catalogue.ts'
import { evaluateAlerts } from '../app/kpi/alerts.server.ts'
import { addDays, toLocalYmd } from '../db/lib/workdays.ts'
import { refreshRollups } from '../etl/jobs/rollups/commune-day.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { insertDossiers, QT } from './support/dossier-fixtures.ts'
import { DRILL_WEEK, seedDrill } from './support/drill-fixtures.ts'
import { figures } from './support/figures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

const H = QT.dongHoi
const S = QT.dongSon
/** The drill week, and the alert's 30 days ending on its Friday. */
const PERIODS = [
  { from: DRILL_WEEK.from, to: DRILL_WEEK.to },
  { from: addDays(DRILL_WEEK.to, -29), to: DRILL_WEEK.to },
]
const q = (p: { from: string; to: string }) => `period=custom&from=${p.from}&to=${p.to}`

let srv: TestServer
let leader: HttpClient

const api = async (commune: string | null, p: { from: string; to: string }) => {
  const res = await leader.get(`/api/v1/kpi?from=${p.from}&to=${p.to}${commune ? `&commune=${commune}` : ''}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}
const page = async (path: string) => {
  const res = await leader.get(path)
  expect(res.status, path).toBe(200)
  return res.text()
}
/** The API rounds rates to 4 decimals, days to 2: a page's raw value is compared at the API's precision. */
const sameAsApi = (id: MetricId, shown: number | null, json: Record<string, unknown>, where: string) => {
  const expected = apiValue(json, id)
  if (expected === undefined) return false
  if (expected === null || shown === null) expect(shown, `${where} ${id}`).toBe(expected)
  else expect(shown, `${where} ${id}`).toBeCloseTo(Number(expected), 4)
  return true
}

beforeAll(async () => {
  srv = await startTestServer()
  await seedDrill(srv.stores)
  // Recent dossiers in Đồng Hới for the equipment load: 4 received in the last 30 days, 6 from 40 to 80 days ago
  // (inside the 90 days the budget plan used to read, outside the equipment page's 30).
  const today = toLocalYmd(new Date())
  const recent = [3, 5, 8, 12, 45, 50, 55, 60, 70, 80].map((ago, i) => {
    const d = addDays(today, -ago)
    return { id: `L${i}`, commune: H, received: `${d} 08:00`, due: `${addDays(d, 10)} 17:00`, finished: `${addDays(d, 1)} 10:00` }
  })
  await insertDossiers(srv.stores.ch, recent)
  const range = { fromDay: addDays(today, -100), toDay: today, communes: [H] }
  await refreshRollups(srv.stores, range)
  await refreshLoadRollups(srv.stores, range)
  // The alert of the fixture's Friday: its value is the late rate over the 30 days ending then.
  await evaluateAlerts(srv.stores, { now: new Date('2026-03-13T18:00:00+07:00') })
  leader = await srv.signIn(['leadership', 'finance'])
}, 300_000)
afterAll(async () => srv?.close())

describe('every figure a page marks equals the API for the same commune and period', () => {
  it('the commune page: tiles, table totals and the alert, for Đồng Hới and Đồng Sơn over two periods', async () => {
    let compared = 0
    for (const p of PERIODS)
      for (const c of [H, S]) {
        const json = await api(c, p)
        const figs = figures(await page(`/communes/${c}?${q(p)}`))
        expect(figs.length).toBeGreaterThan(0)
        for (const f of figs) {
          if (!isMetricId(f.kpi) || f.row !== null || f.attrs['data-from']) continue
          if (sameAsApi(f.kpi, f.value, json, `/communes/${c} ${p.from}`)) compared++
        }
      }
    expect(compared).toBeGreaterThanOrEqual(4 * 6) // six tiles × two communes × two periods
  })

  it('the overview: province tiles equal the province, each commune row equals that commune', async () => {
    for (const p of PERIODS) {
      const figs = figures(await page(`/?${q(p)}`))
      const province = await api(null, p)
      const tiles = figs.filter((f) => f.row === null && !f.total && isMetricId(f.kpi) && !f.attrs['data-from'] && !f.attrs['data-commune'])
      expect(tiles.map((f) => f.kpi)).toEqual(
        expect.arrayContaining(['backlog', 'overdue_open', 'on_time_rate', 'satisfied_share', 'qd766_total']),
      )
      for (const f of tiles) sameAsApi(f.kpi as MetricId, f.value, province, `/ tile`)
      for (const c of [H, S]) {
        const json = await api(c, p)
        const cells = figs.filter((f) => f.row === c)
        expect(cells.length).toBeGreaterThanOrEqual(5)
        for (const f of cells) sameAsApi(f.kpi as MetricId, f.value, json, `/ row ${c}`)
      }
      // Each alert's value is its figure over its own 30 days, for its commune.
      const alerts = figs.filter((f) => f.attrs['data-from'])
      let checked = 0
      for (const f of alerts) {
        const json = await api(f.attrs['data-commune']!, { from: f.attrs['data-from']!, to: f.attrs['data-to']! })
        if (sameAsApi(f.kpi as MetricId, f.value, json, `alert ${f.attrs['data-commune']}`)) checked++
      }
      expect(checked).toBeGreaterThan(0)
    }
  })

  it('the satisfaction page: the ratings share and the 766 ratio equal the API, under two labels', async () => {
    for (const p of PERIODS) {
      const json = await api(null, p)
      const figs = figures(await page(`/satisfaction?${q(p)}`))
      const of = (id: string) => figs.filter((f) => f.kpi === id && f.row === null)
      expect(of('satisfied_share').length).toBeGreaterThanOrEqual(2) // tile and the ratings line
      for (const f of of('satisfied_share')) sameAsApi('satisfied_share', f.value, json, '/satisfaction')
      const ratio = (json.qd766 as { metrics: { code: string; rate: number | null }[] }).metrics.find(
        (m) => m.code === 'DOSSIER_RECEIVING_SATISFACTION',
      )!.rate
      expect(of('qd766_satisfaction')).toHaveLength(1)
      if (ratio === null) expect(of('qd766_satisfaction')[0]!.value).toBeNull()
      else expect(of('qd766_satisfaction')[0]!.value).toBeCloseTo(ratio, 4)
    }
    // The issue's case: the two are computed differently, so they never share a label.
    expect(metricLabel('vi', 'satisfied_share')).not.toBe(metricLabel('vi', 'qd766_satisfaction'))
  })

  it('the staffing page: each commune row (need, assigned, overdue) equals that commune in the API', async () => {
    const p = PERIODS[0]!
    const figs = figures(await page(`/staffing?${q(p)}`))
    let compared = 0
    for (const c of [H, S]) {
      const json = await api(c, p)
      for (const f of figs.filter((x) => x.row === c)) if (sameAsApi(f.kpi as MetricId, f.value, json, `/staffing row ${c}`)) compared++
    }
    expect(compared).toBeGreaterThanOrEqual(4) // staff_required, staff_assigned, overdue_open × two communes
  })

  it('the overview export (CSV) writes the figures the page shows', async () => {
    const p = PERIODS[0]!
    const figs = figures(await page(`/?${q(p)}`))
    const csv = parse((await (await leader.get(`/export/overview?${q(p)}&format=csv`)).text()).replace(/^\uFEFF/, ''), {
      delimiter: ';',
      relax_column_count: true,
    }) as string[][]
    const header = csv.find((r) => r.includes(metricLabel('vi', 'on_time_rate')))!
    expect(header).toBeDefined()
    let compared = 0
    for (const id of ['on_time_rate', 'overdue_open', 'backlog', 'satisfied_share'] as const) {
      const col = header.indexOf(metricLabel('vi', id))
      if (col < 0) continue
      for (const c of [H, S]) {
        const line = csv.find((r) => r.includes(c))
        const shown = figs.find((f) => f.row === c && f.kpi === id)
        if (!line || !shown) continue
        // An empty cell where the page shows '—' (nothing to compute on; never a zero).
        expect(line[col], `export ${id} ${c}`).toBe(shown.value === null ? '' : formatMetric(id, shown.value, 'vi'))
        compared++
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4)
  })
})

describe('every figure has its ⓘ and its mark (issue 14 items 2, 3 and 5)', () => {
  it('every tile of the overview, commune, staffing, equipment, satisfaction and 766 pages has its ⓘ', async () => {
    for (const path of ['/', `/communes/${H}`, '/staffing', '/equipment', '/satisfaction', '/qd766']) {
      const html = await page(`${path}?${q(PERIODS[0]!)}`)
      const tiles = [...html.matchAll(/class="tile(?: [^"]*)?"/g)].length
      const infos = [...html.matchAll(/class="kpi-info tile-info"/g)].length
      expect(tiles, path).toBeGreaterThan(0)
      expect([path, infos]).toEqual([path, tiles])
      // An ⓘ is a <details>, which a paragraph cannot hold: the browser closes the <p> before it, and the page
      // the browser builds no longer matches the one React hydrates (every commune page failed to hydrate).
      const inParagraph = [...html.matchAll(/<p[\s>][\s\S]*?<\/p>/g)].filter((m) => m[0].includes('<details'))
      expect([path, inParagraph.map((m) => m[0].slice(0, 120))]).toEqual([path, []])
    }
  })

  it('the 766 page: one label for the one province total, its group tiles and breakdown equal the API', async () => {
    const p = PERIODS[0]!
    const html = await page(`/qd766?${q(p)}`)
    const json = await api(null, p)
    const qd = json.qd766 as {
      groups: Record<string, number | null>
      metrics: { code: string; rate: number | null; points: number | null }[]
    }
    expect(html).toContain(metricLabel('vi', 'qd766_total'))
    expect(html).not.toContain('Điểm 766 toàn tỉnh')
    const figs = figures(html)
    const groups = figs.filter((f) => f.kpi.startsWith('qd766_group_'))
    expect(groups).toHaveLength(6)
    for (const f of groups) sameAsApi(f.kpi as MetricId, f.value, json, '/qd766 group')
    let lines = 0
    for (const f of figs.filter((x) => x.row && (x.kpi === 'qd766_metric_points' || x.kpi === 'qd766_metric_rate'))) {
      const m = qd.metrics.find((x) => x.code === f.row)!
      const expected = f.kpi === 'qd766_metric_rate' ? m.rate : m.points
      if (expected === null) expect(f.value).toBeNull()
      else expect(f.value, `${f.row} ${f.kpi}`).toBeCloseTo(expected, 4)
      lines++
    }
    expect(lines).toBeGreaterThanOrEqual(2 * 10)
    // The breakdown's points total is the 766 score.
    const total = figs.find((f) => f.kpi === 'qd766_metric_points' && f.total)!
    expect(total.value).toBeCloseTo(Number(json.qd766Total), 4)
  })

  it("the commune page's history table and 766 breakdown equal the API for each month and metric", async () => {
    for (const c of [H, S]) {
      const figs = figures(await page(`/communes/${c}?${q(PERIODS[0]!)}`))
      const months = [...new Set(figs.filter((f) => f.row?.includes('_')).map((f) => f.row!))]
      expect(months.length).toBeGreaterThan(12)
      // The months around the fixture's week, and the first of the history.
      const checked = months.filter((m, i) => i === 0 || m.startsWith('2026-02') || m.startsWith('2026-03'))
      let compared = 0
      for (const m of checked) {
        const [from, to] = m.split('_') as [string, string]
        const json = await api(c, { from, to })
        const row = figs.filter((x) => x.row === m)
        // A month without rollup rows shows '—' (not computed) where the API counts 0: only computed months compare.
        if (row.every((f) => f.value === null)) continue
        for (const f of row) if (sameAsApi(f.kpi as MetricId, f.value, json, `history ${c} ${m}`)) compared++
      }
      expect(compared).toBeGreaterThanOrEqual(6)
      // The totals row covers the whole history (longer than the API's longest period): its own days, the rows' sum.
      const totals = figs.filter((f) => f.total && f.attrs['data-from'] && f.kpi === 'received')
      expect(totals).toHaveLength(1)
      expect(totals[0]!.attrs['data-from']).toBe('2025-01-01')
      const sum = figs.filter((f) => f.row?.includes('_') && f.kpi === 'received').reduce((x, f) => x + (f.value ?? 0), 0)
      expect(totals[0]!.value).toBe(sum)
      const json = await api(c, PERIODS[0]!)
      const qd = json.qd766 as { metrics: { code: string; rate: number | null; points: number | null }[] }
      const lines = figs.filter((f) => f.row && f.kpi === 'qd766_metric_points')
      expect(lines.length).toBeGreaterThanOrEqual(10)
      for (const f of lines) {
        const m = qd.metrics.find((x) => x.code === f.row)!
        if (m.points === null) expect(f.value).toBeNull()
        else expect(f.value, `${c} ${f.row}`).toBeCloseTo(m.points, 4)
      }
    }
  })

  it("the map's shapes carry each commune's figure, equal to the API", async () => {
    const p = PERIODS[0]!
    const byCode = new Map<string, Record<string, unknown>>()
    for (const c of [H, S]) byCode.set(c, await api(c, p))
    let compared = 0
    for (const kpi of ['on_time_rate', 'late_rate', 'backlog', 'overdue', 'satisfied_share', 'equipment_gap_vnd']) {
      // The map's shapes (alerts carry their commune too, and their own 30 days).
      const figs = figures(await page(`/?${q(p)}&kpi=${kpi}`)).filter((f) => f.attrs['data-commune'] && !f.attrs['data-from'])
      expect(figs.length, kpi).toBeGreaterThan(50)
      for (const f of figs.filter((x) => byCode.has(x.attrs['data-commune']!)))
        if (sameAsApi(f.kpi as MetricId, f.value, byCode.get(f.attrs['data-commune']!)!, `map ${kpi}`)) compared++
    }
    expect(compared).toBe(12)
  })

  it('the equipment gap is one figure: the overview over any period equals the equipment page and the API', async () => {
    const equipment = figures(await page('/equipment')).find((f) => f.kpi === 'equipment_gap_vnd' && f.row === null)!
    for (const p of PERIODS) {
      const tile = figures(await page(`/?${q(p)}`)).find((f) => f.kpi === 'equipment_gap_vnd' && f.row === null)!
      expect([p.from, tile.value]).toEqual([p.from, equipment.value])
      expect((await api(null, p)).equipmentGapVnd).toBe(equipment.value)
    }
  })
})

describe('the cases of issue 14: two figures computed differently never share a label', () => {
  it('the alert shows the late rate over its 30 days (= the API); the procedures column is late ÷ received, named apart', async () => {
    const html = await page(`/communes/${H}?${q(PERIODS[0]!)}`)
    const figs = figures(html)
    const alert = figs.find((f) => f.kpi === 'late_rate' && f.attrs['data-from'])
    expect(alert, 'an open late-rate alert on the commune page').toBeDefined()
    expect(alert!.attrs['data-to']).toBe(DRILL_WEEK.to)
    const json = await api(H, { from: alert!.attrs['data-from']!, to: alert!.attrs['data-to']! })
    sameAsApi('late_rate', alert!.value, json, 'alert')
    // The procedures table's column: its own id and label, the same total in every table and in the export.
    const perProcedure = figs.filter((f) => f.kpi === 'received_late_share' && f.total)
    expect(perProcedure.length).toBeGreaterThanOrEqual(2) // the fields and the procedures tables
    expect(new Set(perProcedure.map((f) => f.value)).size).toBe(1)
    expect(perProcedure[0]!.value).not.toBeCloseTo(Number(apiValue(await api(H, PERIODS[0]!), 'late_rate')), 4)
    expect(html).toContain(metricLabel('vi', 'received_late_share'))
    expect(metricLabel('vi', 'received_late_share')).not.toBe(metricLabel('vi', 'late_rate'))
    const csv = parse(
      (await (await leader.get(`/export/communes/${H}?table=procedures&${q(PERIODS[0]!)}&format=csv`)).text()).replace(/^\uFEFF/, ''),
      { delimiter: ';', relax_column_count: true },
    ) as string[][]
    const header = csv.find((r) => r.includes(metricLabel('vi', 'received_late_share')))!
    expect(header).toBeDefined()
    expect(header).not.toContain(metricLabel('vi', 'late_rate'))
    // The last row (a CSV is one table; the definitions travel in the workbook, ADR 037).
    const totals = csv[csv.length - 1]!
    expect(totals[header.indexOf(metricLabel('vi', 'received_late_share'))]).toBe(
      formatMetric('received_late_share', perProcedure[0]!.value, 'vi'),
    )
  })

  it('the equipment page and the budget plan show one load per working day for Đồng Hới', async () => {
    const load = (html: string) => {
      const text = html.replace(/<[^>]+>/g, ' ')
      const at = text.indexOf('Đồng Hới')
      return [...text.slice(at).matchAll(/Tải ([\d,.]+) hồ sơ\/ngày/g)].map((m) => m[1])[0]
    }
    const equipment = load(await page('/equipment'))
    const budget = load(await page('/equipment/budget?ceiling=2+t%E1%BB%B7&year=2027'))
    expect(equipment).toBeDefined()
    expect(budget).toBe(equipment)
  })

  it('capacity overload and the overdue share (performance) are two entries, two labels, two definitions', () => {
    expect(metricLabel('vi', 'overload')).not.toBe(metricLabel('vi', 'overdue_share'))
    expect(METRICS.overload.definition).not.toBe(METRICS.overdue_share.definition)
    expect(metricLabel('vi', 'overdue_share')).toContain('hiệu suất')
  })

  it('no two catalogue entries share a label (in either language)', () => {
    for (const lang of ['vi', 'en'] as const) {
      const labels = (Object.keys(METRICS) as MetricId[]).map((id) => metricLabel(lang, id))
      expect(new Set(labels).size, lang).toBe(labels.length)
    }
  })
})
