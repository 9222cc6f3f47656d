/**
 * Xã/phường — one commune's page: summary tiles, intake/completions/backlog over time (through the 1 July
 * 2025 merger), ageing, procedures and fields, staffing vs need, equipment vs norm, satisfaction and
 * complaints, the 766 breakdown line by line, training needs and alerts. An unknown commune is a 404; a
 * commune user may open only their own commune (403 otherwise).
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { canAccessCommune, requireCommuneAccess } from '~/auth/guard.server'
import { useActionOptions } from '~/planning/ui/action-options'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout, PrintButton } from '~/components/layout/Layout'
import { FilterBar } from '~/components/filters/FilterBar'
import { KpiTile } from '~/components/tiles/KpiTile'
import { KpiFigure } from '~/components/tiles/KpiFigure'
import { KpiInfo } from '~/components/tiles/KpiInfo'
import { Card, ResultView } from '~/components/states/States'
import { TableView } from '~/components/table/TableView'
import { BarsChart } from '~/components/charts/Charts'
import { FlowChart } from '~/components/commune/CommuneCharts'
import { SatisfactionSection } from '~/components/commune/SatisfactionSection'
import { OverloadBadge } from '~/components/overview/OverloadBadge'
import { AlertsList } from '~/components/overview/AlertsList'
import { formatter } from '~/components/format'
import { communeInfo, loadCommune } from '~/dashboard/commune.server'
import { MERGER_DAY } from '~/dashboard/constants'
import {
  equipmentTable,
  fieldRows,
  fieldsTable,
  historyRows,
  historyTable,
  proceduresTable,
  qd766Table,
  trainingTable,
} from '~/dashboard/commune.tables'
import { parseFilters, resolvePeriod } from '~/lib/url-filters'
import { CommuneMoves } from '~/components/commune/CommuneMoves'
import { communeMoves } from '~/planning/decision.server'
import { drillHref } from '~/lib/drill'
import { useLang, useT } from '~/root'
import { fmtDate, fmtInt, fmtNum } from '~/i18n/format'
import { sayReason } from '~/i18n/messages'
import type { OverloadReason } from '~/kpi/overload'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.commune.fullName ?? 'Xã'} — Một Cửa KPI` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const user = await requireCommuneAccess(request, code)
  const stores = await getStores()
  const commune = await communeInfo(stores, code)
  if (!commune) throw new Response('Không tìm thấy xã, phường này / unknown commune', { status: 404 })
  const filters = parseFilters(new URL(request.url).searchParams)
  const period = resolvePeriod(filters)
  const [shell, data, moves] = await Promise.all([loadShell(stores), loadCommune(stores, code, period), communeMoves(stores, code)])
  return { shell, commune, period, data, moves, canAct: canAccessCommune(user, code, 'actions.edit') }
}

export default function CommunePage() {
  const { shell, commune, period, data, moves, canAct } = useLoaderData<typeof loader>()
  const actionOptions = useActionOptions(canAct)
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const s = data.summary
  return (
    <Layout
      shell={shell}
      title={commune.fullName}
      subtitle={
        <>
          {t.code(commune.type)} · {t('population')}: {fmtInt(commune.population, lang)} · {t('area')}: {fmtNum(commune.areaKm2, 2, lang)}
          {commune.formedFrom.length ? (
            <>
              {' '}
              · {t('formedFrom')}: {commune.formedFrom.map((u) => u.name + (u.partial ? ` (${t('commune.partOf')})` : '')).join(', ')}
            </>
          ) : null}
        </>
      }
      actions={<PrintButton />}
    >
      <p className="no-print">
        <Link to={`/${search}`}>← {t('nav.overview')}</Link>
        {' · '}
        <Link to={`/reports/bieu06?commune=${commune.code}`} data-testid="bieu06a-link">
          {t('b06.openA')}
        </Link>
      </p>
      <FilterBar resolved={period} keep={[]} />
      <CommuneTiles />

      <div className="grid grid-2">
        <OverloadCard />
        <Card title={t('overview.alerts')} id="alerts">
          <ResultView result={data.alerts} what={t('overview.alerts')}>
            {(a) => <AlertsList alerts={a} createAction={actionOptions} />}
          </ResultView>
        </Card>
      </div>

      <Card title={t('commune.periodFlowTitle')} id="flow">
        <ResultView result={data.trend} what={t('commune.periodFlowTitle')} isEmpty={(p) => !p.some((x) => x.computed)}>
          {(p) => <FlowChart points={p} />}
        </ResultView>
      </Card>

      <HistoryCard />

      <div className="grid grid-2">
        <AgeingCard />
        <StaffingCard />
      </div>
      <CommuneMoves moves={moves} />

      <EquipmentCard />

      <Card title={t('nav.satisfaction')} id="satisfaction">
        <ResultView result={s} what={t('nav.satisfaction')}>
          {(d) => (
            <SatisfactionSection
              satisfaction={d.satisfaction}
              complaints={d.complaintsDetail}
              drill={{ commune: commune.code, range: period.current }}
            />
          )}
        </ResultView>
      </Card>

      <Qd766Card />

      <ProceduresCard />

      <TrainingCard />
    </Layout>
  )
}

/** The page's loader data (each section reads what it shows). */
const usePageData = () => useLoaderData<typeof loader>()

/** Formatters by kind of figure, in the viewer's language. */
function useFigures() {
  const lang = useLang()
  return {
    int: formatter('int', lang),
    pct: formatter('pct', lang),
    pp: formatter('pp', lang),
    score: formatter('score', lang),
    num: formatter('num', lang),
  }
}

/** The export link of one of the page's tables, with the page's period. */
function useExportHref() {
  const { commune } = usePageData()
  const { search } = useLocation()
  return (table: string) => `/export/communes/${commune.code}${search ? `${search}&` : '?'}table=${table}`
}

/** The summary tiles: each against the compared period and, where set, its target. */
function CommuneTiles() {
  const { commune, period, data } = usePageData()
  const t = useT()
  const f = useFigures()
  const s = data.summary
  const cmp = s.ok ? (period.compare === 'last_year' ? s.data.lastYear : s.data.previous) : null
  const tile = <K extends 'received' | 'inProcess' | 'inProcessOverdue' | 'onTimeRate' | 'satisfiedShare' | 'qd766Total'>(
    k: K,
    targetKpi?: string,
  ) =>
    s.ok
      ? {
          ok: true as const,
          data: { value: s.data[k], previous: cmp?.[k] ?? null, target: targetKpi ? (s.data.targets[targetKpi]?.target ?? null) : null },
        }
      : { ok: false as const, error: s.error }
  return (
    <section className="tiles" aria-label={t('overview.tiles')}>
      <KpiTile
        id="received"
        kpi="received"
        result={tile('received')}
        direction="neutral"
        format={f.int}
        href={drillHref(commune.code, period.current, 'received')}
      />
      <KpiTile
        id="backlog"
        kpi="backlog"
        result={tile('inProcess')}
        direction="lower_better"
        format={f.int}
        href={drillHref(commune.code, period.current, 'in_process')}
      />
      <KpiTile
        id="overdue"
        kpi="overdue_open"
        result={tile('inProcessOverdue')}
        direction="lower_better"
        format={f.int}
        href={drillHref(commune.code, period.current, 'in_process_overdue')}
      />
      <KpiTile
        id="onTime"
        kpi="on_time_rate"
        result={tile('onTimeRate', 'on_time_rate')}
        direction="higher_better"
        format={f.pct}
        formatDelta={f.pp}
        href="#procedures"
      />
      <KpiTile
        id="satisfied"
        kpi="satisfied_share"
        result={tile('satisfiedShare', 'satisfied_share')}
        direction="higher_better"
        format={f.pct}
        formatDelta={f.pp}
        href="#satisfaction"
      />
      <KpiTile
        id="qd766"
        kpi="qd766_total"
        result={s.ok ? { ok: true, data: period.compare === 'last_year' ? s.data.qd766Tiles.lastYear : s.data.qd766Tiles.previous } : s}
        direction="higher_better"
        format={f.score}
        href="#qd766"
      />
    </section>
  )
}

/** Capacity overload: the level, the one utilisation figure, and the reasons. */
function OverloadCard() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const s = data.summary
  return (
    <Card title={t('kpi.overload')} id="overload">
      <ResultView result={s} what={t('kpi.overload')}>
        {(d) =>
          d.overload ? (
            <>
              {/* div, not p: an ⓘ is a <details>, which a paragraph cannot hold (the browser would close the p). */}
              <div className="kpi-line">
                <OverloadBadge level={d.overload.level as 'normal' | 'watch' | 'overload'} /> <KpiInfo kpi="overload" />
              </div>
              <div className="kpi-line">
                <KpiFigure kpi="utilisation" value={d.overload.utilisation} />
              </div>
              {(d.overload.reasons as unknown as OverloadReason[]).length ? (
                <ul>
                  {(d.overload.reasons as unknown as OverloadReason[]).map((r) => (
                    <li key={r.code}>{sayReason(lang, 'overload.reason', r)}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('commune.noOverloadReason')}</p>
              )}
            </>
          ) : (
            <p className="state state-error">{d.errors.overload ?? t('dash.errorTitle')}</p>
          )
        }
      </ResultView>
    </Card>
  )
}

/** How long the open dossiers have waited, and the processing times. */
function AgeingCard() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const f = useFigures()
  const s = data.summary
  return (
    <Card title={t('commune.ageingTitle')} id="ageing">
      <ResultView result={s} what={t('commune.ageingTitle')}>
        {(d) => {
          const rows = [
            { b: t('commune.age0_5'), n: d.ageing.days0to5 },
            { b: t('commune.age6_10'), n: d.ageing.days6to10 },
            { b: t('commune.age11_20'), n: d.ageing.days11to20 },
            { b: t('commune.ageOver20'), n: d.ageing.over20 },
          ]
          return (
            <>
              <p className="muted small">
                {t('commune.ageingAsOf')} {fmtDate(d.ageing.asOf, lang)} · {t('dash.total')}: {f.int(d.ageing.total)}
              </p>
              <BarsChart
                data={rows}
                xKey="b"
                series={[{ key: 'n', label: t('commune.openDossiers') }]}
                label={t('commune.ageingTitle')}
                formatY={(v) => fmtInt(v, lang)}
                height={200}
                horizontal
              />
              <dl className="kv">
                {rows.map((r) => (
                  <div key={r.b} style={{ display: 'contents' }}>
                    <dt>{r.b}</dt>
                    <dd>{f.int(r.n)}</dd>
                  </div>
                ))}
                <dt>{t('commune.avgDays')}</dt>
                <dd>{f.num(d.avgProcessingDays)}</dd>
                <dt>{t('commune.p90Days')}</dt>
                <dd>{f.num(d.p90ProcessingDays)}</dd>
              </dl>
            </>
          )
        }}
      </ResultView>
    </Card>
  )
}

/** Staff needed against assigned, counter and back office, load per officer, the counter wait. */
function StaffingCard() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const f = useFigures()
  return (
    <Card title={t('commune.staffingTitle')} id="staffing">
      <ResultView result={data.staffing} what={t('commune.staffingTitle')}>
        {(st) => {
          const c = st.perCommune[0]
          const ld = data.load.ok ? data.load.data : null
          return c ? (
            <dl className="kv" data-testid="staffing-kv">
              <dt>{t('staff.required')}</dt>
              <dd data-value={c.required ?? ''}>{f.int(c.required)}</dd>
              <dt>{t('staff.assigned')}</dt>
              <dd data-value={c.assigned ?? ''}>{f.int(c.assigned)}</dd>
              <dt>{t('staff.gap')}</dt>
              <dd>
                {c.gap === null
                  ? '—'
                  : c.gap > 0
                    ? `${t('staff.short')} ${f.int(c.gap)}`
                    : c.gap < 0
                      ? `${t('staff.over')} ${f.int(-c.gap)}`
                      : t('staff.balanced')}
              </dd>
              <dt>{t('staff.counterStaff')}</dt>
              <dd>{f.int(c.counterStaff)}</dd>
              <dt>{t('staff.backOffice')}</dt>
              <dd>{f.num(c.backOfficeStaff)}</dd>
              <dt>{t('kpi.received_per_day')}</dt>
              <dd>{f.num(ld?.receivedPerWorkday ?? null)}</dd>
              <dt>{t('kpi.per_officer_per_day')}</dt>
              <dd>{f.num(ld?.perOfficerPerWorkday ?? null)}</dd>
              {ld?.queue ? (
                <>
                  <dt>{t('staff.meanWait')}</dt>
                  <dd>{ld.queue.meanWaitMinutes === null ? '—' : `${fmtNum(ld.queue.meanWaitMinutes, 1, lang)} ${t('staff.minutes')}`}</dd>
                </>
              ) : null}
            </dl>
          ) : null
        }}
      </ResultView>
    </Card>
  )
}

/** The 766 index line by line, with the total and each group. */
function Qd766Card() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const f = useFigures()
  const exp = useExportHref()
  const s = data.summary
  return (
    <Card title={t('q766.breakdownTitle')} id="qd766">
      <ResultView result={s} what={t('q766.breakdownTitle')}>
        {(d) => (
          <>
            <p>
              {t('kpi.qd766_total')}: <strong data-testid="qd766-total">{f.score(d.qd766.total)}</strong> / {f.score(d.qd766.maxComputed)}{' '}
              {t('q766.computable')} ·{' '}
              {d.qd766.groupInfo.map((g) => (
                <span key={g.code} className="q766-group">
                  {t(`q766.group.${g.code}`)}:{' '}
                  {g.points === null ? (
                    <span className="not-computed">{t('q766.notComputed')}</span>
                  ) : (
                    `${f.score(g.points)}/${f.score(g.computable)}`
                  )}
                  ;{' '}
                </span>
              ))}
            </p>
            <TableView
              id="qd766"
              table={qd766Table(lang, d.qd766.lines, [], d.qd766.groups)}
              rowKey={(l) => l.code}
              exportHref={exp('qd766')}
              hideSmall={['source']}
              render={{
                points: (l) => (l.points === null ? <span className="not-computed">{t('q766.notComputed')}</span> : f.score(l.points)),
              }}
            />
          </>
        )}
      </ResultView>
    </Card>
  )
}

/** The months before and after the 1 July 2025 merger: the chart, and the table behind it. */
function HistoryCard() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const exp = useExportHref()
  return (
    <Card
      title={t('commune.historyTitle')}
      id="history"
      actions={
        <a href={`${exp('history')}&format=xlsx`} download data-testid="history-xlsx">
          {t('dash.export')} Excel
        </a>
      }
    >
      <p className="muted small">{t('commune.historyHint')}</p>
      <ResultView result={data.history} what={t('commune.historyTitle')} isEmpty={(p) => !p.some((x) => x.computed)}>
        {(p) => (
          <>
            <FlowChart points={p} monthly mergerDay={MERGER_DAY} />
            <details>
              <summary>{t('commune.showTable')}</summary>
              <TableView
                id="history"
                table={historyTable(lang, historyRows(p), [])}
                exportHref={exp('history')}
                rowKey={(r) => `${r.from}_${r.to}`}
                totalsWindow={p.length ? { from: p[0]!.from, to: p[p.length - 1]!.to } : undefined}
              />
            </details>
          </>
        )}
      </ResultView>
    </Card>
  )
}

/** The commune's equipment against the norms. */
function EquipmentCard() {
  const { commune, data } = usePageData()
  const t = useT()
  const lang = useLang()
  const exp = useExportHref()
  return (
    <Card title={t('equip.linesTitle')} id="equipment">
      <ResultView result={data.equipment} what={t('equip.linesTitle')} isEmpty={(e) => e.lines.length === 0}>
        {(e) => (
          <TableView
            id="equipment"
            table={equipmentTable(
              lang,
              e.lines.filter((l) => l.commune === commune.code),
              [],
            )}
            exportHref={exp('equipment')}
            hideSmall={['basis', 'broken', 'unitPriceVnd']}
          />
        )}
      </ResultView>
    </Card>
  )
}

/** Fields and procedures: received, processed, late, supplements. */
function ProceduresCard() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const exp = useExportHref()
  return (
    <Card title={t('commune.proceduresTitle')} id="procedures">
      <ResultView result={data.procedures} what={t('commune.proceduresTitle')} isEmpty={(p) => p.items.length === 0}>
        {(p) => (
          <>
            <TableView id="fields" table={fieldsTable(lang, fieldRows(p.items), [])} />
            <h3>{t('commune.procedure')}</h3>
            <TableView
              id="procedures"
              table={proceduresTable(lang, p.items, [])}
              exportHref={exp('procedures')}
              hideSmall={['procedureCode', 'supplementRequested', 'late', 'newlyDevolved']}
            />
          </>
        )}
      </ResultView>
    </Card>
  )
}

/** Procedures whose late or supplement rates point to a training need. */
function TrainingCard() {
  const { data } = usePageData()
  const t = useT()
  const lang = useLang()
  const exp = useExportHref()
  return (
    <Card title={t('commune.trainingTitle')} id="training">
      <ResultView
        result={data.training}
        what={t('commune.trainingTitle')}
        isEmpty={(p) => p.items.length === 0}
        empty={t('commune.noTraining')}
      >
        {(p) => (
          <TableView
            id="training"
            table={trainingTable(lang, p.items, [], false)}
            exportHref={exp('training')}
            showTotals={false}
            hideSmall={['procedureCode', 'supplementRequested', 'late', 'newlyDevolved', 'fieldCode']}
          />
        )}
      </ResultView>
    </Card>
  )
}
