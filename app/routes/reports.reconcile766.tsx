/**
 * Đối chiếu 766 — the national portal's published 766 figures per commune and metric (uploaded by the IT role:
 * the portal's JSON, or a CSV/XLSX) beside our own for the same period, with the difference; differences beyond
 * rounding are highlighted and exportable (/export/reconcile766). Stored in Postgres; every upload audited.
 * access: page reports.read (a commune user sees their own commune's rows); upload reconcile.upload (IT).
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { auditRequest, requireAction, requirePermission, scopeCommunes } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { Card, ResultView } from '~/components/states/States'
import { attempt } from '~/components/states/result'
import { fmtDate, fmtDateTime } from '~/i18n/format'
import { todayVn } from '~/kpi/period'
import { compareUpload, listUploads, ReconcileError, saveUpload } from '~/reports/reconcile.server'
import type { Skipped } from '~/reports/reconcile-parse'
import { parseReportDate, reportPeriod } from '~/reports/period'
import { reportLinks, reportMeta } from '~/reports/ui/head'
import { ReconcileTable, ReconcileUpload } from '~/reports/ui/ReconcileViews'
import { useLang, useT } from '~/root'

export const meta = reportMeta('Đối chiếu 766')
export const links = reportLinks

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'reports.read')
  const url = new URL(request.url)
  const stores = await getStores()
  const [shell, list] = await Promise.all([loadShell(stores), listUploads(stores)])
  const uploads = list.map((u) => ({ ...u, skipped: u.skipped as Skipped[] }))
  const asked = Number(url.searchParams.get('upload'))
  const selected = uploads.find((u) => u.id === asked) ?? uploads[0] ?? null
  const onlyDiff = url.searchParams.get('only') === 'diff'
  const comparison = selected
    ? await attempt('reconcile766', async () => {
        const c = (await compareUpload(stores, selected.id, scopeCommunes(user, 'reports.read')))!
        return { ...c, rows: onlyDiff ? c.rows.filter((r) => r.status === 'different') : c.rows }
      })
    : null
  const period = reportPeriod(new URLSearchParams(), todayVn())
  return { shell, uploads, selected: selected?.id ?? null, comparison, onlyDiff, canUpload: can(user, 'reconcile.upload'), period }
}

type Result = { ok: false; error: string }

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, 'reconcile.upload')
  if (form.get('intent') !== 'upload') return data<Result>({ ok: false, error: 'form.invalid' }, { status: 400 })
  const from = parseReportDate(String(form.get('from') ?? ''))
  const to = parseReportDate(String(form.get('to') ?? ''))
  if (!from || !to || from > to) return data<Result>({ ok: false, error: 'rc.badPeriod' }, { status: 400 })
  const files = form.getAll('file').filter((f): f is File => f instanceof File && f.size > 0)
  const stores = await getStores()
  try {
    const saved = await saveUpload(stores, {
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
      from,
      to,
      by: user.email,
    })
    await auditRequest(request, user, 'reconcile.upload', String(saved.id), {
      files: files.map((f) => f.name),
      from,
      to,
      figures: saved.figures,
      skipped: saved.skipped.length,
    })
    return redirect(`/reports/reconcile766?upload=${saved.id}`)
  } catch (e) {
    if (e instanceof ReconcileError) return data<Result>({ ok: false, error: e.message }, { status: 400 })
    throw e
  }
}

export default function Reconcile766Page() {
  const { shell, uploads, selected, comparison, onlyDiff, canUpload, period } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const sel = uploads.find((u) => u.id === selected)
  const base = `/reports/reconcile766?upload=${selected ?? ''}`
  return (
    <Layout shell={shell} title={t('nav.reconcile766')} subtitle={t('rc.subtitle')}>
      {canUpload ? <ReconcileUpload error={result && !result.ok ? result.error : null} period={period} /> : null}
      <Card title={t('rc.uploads')} id="uploads">
        {uploads.length === 0 ? (
          <p className="muted">{t('rc.noUploads')}</p>
        ) : (
          <ul className="b06-quick" data-testid="uploads">
            {uploads.map((u) => (
              <li key={u.id}>
                <Link to={`/reports/reconcile766?upload=${u.id}`} aria-current={u.id === selected}>
                  #{u.id} · {fmtDate(u.periodFrom, lang)}–{fmtDate(u.periodTo, lang)} · {u.fileName}
                </Link>{' '}
                <span className="muted small">
                  ({fmtDateTime(u.uploadedAt, lang)}, {u.uploadedBy})
                </span>
              </li>
            ))}
          </ul>
        )}
        {sel && sel.skipped.length ? (
          <details className="small" data-testid="skipped">
            <summary>{t('rc.skippedN', { n: sel.skipped.length })}</summary>
            <ul>
              {sel.skipped.map((s, i) => (
                <li key={i}>
                  {s.unit}
                  {s.metric ? ` · ${s.metric}` : ''}: {t.code(`rc.reason.${s.reason}`)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>
      {comparison ? (
        <Card
          title={sel ? `${t('rc.title')} · ${fmtDate(sel.periodFrom, lang)}–${fmtDate(sel.periodTo, lang)}` : t('rc.title')}
          id="comparison"
          actions={
            <span className="export-links">
              <Link to={onlyDiff ? base : `${base}&only=diff`}>{onlyDiff ? t('rc.all') : t('rc.onlyDiff')}</Link> · {t('dash.export')}:{' '}
              <a href={`/export/reconcile766${search ? `${search}&` : `?upload=${selected}&`}format=xlsx`} download data-export="xlsx">
                Excel
              </a>{' '}
              ·{' '}
              <a href={`/export/reconcile766${search ? `${search}&` : `?upload=${selected}&`}format=csv`} download data-export="csv">
                CSV
              </a>
            </span>
          }
        >
          <ResultView result={comparison} what={t('rc.title')}>
            {(c) => (
              <>
                <p data-testid="rc-summary">{t('rc.summary', c.summary)}</p>
                <p className="muted small">{t('rc.rule')}</p>
                <ReconcileTable rows={c.rows} />
              </>
            )}
          </ResultView>
        </Card>
      ) : null}
    </Layout>
  )
}
