/** The predicted effect of a staffing plan: province before/after tiles and the per-commune table. */
import { useState } from 'react'
import { useLang, useT } from '~/root'
import { fmtInt, fmtNum, fmtPct } from '~/i18n/format'
import type { SlimEvaluation } from '../planner.server'

type Cell = number | null
const arrowClass = (b: Cell, a: Cell, lowerBetter = true) =>
  b === null || a === null || Math.abs(a - b) < 1e-9 ? '' : a < b === lowerBetter ? 'delta-good' : 'delta-bad'

function BeforeAfter({ b, a, fmt, lowerBetter = true }: { b: Cell; a: Cell; fmt: (x: Cell) => string; lowerBetter?: boolean }) {
  return (
    <span className={arrowClass(b, a, lowerBetter)}>
      {fmt(b)} → <strong>{fmt(a)}</strong>
    </span>
  )
}

export function ProvinceEffect({ e }: { e: SlimEvaluation }) {
  const t = useT()
  const lang = useLang()
  const b = e.before.province
  const a = e.after.province
  const tile = (id: string, label: string, node: React.ReactNode) => (
    <div className="tile" data-kpi={id} role="group" aria-label={label}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{node}</div>
    </div>
  )
  return (
    <div className="tiles" data-testid="province-effect">
      {tile('late', t('plan.late'), <BeforeAfter b={b.late} a={a.late} fmt={(x) => fmtNum(x, 1, lang)} />)}
      {tile('lateOfOpen', t('plan.lateOfOpen'), <BeforeAfter b={b.lateOfOpen} a={a.lateOfOpen} fmt={(x) => fmtNum(x, 1, lang)} />)}
      {tile('wait', t('plan.wait'), <BeforeAfter b={b.meanWaitMinutes} a={a.meanWaitMinutes} fmt={(x) => fmtNum(x, 1, lang)} />)}
      {tile('util', t('plan.util'), <BeforeAfter b={b.utilisation} a={a.utilisation} fmt={(x) => fmtPct(x, 0, lang)} />)}
      {tile('overdue', t('plan.alreadyOverdue'), <span>{fmtInt(a.alreadyOverdue, lang)}</span>)}
    </div>
  )
}

export function CommuneEffect({ e, names }: { e: SlimEvaluation; names: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  const [all, setAll] = useState(false)
  const rows = e.before.communes.map((b, i) => ({ b, a: e.after.communes[i]! }))
  const shown = all
    ? rows
    : rows.filter(({ b, a }) => b.heads !== a.heads || (b.late ?? 0) > 0.05 || (a.late ?? 0) > 0.05 || b.fte !== a.fte)
  shown.sort((x, y) => (y.b.late ?? 0) - (x.b.late ?? 0) || x.b.code.localeCompare(y.b.code))
  return (
    <>
      <p className="no-print">
        <button type="button" className="btn" onClick={() => setAll((v) => !v)} aria-pressed={all}>
          {all ? t('plan.changedOnly') : t('plan.showAll')}
        </button>
      </p>
      <div className="table-wrap">
        <table className="data" data-testid="commune-effect">
          <thead>
            <tr>
              <th scope="col">{t('pl.commune')}</th>
              <th scope="col" className="num">
                {t('plan.heads')}
              </th>
              <th scope="col" className="num">
                {t('plan.late')}
              </th>
              <th scope="col" className="num">
                {t('plan.wait')}
              </th>
              <th scope="col" className="num hide-sm">
                {t('plan.util')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ b, a }) => (
              <tr key={b.code} data-commune={b.code}>
                <th scope="row">{names[b.code] ?? b.code}</th>
                <td className="num">
                  <BeforeAfter b={b.heads} a={a.heads} fmt={(x) => fmtInt(x, lang)} lowerBetter={false} />
                </td>
                <td className="num">
                  <BeforeAfter b={b.late} a={a.late} fmt={(x) => fmtNum(x, 1, lang)} />
                </td>
                <td className="num">
                  <BeforeAfter b={b.meanWaitMinutes} a={a.meanWaitMinutes} fmt={(x) => fmtNum(x, 1, lang)} />
                </td>
                <td className="num hide-sm">
                  <BeforeAfter b={b.utilisation} a={a.utilisation} fmt={(x) => fmtPct(x, 0, lang)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
