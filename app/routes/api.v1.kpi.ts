/**
 * GET /api/v1/kpi?commune=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD — the KPI summary of one commune, or of the
 * province when `commune` is omitted, for the provincial operations centre and other systems.
 * Also accepted instead of from/to: `period=day|week|month|quarter|year` with an optional `at=YYYY-MM-DD`;
 * with neither, the current month up to today. Documented in docs/api/openapi.yaml.
 * 400 JSON on bad parameters, 404 JSON for a commune that is not in the province, 500 JSON on failure.
 * Rates are fractions (0.8632) rounded to 4 decimals; days to 2 decimals; counts are exact.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getStores } from '../../db/stores.ts'
import { parsePeriodParams } from '../kpi/period.ts'
import { roundOrNull } from '../kpi/numbers.ts'
import { KpiNotFoundError } from '../kpi/scope.server.ts'
import { getKpiSummary, type KpiFigures, type KpiSummary } from '../kpi/summary.server.ts'
import { requireRouteAccess } from '../auth/guard.server.ts'
import { memoAnswer } from '../lib/answer-memo.server.ts'

const CommuneParam = z
  .string()
  .regex(/^\d{5}$/, 'commune phải là mã xã 5 chữ số / commune must be a 5-digit commune code')
  .optional()
const KNOWN = new Set(['commune', 'from', 'to', 'period', 'at'])

const r4 = (x: number | null) => roundOrNull(x, 4)
const r2 = (x: number | null) => roundOrNull(x, 2)

function figures(f: KpiFigures) {
  return {
    received: f.received,
    receivedOnline: f.receivedOnline,
    receivedInPersonOrPost: f.receivedInPersonOrPost,
    carriedOver: f.carriedOver,
    toProcess: f.toProcess,
    processed: f.processed,
    processedEarly: f.processedEarly,
    processedOnTime: f.processedOnTime,
    processedLate: f.processedLate,
    processedCancelled: f.processedCancelled,
    inProcess: f.inProcess,
    inProcessNotDue: f.inProcessNotDue,
    inProcessNearlyDue: f.inProcessNearlyDue,
    inProcessOverdue: f.inProcessOverdue,
    lateRate: r4(f.lateRate),
    onTimeRate: r4(f.onTimeRate),
    avgProcessingDays: r2(f.avgProcessingDays),
    p90ProcessingDays: f.p90ProcessingDays,
    satisfiedShare: r4(f.satisfiedShare),
    complaints: f.complaints,
    qd766Total: f.qd766Total,
    qd766OutOf: f.qd766OutOf,
  }
}

/** The JSON body (exported for tests and for other routes that embed it). */
export function kpiJson(s: KpiSummary) {
  return {
    commune: s.commune,
    province: s.province,
    from: s.from,
    to: s.to,
    synthetic: s.synthetic,
    stockAsOf: s.stockAsOf,
    ...figures(s),
    ageing: s.ageing,
    satisfaction: {
      levels: s.satisfaction.ratings.levels,
      rated: s.satisfaction.ratings.rated,
      satisfiedShare: r4(s.satisfaction.ratings.satisfiedShare),
      land: {
        levels: s.satisfaction.landRatings.levels,
        rated: s.satisfaction.landRatings.rated,
        satisfiedShare: r4(s.satisfaction.landRatings.satisfiedShare),
      },
    },
    complaintsDetail: {
      total: s.complaintsDetail.total,
      handled: s.complaintsDetail.handled,
      onTime: s.complaintsDetail.onTime,
      overdue: s.complaintsDetail.overdue,
      byClass: s.complaintsDetail.byClass,
      byCategory: s.complaintsDetail.byCategory,
      land: s.complaintsDetail.land,
    },
    overload: s.overload,
    staffRequired: s.staffRequired,
    staffAssigned: s.staffAssigned,
    equipmentGapVnd: s.equipmentGapVnd,
    qd766: {
      groups: s.qd766.groups,
      total: s.qd766.total,
      maxComputed: s.qd766.maxComputed,
      share: r4(s.qd766.share),
      groupMax: s.qd766.groupMax,
      notComputed: s.qd766.notComputed,
      metrics: s.qd766.lines.map((l) => ({
        code: l.code,
        group: l.group,
        numerator: l.numerator,
        denominator: l.denominator,
        rate: r4(l.rate),
        points: l.points,
        max: l.max,
      })),
    },
    previous: { from: s.previous.from, to: s.previous.to, ...figures(s.previous) },
    lastYear: { from: s.lastYear.from, to: s.lastYear.to, ...figures(s.lastYear) },
    targets: Object.fromEntries(
      Object.entries(s.targets).map(([k, t]) => [
        k,
        { target: t.target, direction: t.direction, source: t.source, value: r4(t.value), met: t.met },
      ]),
    ),
    errors: s.errors,
  }
}

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

export async function loader({ request }: LoaderFunctionArgs) {
  // access: the express gate applies app/auth/policy.ts ('kpi.read'; a commune user only for their own
  // `commune`, refused otherwise) before this runs; the route-level guard goes here
  // (e.g. `await requirePermission(request, 'kpi.read')` + requireCommuneAccess when `commune` is set).
  await requireRouteAccess(request) // the same policy, applied again here (accounts): 401/403 JSON
  const url = new URL(request.url)
  const unknown = [...url.searchParams.keys()].filter((k) => !KNOWN.has(k))
  if (unknown.length) return json({ error: 'bad_request', message: `tham số không hợp lệ / unknown parameter: ${unknown.join(', ')}` }, 400)
  let commune: string | undefined
  let from: string
  let to: string
  try {
    commune = CommuneParam.parse(url.searchParams.get('commune') || undefined)
    ;({ from, to } = parsePeriodParams(url.searchParams))
  } catch (e) {
    if (e instanceof z.ZodError) {
      const issues = e.issues.map((i) => ({ param: i.path.join('.') || 'commune', message: i.message }))
      return json({ error: 'bad_request', message: issues.map((i) => `${i.param}: ${i.message}`).join('; '), issues }, 400)
    }
    throw e
  }
  try {
    const stores = await getStores()
    // One computation per (province, commune, period) until the data change (ADR 039).
    const summary = await memoAnswer(
      'api.kpi',
      [stores.config.PROVINCE_CODE, commune ?? null, from, to],
      () => getKpiSummary(stores, { commune, from, to }),
      (s) => Object.keys(s.errors).length === 0,
    )
    return json(kpiJson(summary))
  } catch (e) {
    if (e instanceof KpiNotFoundError) return json({ error: 'not_found', message: e.message }, 404)
    // The client went away and its reads were aborted (ADR 027): no one to answer, nothing to report.
    if (request.signal.aborted) return json({ error: 'aborted' }, 503)
    console.error('api/v1/kpi', e)
    return json({ error: 'internal', message: 'không tính được chỉ số / the KPIs could not be computed' }, 500)
  }
}
