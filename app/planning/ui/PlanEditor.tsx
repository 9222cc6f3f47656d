/**
 * A draft plan's moves, editable: change a destination, a secondment's length or the field covered, remove
 * a move, add one. Every edit re-evaluates at once (a fetcher posting intent=evaluate, which runs
 * `evaluatePlan` on the server) and the effect tables follow; "save" writes the edited list to the draft.
 */
import { useEffect, useRef, useState } from 'react'
import { useFetcher } from '@remix-run/react'
import { useCsrf } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fieldName } from '~/i18n/messages'
import type { Move, Violation } from '../model'
import type { SlimEvaluation } from '../planner.server'
import { CommuneEffect, ProvinceEffect } from './EffectTables'
import type { ActionResult } from '~/dashboard/forms'
import { AddMoveForm } from './AddMoveForm'
import { MovesTable } from './MovesTable'
import { officerIndex, type EditOptions, type MoveLabels } from './plan-edit'
import { ViolationsAlert } from './ViolationsAlert'

type EvalResult = ActionResult<{ evaluation?: SlimEvaluation }>

export function PlanEditor({
  planId,
  initialMoves,
  initial,
  options,
  names,
  editable,
  officerNames = {},
}: {
  planId: number
  initialMoves: Move[]
  initial: SlimEvaluation
  options: EditOptions | null
  names: Record<string, string>
  editable: boolean
  /** Officer id → name for moves whose officer is not among the edit options (an accepted plan). */
  officerNames?: Record<string, string>
}) {
  const t = useT()
  const lang = useLang()
  const csrf = useCsrf()
  const evaluator = useFetcher<EvalResult>()
  const [moves, setMoves] = useState<Move[]>(initialMoves)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) return void (first.current = false)
    evaluator.submit({ intent: 'evaluate', plan: String(planId), moves: JSON.stringify(moves), csrf }, { method: 'post' })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moves])
  const data = evaluator.data
  const evaluation = (data?.ok ? data.evaluation : undefined) ?? initial
  const who = officerIndex(options)
  const field = (f: string) => fieldName(lang, f)
  const labels: MoveLabels = {
    name: (code) => (code ? (names[code] ?? code) : t('pl.province')),
    field,
    skills: (s) => s.map(field).join(', '),
  }
  const update = (i: number, patch: Partial<Move>) => setMoves((ms) => ms.map((m, k) => (k === i ? { ...m, ...patch } : m)))
  const remove = (i: number) => setMoves((ms) => ms.filter((_, k) => k !== i))

  return (
    <>
      <ProvinceEffect e={evaluation} />
      <p className="muted small" aria-live="polite">
        {evaluator.state !== 'idle' ? t('plan.evaluating') : ''}
      </p>
      <ViolationsAlert violations={evaluation.violations as Violation[]} />
      <h3>{t('plan.moves')}</h3>
      {moves.length === 0 ? (
        <p className="state state-empty">{t('plan.noMoves')}</p>
      ) : (
        <MovesTable
          moves={moves}
          who={who}
          options={options}
          labels={labels}
          editable={editable}
          officerNames={officerNames}
          onUpdate={update}
          onRemove={remove}
        />
      )}
      {editable && options ? (
        <AddMoveForm
          planId={planId}
          moves={moves}
          who={who}
          options={options}
          labels={labels}
          onAdd={(m) => setMoves((ms) => [...ms, m])}
        />
      ) : null}
      <h3>{t('plan.perCommune')}</h3>
      <CommuneEffect e={evaluation} names={names} />
    </>
  )
}
