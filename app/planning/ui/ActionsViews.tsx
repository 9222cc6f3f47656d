/** The actions page's tables: the actions with their KPI then and now, and the breaches that can become one. */
import { DayInput } from '~/components/forms/DayInput'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtDate, fmtNum, fmtPct } from '~/i18n/format'
import { alertKpiName } from '~/i18n/messages'
import type { ActionRow, Breach } from '../actions.server'
import { ACTION_STATUSES as STATUSES, DEFAULT_DEPARTMENT as DEFAULT_DEPT, DEPARTMENTS } from '../actions-model'

/** How each alert KPI's value is written (app/kpi/alerts.server.ts ALERT_KPI_UNIT); its name is `alertKpiName`. */
type Units = Record<string, 'ratio' | 'count'>
function useKpi(units: Units) {
  const lang = useLang()
  const label = (k: string) => alertKpiName(lang, k)
  const value = (k: string, v: number | null) =>
    v === null ? '—' : units[k] === 'ratio' ? fmtPct(v, 1, lang) : fmtNum(v, v % 1 === 0 ? 0 : 2, lang)
  return { label, value }
}

/** An action's goal as "≤ 10,0 %" / "≥ 90,0 %", or a dash. */
function goalText(a: ActionRow, k: ReturnType<typeof useKpi>): string {
  return a.goal ? `${a.goal.direction === 'lower_better' ? '≤' : '≥'} ${k.value(a.kpi, a.goal.value)}` : '—'
}

/** Whether the figure recovered since the action opened, and whether it improved. */
function Progress({ a }: { a: ActionRow }) {
  const t = useT()
  return (
    <div className="small">
      {a.recovered === null ? (
        <span className="muted">{t('actions.unknown')}</span>
      ) : (
        <span className={`level ${a.recovered ? 'level-normal' : 'level-watch'}`}>
          {a.recovered ? t('actions.recovered') : t('actions.notRecovered')}
        </span>
      )}
      {a.improved !== null ? (
        <span className={a.improved ? 'delta-good' : 'delta-bad'}> {a.improved ? t('actions.improved') : t('actions.worse')}</span>
      ) : null}
    </div>
  )
}

export function ActionsTable({ rows, units, canEdit, busy }: { rows: ActionRow[]; units: Units; canEdit: boolean; busy: boolean }) {
  const t = useT()
  const lang = useLang()
  const k = useKpi(units)
  return (
    <div className="table-wrap">
      <table className="data cards-sm" data-testid="actions-table">
        <thead>
          <tr>
            <th scope="col">{t('pl.commune')}</th>
            <th scope="col">{t('actions.kpi')}</th>
            <th scope="col">{t('actions.titleField')}</th>
            <th scope="col">{t('actions.department')}</th>
            <th scope="col">{t('actions.due')}</th>
            <th scope="col">{t('pl.status')}</th>
            <th scope="col" className="num">
              {t('actions.valueAtOpen')}
            </th>
            <th scope="col" className="num">
              {t('actions.valueNow')}
            </th>
            <th scope="col" className="num">
              {t('actions.goal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-action={a.id}>
              <th scope="row">{a.communeName ?? t('pl.province')}</th>
              <td data-label={t('actions.kpi')}>{k.label(a.kpi)}</td>
              <td data-label={t('actions.titleField')}>
                {a.title}
                {a.owner ? (
                  <div className="muted small">
                    {t('actions.owner')}: {a.owner}
                  </div>
                ) : null}
              </td>
              <td data-label={t('actions.department')}>{t.code(`actions.dept.${a.department}`)}</td>
              <td data-label={t('actions.due')}>
                {fmtDate(a.dueDate, lang)}
                {a.overdue ? (
                  <>
                    {' '}
                    <span className="level level-critical">{t('actions.overdue')}</span>
                  </>
                ) : null}
              </td>
              <td data-label={t('pl.status')}>
                {canEdit ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="status" />
                    <input type="hidden" name="id" value={a.id} />
                    <select name="status" defaultValue={a.status} aria-label={t('pl.status')}>
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`actions.status.${s}`)}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" className="btn" disabled={busy}>
                      {t('actions.setStatus')}
                    </button>
                  </Form>
                ) : (
                  t.code(`actions.status.${a.status}`)
                )}
              </td>
              <td className="num" data-label={t('actions.valueAtOpen')}>
                {k.value(a.kpi, a.valueAtOpen)}
              </td>
              <td className="num" data-label={t('actions.valueNow')}>
                {k.value(a.kpi, a.valueNow)}
                <Progress a={a} />
              </td>
              <td className="num" data-label={t('actions.goal')}>
                {goalText(a, k)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function BreachesTable({ rows, units, canEdit, busy }: { rows: Breach[]; units: Units; canEdit: boolean; busy: boolean }) {
  const t = useT()
  const k = useKpi(units)
  return (
    <div className="table-wrap">
      <table className="data" data-testid="breaches-table">
        <thead>
          <tr>
            <th scope="col">{t('pl.commune')}</th>
            <th scope="col">{t('actions.kpi')}</th>
            <th scope="col" className="num">
              {t('actions.value')}
            </th>
            <th scope="col">{t('actions.source')}</th>
            {canEdit ? <th scope="col">{t('actions.assign')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={`${b.communeCode}-${b.kpi}-${b.source.kind}`} data-commune={b.communeCode} data-kpi={b.kpi}>
              <td>{b.communeName}</td>
              <td>{k.label(b.kpi)}</td>
              <td className="num">{k.value(b.kpi, b.value)}</td>
              <td>
                {b.source.kind === 'alert' ? (
                  <>
                    <span className={`level level-${b.source.level}`}>{t(`alert.${b.source.level}`)}</span>{' '}
                    {k.value(b.kpi, b.source.threshold)}
                  </>
                ) : (
                  <>
                    {t('actions.source.target')} {b.source.direction === 'lower_better' ? '≤' : '≥'} {k.value(b.kpi, b.source.target)}
                  </>
                )}
              </td>
              {canEdit ? (
                <td>
                  {b.openActionId !== null ? (
                    <span className="muted">
                      {t('actions.alreadyAssigned')} (#{b.openActionId})
                    </span>
                  ) : (
                    <details className="assign">
                      <summary className="btn">{t('actions.assign')}</summary>
                      <Form method="post" className="form-grid">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="create" />
                        <input type="hidden" name="communeCode" value={b.communeCode} />
                        <input type="hidden" name="kpi" value={b.kpi} />
                        {b.source.kind === 'alert' ? <input type="hidden" name="alertId" value={b.source.alertId} /> : null}
                        <label>
                          {t('actions.titleField')}
                          <input
                            name="title"
                            required
                            minLength={3}
                            maxLength={300}
                            defaultValue={`${k.label(b.kpi)} — ${b.communeName}`}
                          />
                        </label>
                        <label>
                          {t('actions.department')}
                          <select name="department" defaultValue={DEFAULT_DEPT[b.kpi] ?? 'leadership'}>
                            {DEPARTMENTS.map((d) => (
                              <option key={d} value={d}>
                                {t(`actions.dept.${d}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <label>
                          {t('actions.owner')}
                          <input name="owner" maxLength={200} />
                        </label>
                        <label>
                          {t('actions.due')}
                          <DayInput name="dueDate" />
                        </label>
                        <button type="submit" className="btn btn-primary" disabled={busy}>
                          {t('actions.assign')}
                        </button>
                      </Form>
                    </details>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
