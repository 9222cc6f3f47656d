/** Below a draft's moves: add a move (an officer, then a destination within reach) and save the edited list. */
import { useState } from 'react'
import { useFetcher } from '@remix-run/react'
import { useCsrf } from '~/auth/components'
import { useT } from '~/root'
import type { ActionResult } from '~/dashboard/forms'
import type { Move } from '../model'
import type { SlimEvaluation } from '../planner.server'
import { OfficerPicker } from './OfficerPicker'
import type { EditOptions, MoveLabels, PlanOfficer } from './plan-edit'

type EvalResult = ActionResult<{ evaluation?: SlimEvaluation }>

interface AddMoveProps {
  planId: number
  moves: Move[]
  who: Map<string, PlanOfficer>
  options: EditOptions
  labels: MoveLabels
  onAdd: (m: Move) => void
}

/** The move an officer makes to `dest`: a provincial official goes on secondment (their available days, else 20). */
function newMove(picked: PlanOfficer, dest: string): Move {
  const sec = picked.commune === null
  return {
    officerId: picked.id,
    from: picked.commune,
    to: dest,
    kind: sec ? 'secondment' : 'move',
    ...(sec ? { days: picked.availableDays ?? 20 } : {}),
  }
}

export function AddMoveForm({ planId, moves, who, options, labels, onAdd }: AddMoveProps) {
  const t = useT()
  const { name, skills } = labels
  const used = new Set(moves.map((m) => m.officerId))
  const [pick, setPick] = useState('')
  const [dest, setDest] = useState('')
  const picked = pick ? who.get(pick) : undefined
  const destOptions = picked ? (picked.commune ? (options.reach[picked.commune] ?? []) : options.communes.map((c) => c.code)) : []
  const add = () => {
    if (!picked || !dest) return
    onAdd(newMove(picked, dest))
    setPick('')
    setDest('')
  }
  return (
    <div className="form-grid no-print" data-testid="add-move">
      <label>
        {t('plan.officer')}
        <OfficerPicker
          officers={options.officers.filter((o) => !used.has(o.id))}
          provincial={options.provincial.filter((o) => !used.has(o.id)).map((o) => ({ ...o, commune: null }))}
          value={pick}
          communeName={name}
          skills={skills}
          onPick={(id) => {
            setPick(id)
            setDest('')
          }}
        />
      </label>
      <label>
        {t('plan.to')}
        <select value={dest} onChange={(e) => setDest(e.target.value)} disabled={!picked}>
          <option value="">—</option>
          {destOptions.map((c) => (
            <option key={c} value={c}>
              {name(c)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn" onClick={add} disabled={!picked || !dest}>
        {t('plan.add')}
      </button>
      <SaveEditsForm planId={planId} moves={moves} />
    </div>
  )
}

/** "Save the edits": posts the edited move list to the draft (intent=save) and says how it went. */
function SaveEditsForm({ planId, moves }: { planId: number; moves: Move[] }) {
  const t = useT()
  const csrf = useCsrf()
  const saver = useFetcher<EvalResult>()
  return (
    <saver.Form method="post">
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="plan" value={planId} />
      <input type="hidden" name="moves" value={JSON.stringify(moves)} />
      <button type="submit" className="btn btn-primary" disabled={saver.state !== 'idle'}>
        {t('plan.saveEdits')}
      </button>
      {saver.data && 'message' in saver.data && saver.data.ok ? (
        <span className="muted small"> {t.code(saver.data.message ?? '')}</span>
      ) : null}
      {saver.data && !saver.data.ok && 'error' in saver.data ? (
        <span className="field-error small" role="alert">
          {' '}
          {saver.data.error}
        </span>
      ) : null}
    </saver.Form>
  )
}
