/**
 * /reports — scheduled reports (issue #18 item 3, ADR 030): each department's weekly or monthly subscription
 * (its pages rendered to PDF by the `reports` job, stored, mailed when SMTP is set) and the stored PDFs to
 * download. A user subscribes for a department whose role they hold (a commune user: their own commune); IT
 * can ask the job to run now. Every change is audited. access: reports.read.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { eq } from 'drizzle-orm'
import { auditRequest, requireAction, requirePermission, type AuthUser } from '~/auth/guard.server'
import { CsrfInput } from '~/auth/components'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { Card } from '~/components/states/States'
import { Flash } from '~/components/forms/FormBits'
import type { ActionResult } from '~/dashboard/forms'
import { DEPARTMENTS, DEPARTMENT_PAGES, FREQUENCIES, type Department } from '~/reports/scheduled'
import { listReports } from '~/reports/scheduled.server'
import { reportSubscriptions } from '../../db/pg/schema/index.ts'
import { isJobBusy, jobControl } from '../../db/job-control.ts'
import { useLang, useT } from '~/root'
import { fmtDate, fmtDateTime, fmtInt } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Báo cáo định kỳ — Một Cửa KPI' }]

/** The departments `user` may subscribe for: those whose role they hold (admin: all). */
function ownDepartments(user: AuthUser): Department[] {
  if (user.roles.includes('admin')) return [...DEPARTMENTS]
  return DEPARTMENTS.filter((d) => user.roles.includes(DEPARTMENT_PAGES[d].role))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'reports.read')
  const stores = await getStores()
  const communeOnly = user.roles.includes('commune') && user.roles.length === 1 ? user.communeCode : null
  const [shell, reports] = await Promise.all([loadShell(stores), listReports(stores, communeOnly)])
  return {
    shell,
    ...reports,
    departments: ownDepartments(user),
    communeCode: user.communeCode,
    canRun: can(user, 'data.import'),
    smtp: Boolean(stores.config.SMTP_URL),
  }
}

const SubscribeSchema = z.object({
  department: z.enum(DEPARTMENTS, { message: 'form.invalid' }),
  frequency: z.enum(FREQUENCIES, { message: 'form.invalid' }),
  email: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim() : null),
    z
      .string()
      .max(500, { message: 'form.tooLong' })
      .refine((v) => v.split(',').every((a) => /^[^\s@,]+@[^\s@,]+$/.test(a.trim())), { message: 'reports.badEmail' })
      .nullable(),
  ),
})

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, form } = await requireAction(request, 'reports.read')
  const stores = await getStores()
  const intent = String(form.get('intent') ?? '')
  if (intent === 'subscribe') {
    const p = SubscribeSchema.safeParse(Object.fromEntries(form))
    if (!p.success)
      return {
        ok: false,
        intent,
        error: p.error.issues[0]!.message,
        fieldErrors: { [String(p.error.issues[0]!.path[0])]: p.error.issues[0]!.message },
      }
    if (!ownDepartments(user).includes(p.data.department)) return { ok: false, intent, error: 'reports.notYours' }
    const communeCode = p.data.department === 'commune' ? user.communeCode : null
    if (p.data.department === 'commune' && !communeCode) return { ok: false, intent, error: 'reports.notYours' }
    const [row] = await stores.pg.db
      .insert(reportSubscriptions)
      .values({ ...p.data, communeCode, createdBy: user.email })
      .returning({ id: reportSubscriptions.id })
    await auditRequest(request, user, 'report.subscribe', String(row!.id), { ...p.data, communeCode })
    return { ok: true, intent, message: 'reports.subscribed' }
  }
  if (intent === 'unsubscribe') {
    const id = Number(form.get('id'))
    const [sub] = await stores.pg.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, id))
    if (
      !sub ||
      !ownDepartments(user).includes(sub.department as Department) ||
      (sub.communeCode && sub.communeCode !== user.communeCode && !user.roles.includes('admin'))
    )
      return { ok: false, intent, error: 'reports.notYours' }
    await stores.pg.db.delete(reportSubscriptions).where(eq(reportSubscriptions.id, id))
    await auditRequest(request, user, 'report.unsubscribe', String(id), { department: sub.department, frequency: sub.frequency })
    return { ok: true, intent, message: 'reports.unsubscribed' }
  }
  if (intent === 'run' && can(user, 'data.import')) {
    try {
      const s = await jobControl(stores).run('reports', 'ui')
      await auditRequest(request, user, 'job.run', 'reports', { loaded: s.loaded, rejected: s.rejected })
      return { ok: true, intent, message: 'reports.ran' }
    } catch (e) {
      return { ok: false, intent, error: isJobBusy(e) ? 'reports.busy' : (e as Error).message }
    }
  }
  return { ok: false, intent, error: 'form.invalid' }
}

export default function Reports() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  return (
    <Layout shell={d.shell} title={t('nav.reports')} subtitle={t('reports.subtitle')}>
      <Flash result={result} />
      <Card title={t('reports.subscriptions')} id="subscriptions">
        <p className="muted small">{d.smtp ? t('reports.smtpOn') : t('reports.smtpOff')}</p>
        {d.subscriptions.length === 0 ? (
          <p className="muted">{t('reports.noSubscriptions')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" data-testid="subscriptions-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.department')}</th>
                  <th scope="col">{t('reports.frequency')}</th>
                  <th scope="col">{t('reports.pages')}</th>
                  <th scope="col">{t('reports.email')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {d.subscriptions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {t.code(`reports.dept.${s.department}`)}
                      {s.communeCode ? ` (${s.communeCode})` : ''}
                    </th>
                    <td>{t.code(`reports.freq.${s.frequency}`)}</td>
                    <td className="small">{DEPARTMENT_PAGES[s.department as Department].pages.join(', ')}</td>
                    <td className="small">{s.email ?? '—'}</td>
                    <td>
                      {d.departments.includes(s.department as Department) ? (
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="unsubscribe" />
                          <input type="hidden" name="id" value={s.id} />
                          <button type="submit" className="btn btn-small">
                            {t('reports.unsubscribe')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.departments.length ? <SubscribeForm departments={d.departments} /> : null}
        {d.canRun ? (
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="run" />
            <button type="submit" className="btn" data-testid="reports-run">
              {t('reports.runNow')}
            </button>
          </Form>
        ) : null}
      </Card>
      <StoredReports files={d.files} subscriptions={d.subscriptions} />
    </Layout>
  )
}

function SubscribeForm({ departments }: { departments: readonly Department[] }) {
  const t = useT()
  return (
    <Form method="post" className="form-grid" aria-label={t('reports.subscribe')}>
      <CsrfInput />
      <input type="hidden" name="intent" value="subscribe" />
      <label>
        <span>{t('reports.department')}</span>
        <select name="department" required>
          {departments.map((dep) => (
            <option key={dep} value={dep}>
              {t.code(`reports.dept.${dep}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.frequency')}</span>
        <select name="frequency">
          {FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t.code(`reports.freq.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.email')}</span>
        <input type="text" name="email" inputMode="email" placeholder="ten@quangtri.gov.vn" />
      </label>
      <div>
        <button type="submit" className="btn btn-primary">
          {t('reports.subscribe')}
        </button>
      </div>
    </Form>
  )
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>

function StoredReports({ files, subscriptions }: { files: Loaded['files']; subscriptions: Loaded['subscriptions'] }) {
  const t = useT()
  const lang = useLang()
  const byId = new Map(subscriptions.map((s) => [s.id, s]))
  const d = { files }
  return (
    <Card title={t('reports.stored')} id="stored">
      {d.files.length === 0 ? (
        <p className="muted">{t('reports.noFiles')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="report-files">
            <thead>
              <tr>
                <th scope="col">{t('reports.period')}</th>
                <th scope="col">{t('reports.department')}</th>
                <th scope="col" className="num">
                  {t('reports.pageCount')}
                </th>
                <th scope="col" className="hide-sm">
                  {t('reports.made')}
                </th>
                <th scope="col">{t('reports.email')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {d.files.map((f) => {
                const s = byId.get(f.subscriptionId)
                return (
                  <tr key={f.id}>
                    <th scope="row" className="nowrap">
                      {fmtDate(f.periodFrom, lang)} – {fmtDate(f.periodTo, lang)}
                    </th>
                    <td>{s ? t.code(`reports.dept.${s.department}`) : '—'}</td>
                    <td className="num">{fmtInt(f.pages, lang)}</td>
                    <td className="hide-sm nowrap">{fmtDateTime(f.createdAt, lang)}</td>
                    <td className="small">{f.emailedTo ?? t('reports.notMailed')}</td>
                    <td>
                      <a href={`/reports/file/${f.id}`} download>
                        {t('reports.download')} (PDF, {fmtInt(Math.ceil(f.bytes / 1024), lang)} KB)
                      </a>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
