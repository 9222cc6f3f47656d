/**
 * The commune chair's home (issue 18, issue 14 item 4): their figures beside the province's average with
 * their rank, and their worklist — overdue and nearly-due dossiers grouped by the officer handling them.
 * Every count opens the dossiers behind it.
 */
import { Link } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { fmtDate, fmtInt } from '~/i18n/format'
import { formatter } from '~/components/format'
import { Card, ResultView } from '~/components/states/States'
import { DrillLink } from '~/components/table/DrillLink'
import type { DossierClass } from '~/lib/drill'
import type { CommuneHome as Home, HomeFigure, HomeKpi } from '~/dashboard/commune-home.server'
import type { DossierItem, OfficerWork } from '~/kpi/dossiers.server'

const LABEL: Record<HomeKpi, string> = {
  received: 'kpi.received',
  in_process_overdue: 'kpi.overdue_open',
  late_rate: 'kpi.late_rate',
  on_time_rate: 'kpi.on_time_rate',
  satisfied_share: 'kpi.satisfied_share',
  complaints: 'sat.complaints',
  qd766_total: 'kpi.qd766_total',
}
const KIND: Record<HomeKpi, 'int' | 'pct' | 'score'> = {
  received: 'int',
  in_process_overdue: 'int',
  late_rate: 'pct',
  on_time_rate: 'pct',
  satisfied_share: 'pct',
  complaints: 'int',
  qd766_total: 'score',
}
const DRILL: Partial<Record<HomeKpi, DossierClass>> = {
  received: 'received',
  in_process_overdue: 'in_process_overdue',
  complaints: 'complained',
}
/** Dossiers shown per officer and bucket before "and N more". */
const SHOWN = 3

function CompareTable({ home, range, figures }: { home: Home; range: { from: string; to: string }; figures: HomeFigure[] }) {
  const t = useT()
  const lang = useLang()
  const avgFmt = (k: HomeKpi) => formatter(KIND[k] === 'int' ? 'num' : KIND[k], lang)
  return (
    <div className="table-wrap">
      <table className="data compare-table" data-testid="home-compare">
        <thead>
          <tr>
            <th scope="col">{t('home.figure')}</th>
            <th scope="col" className="num">
              {home.name}
            </th>
            <th scope="col" className="num">
              {t('home.provinceAvg')}
            </th>
            <th scope="col" className="num">
              {t('home.rank')}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => {
            const own = formatter(KIND[f.kpi], lang)(f.value)
            const cls = DRILL[f.kpi]
            return (
              <tr key={f.kpi} data-kpi={f.kpi}>
                <th scope="row">{t.code(LABEL[f.kpi])}</th>
                <td className="num">
                  {cls && f.value !== null ? (
                    <DrillLink commune={home.code} range={range} cls={cls}>
                      {own}
                    </DrillLink>
                  ) : (
                    own
                  )}
                </td>
                <td className="num">{avgFmt(f.kpi)(f.provinceAvg)}</td>
                <td className="num" data-rank={f.rank ?? ''}>
                  {f.rank === null ? '—' : t('home.rankOf', { rank: f.rank, n: f.ranked })}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function Bucket({ items, label }: { items: DossierItem[]; label: string }) {
  const t = useT()
  const lang = useLang()
  if (items.length === 0) return null
  return (
    <div>
      <h4 className="small">
        {label} ({fmtInt(items.length, lang)})
      </h4>
      <ul className="worklist-items">
        {items.slice(0, SHOWN).map((d) => (
          <li key={d.dossierId}>
            <strong>{d.dossierId}</strong> · {d.procedureName} · {t('drill.due')} {fmtDate(d.dueDay || null, lang)}
            {d.overdueDays > 0 ? ` · ${t('home.workingDays', { n: d.overdueDays })}` : ''}
          </li>
        ))}
        {items.length > SHOWN ? <li className="muted">{t('home.moreInList', { n: items.length - SHOWN })}</li> : null}
      </ul>
    </div>
  )
}

function OfficerCard({ w }: { w: OfficerWork }) {
  const t = useT()
  return (
    <div className="worklist-officer" data-officer={w.officerId}>
      <h3>{w.officerName ?? (w.officerId || t('drill.noOfficer'))}</h3>
      <Bucket items={w.overdue} label={t('home.overdue')} />
      <Bucket items={w.nearlyDue} label={t('home.nearlyDue')} />
    </div>
  )
}

export function CommuneHome({ home, range }: { home: Home; range: { from: string; to: string } }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <p className="no-print" data-commune={home.code}>
        <Link to={`/communes/${home.code}`} data-testid="my-commune-link">
          {t('home.myCommune')}: {home.name} →
        </Link>
      </p>
      <Card title={t('home.worklistTitle')} id="worklist">
        <ResultView result={home.worklist} what={t('home.worklistTitle')}>
          {(w) => {
            const today = { from: w.asOf, to: w.asOf }
            return (
              <>
                <p data-testid="worklist-summary">
                  {t('home.worklistAsOf')} {fmtDate(w.asOf, lang)}: {t('home.overdue')}{' '}
                  <DrillLink commune={home.code} range={today} cls="in_process_overdue">
                    <strong data-value={w.overdue}>{fmtInt(w.overdue, lang)}</strong>
                  </DrillLink>{' '}
                  · {t('home.nearlyDue')}{' '}
                  <DrillLink commune={home.code} range={today} cls="in_process_nearly_due">
                    <strong data-value={w.nearlyDue}>{fmtInt(w.nearlyDue, lang)}</strong>
                  </DrillLink>
                </p>
                {w.byOfficer.length === 0 ? (
                  <p className="state state-empty">{t('home.worklistEmpty')}</p>
                ) : (
                  <div className="worklist-grid">
                    {w.byOfficer.map((o) => (
                      <OfficerCard key={o.officerId || '-'} w={o} />
                    ))}
                  </div>
                )}
              </>
            )
          }}
        </ResultView>
      </Card>
      <Card title={t('home.compareTitle')} id="compare">
        <ResultView result={home.compare} what={t('home.compareTitle')}>
          {(figures) => <CompareTable home={home} range={range} figures={figures} />}
        </ResultView>
      </Card>
    </>
  )
}
