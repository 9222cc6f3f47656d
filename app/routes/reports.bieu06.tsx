/**
 * Biểu 06 — the official periodic report on receiving and resolving administrative procedures, for any period:
 * every commune and the province total (leadership, departments, IT), or Biểu 06a for one centre (a commune
 * user always gets their own; others by `?commune=`). Same figures as GET /api/v1/reports/bieu06 and the KPI
 * API; the XLSX for filing is that API with format=xlsx. Period from/to as dd/mm/yyyy (works without
 * JavaScript); the default is the last whole month.
 * access: reports.read (a commune user: their own commune only — the gate refuses another `commune`).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { reach } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout, PrintButton } from '~/components/layout/Layout'
import { Card, ResultView } from '~/components/states/States'
import { attempt } from '~/components/states/result'
import { KpiNotFoundError } from '~/kpi/scope.server'
import { todayVn } from '~/kpi/period'
import { getBieu06 } from '~/reports/bieu06.server'
import { quickPeriods, reportPeriod, toDmy } from '~/reports/period'
import { Bieu06Sheet } from '~/reports/ui/Bieu06Sheet'
import { reportLinks, reportMeta } from '~/reports/ui/head'
import { useT } from '~/root'

export const meta = reportMeta('Biểu 06')
export const links = reportLinks

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'reports.read')
  const url = new URL(request.url)
  const r = reach(user, 'reports.read')
  const asked = url.searchParams.get('commune')
  const commune = r !== null && r !== 'all' ? r.commune : asked && /^\d{5}$/.test(asked) ? asked : undefined
  const today = todayVn()
  const period = reportPeriod(url.searchParams, today)
  const stores = await getStores()
  const [shell, report] = await Promise.all([
    loadShell(stores),
    attempt('bieu06', async () => {
      try {
        return await getBieu06(stores, { commune, from: period.from, to: period.to })
      } catch (e) {
        if (e instanceof KpiNotFoundError) throw new Response(e.message, { status: 404 })
        throw e
      }
    }),
  ])
  return { shell, period, report, today, commune: commune ?? null, province: r === 'all', quick: quickPeriods(today) }
}

export default function Bieu06Page() {
  const { shell, period, report, today, commune, province, quick } = useLoaderData<typeof loader>()
  const t = useT()
  const { search } = useLocation() // the form remounts on each navigation: the inputs show the period read
  const q = (p: { from: string; to: string }) => `?from=${p.from}&to=${p.to}${commune && province ? `&commune=${commune}` : ''}`
  const api = `/api/v1/reports/bieu06${q(period)}`
  return (
    <Layout
      shell={shell}
      title={commune ? t('b06.formNoA') : t('nav.bieu06')}
      subtitle={commune ? t('b06.subtitleA') : t('b06.subtitle')}
      actions={<PrintButton />}
    >
      {commune && province ? (
        <p className="no-print">
          <Link to={`/reports/bieu06?from=${period.from}&to=${period.to}`}>← {t('b06.province')}</Link>
          {' · '}
          <Link to={`/communes/${commune}`}>{report.ok ? (report.data.rows[0]?.name ?? commune) : commune}</Link>
        </p>
      ) : null}
      <Card title={t('b06.period')} id="period" className="no-print">
        <Form method="get" className="b06-periods" key={search}>
          {commune && province ? <input type="hidden" name="commune" value={commune} /> : null}
          <label>
            {t('b06.from')}
            <input
              name="from"
              defaultValue={toDmy(period.from)}
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              aria-describedby="b06-date-hint"
            />
          </label>
          <label>
            {t('b06.to')}
            <input
              name="to"
              defaultValue={toDmy(period.to)}
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              aria-describedby="b06-date-hint"
            />
          </label>
          <button type="submit" className="btn btn-primary">
            {t('b06.show')}
          </button>
          <a className="btn" href={`${api}&format=xlsx`} download data-export="xlsx">
            {t('b06.downloadXlsx')}
          </a>
        </Form>
        <p id="b06-date-hint" className={period.invalid ? 'field-error' : 'muted small'} role={period.invalid ? 'alert' : undefined}>
          {period.invalid ? t('b06.badDate') : t('b06.dateHint')}
        </p>
        <nav className="b06-quick small" aria-label={t('b06.period')}>
          {quick.map((p) => (
            <Link key={p.key} to={q(p)} aria-current={p.from === period.from && p.to === period.to}>
              {t.code(p.key)}
            </Link>
          ))}
          <a href={api} className="muted">
            {t('b06.json')}
          </a>
        </nav>
      </Card>
      <Card title={t('b06.sheet')} id="report">
        <ResultView result={report} what={t('nav.bieu06')}>
          {(r) => (
            <Bieu06Sheet
              report={r}
              today={today}
              synthetic={shell.synthetic}
              rowHref={province && !commune ? (code) => `/reports/bieu06?from=${r.from}&to=${r.to}&commune=${code}` : undefined}
            />
          )}
        </ResultView>
      </Card>
    </Layout>
  )
}
