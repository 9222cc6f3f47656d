/** A saved staffing plan on its page: how it was made, its moves and effect (PlanEditor), the decision draft, accept or discard. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { Card } from '~/components/states/States'
import { useLang, useT } from '~/root'
import { fmtDate, fmtDateTime, fmtNum } from '~/i18n/format'
import { worseCommunes, type WorseCommune } from '../decision'
import type { planView } from '../planner.server'
import { PlanEditor } from './PlanEditor'

type PlanView = Awaited<ReturnType<typeof planView>>

export function PlanCard({
  v,
  names,
  canEdit,
  canAccept,
  busy,
}: {
  v: PlanView
  names: Record<string, string>
  canEdit: boolean
  canAccept: boolean
  busy: boolean
}) {
  const t = useT()
  const lang = useLang()
  return (
    <Card title={`${v.plan.title} — ${t.code(`pl.status.${v.plan.status}`)}`} id="plan">
      <p className="muted small">
        {t('plan.start')}: {fmtDate(v.params.start, lang)} · {t('plan.horizon')}: {v.params.horizonDays} ·{' '}
        {t.code(`plan.method.${v.params.method ?? 'greedy+local'}`)}
        {v.options?.noIntake ? ` · ${v.options.noIntake} ${t('plan.noIntake')}` : ''}
      </p>
      <p className="muted small">
        {t('plan.model')} {t('plan.guarantee')}: {t.code(`plan.guarantee.${v.params.method ?? 'greedy+local'}`)}.
      </p>
      <PlanEditor
        planId={v.plan.id}
        initialMoves={v.moves}
        initial={v.evaluation}
        options={v.options}
        names={names}
        editable={canEdit && v.plan.status === 'draft'}
        officerNames={v.officerNames}
      />
      <p className="no-print">
        <a href={`/staffing/plan/${v.plan.id}/docx`} download data-testid="decision-docx">
          {t('plan.decisionDocx')}
        </a>
      </p>
      {v.plan.status === 'draft' && canAccept ? <AcceptPlanForm v={v} names={names} busy={busy} /> : null}
      {v.plan.status === 'draft' && canEdit ? <DiscardPlanForm planId={v.plan.id} busy={busy} /> : null}
      {v.plan.status === 'accepted' ? (
        <p>
          {t('pl.reason')}: {v.plan.reason} — {v.plan.acceptedBy}, {fmtDateTime(v.plan.acceptedAt, lang)}
        </p>
      ) : null}
    </Card>
  )
}

/** Accepting a draft: a reason, the communes it makes worse to acknowledge, then the assignments are written. */
function AcceptPlanForm({ v, names, busy }: { v: PlanView; names: Record<string, string>; busy: boolean }) {
  const t = useT()
  return (
    <Form method="post" className="form-grid no-print" data-testid="accept-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="accept" />
      <input type="hidden" name="plan" value={v.plan.id} />
      <label>
        {t('plan.acceptReason')}
        <textarea name="reason" required minLength={3} rows={2} />
      </label>
      <WorseWarning worse={worseCommunes(v.evaluation)} names={names} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('plan.accept')}
      </button>
    </Form>
  )
}

/** Discarding a draft. */
function DiscardPlanForm({ planId, busy }: { planId: number; busy: boolean }) {
  const t = useT()
  return (
    <Form method="post" className="no-print">
      <CsrfInput />
      <input type="hidden" name="intent" value="discard" />
      <input type="hidden" name="plan" value={planId} />
      <button type="submit" className="btn btn-danger" disabled={busy}>
        {t('plan.discard')}
      </button>
    </Form>
  )
}

/** Before accepting: the communes the plan makes worse (predicted late dossiers up), to acknowledge with a tick. */
function WorseWarning({ worse, names }: { worse: WorseCommune[]; names: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  if (!worse.length) return null
  return (
    <div className="flash flash-warn" role="alert" data-testid="worse-warning" style={{ gridColumn: '1 / -1' }}>
      <strong>{t('plan.worseTitle', { n: worse.length })}</strong>
      <ul className="reasons">
        {worse.map((c) => (
          <li key={c.code}>
            {names[c.code] ?? c.code}: {t('plan.lateBeforeAfter')} {fmtNum(c.lateBefore, 1, lang)} → {fmtNum(c.lateAfter, 1, lang)}
          </li>
        ))}
      </ul>
      <label className="inline">
        <input type="checkbox" name="acknowledgeWorse" required /> {t('plan.worseAcknowledge')}
      </label>
    </div>
  )
}
