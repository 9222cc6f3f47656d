/**
 * GET /api/v1/reports/bieu06?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=json|xlsx][&commune=CODE] — Biểu 06 (every
 * commune of the province and the total) or, for a commune token or with `commune`, Biểu 06a (that one
 * centre). Same bearer tokens and scoping as GET /api/v1/kpi: a commune user gets only their own commune.
 * JSON `{ from, to, rows: [{ commune, name, toProcess, …, inProcessOverdue }], total, synthetic }`; XLSX laid
 * out for filing. 400 JSON on bad parameters, 404 for a commune outside the province. Documented in
 * docs/api/openapi.yaml.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireRouteAccess } from '~/auth/guard.server'
import { reach } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { langFromRequest } from '~/i18n/lang.server'
import { KpiNotFoundError } from '~/kpi/scope.server'
import { YmdSchema } from '~/kpi/period'
import { getBieu06 } from '~/reports/bieu06.server'
import { bieu06FileName, bieu06Workbook } from '~/reports/bieu06-xlsx.server'
import { BIEU06_KEYS, type Bieu06, type Bieu06Figures } from '~/reports/bieu06'

const Params = z
  .object({
    from: YmdSchema,
    to: YmdSchema,
    format: z.enum(['json', 'xlsx'], { error: 'format phải là json hoặc xlsx / format must be json or xlsx' }).default('json'),
    commune: z
      .string()
      .regex(/^\d{5}$/, 'commune phải là mã xã 5 chữ số / commune must be a 5-digit commune code')
      .optional(),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from phải trước hoặc bằng to / from must not be after to', path: ['from'] })

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

/** The JSON body (rows and total with the 11 figure columns, in the form's order). */
export function bieu06Json(r: Bieu06, synthetic: boolean) {
  const pick = (f: Bieu06Figures) => Object.fromEntries(BIEU06_KEYS.map((k) => [k, f[k]]))
  return {
    from: r.from,
    to: r.to,
    rows: r.rows.map((row) => ({ commune: row.commune, name: row.name, ...pick(row) })),
    total: pick(r.total),
    synthetic,
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = (await requireRouteAccess(request))!
  const url = new URL(request.url)
  const raw = Object.fromEntries(url.searchParams)
  const parsed = Params.safeParse(raw)
  if (!parsed.success || [...url.searchParams.keys()].length !== Object.keys(raw).length) {
    const issues = parsed.success
      ? [{ param: 'query', message: 'mỗi tham số chỉ một lần / each parameter once' }]
      : parsed.error.issues.map((i) => ({
          param: i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : 'query'),
          message: i.code === 'unrecognized_keys' ? 'tham số không hợp lệ / unknown parameter' : i.message,
        }))
    return json({ error: 'bad_request', message: issues.map((i) => `${i.param}: ${i.message}`).join('; '), issues }, 400)
  }
  const { from, to, format } = parsed.data
  // A commune user (token or session) gets their own commune's 06a; the gate refused any other commune.
  const r = reach(user, 'reports.read')
  const commune = r !== null && r !== 'all' ? r.commune : parsed.data.commune
  try {
    const stores = await getStores()
    const [report, shell] = await Promise.all([getBieu06(stores, { commune, from, to }), loadShell(stores)])
    if (format === 'json') return json(bieu06Json(report, shell.synthetic))
    const { lang } = langFromRequest(request)
    const body = await bieu06Workbook(report, { lang, synthetic: shell.synthetic })
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${bieu06FileName(report)}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (e) {
    if (e instanceof KpiNotFoundError) return json({ error: 'not_found', message: e.message }, 404)
    console.error('api/v1/reports/bieu06', e)
    return json({ error: 'internal', message: 'không lập được báo cáo / the report could not be built' }, 500)
  }
}
