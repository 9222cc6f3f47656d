/**
 * A draft plan's moves, editable: change a destination, a secondment's length or the field covered, remove
 * a move, add one. Every edit re-evaluates at once (a fetcher posting intent=evaluate, which runs
 * `evaluatePlan` on the server) and the effect tables follow; "save" writes the edited list to the draft.
 */
import { useEffect, useRef, useState } from 'react'
import { useFetcher } from '@remix-run/react'
import { useCsrf } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { fieldName } from '~/i18n/messages'
import type { Move, Violation } from '../model'
import type { SlimEvaluation, editOptions } from '../planner.server'
import { CommuneEffect, ProvinceEffect } from './EffectTables'
import type { ActionResult } from '~/dashboard/forms'

type Options = ReturnType<typeof editOptions>
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
  options: Options | null
  names: Record<string, string>
  editable: boolean
  /** Officer id → name for moves whose officer is not among the edit options (an accepted plan). */
  officerNames?: Record<string, string>
}) {
  const t = useT()
  const lang = useLang()
  const csrf = useCsrf()
  const evaluator = useFetcher<EvalResult>()
  const saver = useFetcher<EvalResult>()
  const [moves, setMoves] = useState<Move[]>(initialMoves)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) return void (first.current = false)
    evaluator.submit({ intent: 'evaluate', plan: String(planId), moves: JSON.stringify(moves), csrf }, { method: 'post' })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moves])
  const data = evaluator.data
  const evaluation = (data?.ok ? data.evaluation : undefined) ?? initial
  const who = new Map([
    ...(options?.officers ?? []).map((o) => [o.id, o] as const),
    ...(options?.provincial ?? []).map((o) => [o.id, { ...o, commune: null }] as const),
  ])
  const used = new Set(moves.map((m) => m.officerId))
  const update = (i: number, patch: Partial<Move>) => setMoves((ms) => ms.map((m, k) => (k === i ? { ...m, ...patch } : m)))
  const name = (code: string | null) => (code ? (names[code] ?? code) : t('pl.province'))
  const field = (f: string) => fieldName(lang, f)
  const skills = (s: readonly string[]) => s.map(field).join(', ')
  const violations = evaluation.violations as Violation[]

  const [pick, setPick] = useState('')
  const [dest, setDest] = useState('')
  const picked = pick ? who.get(pick) : undefined
  const destOptions = picked ? (picked.commune ? (options!.reach[picked.commune] ?? []) : options!.communes.map((c) => c.code)) : []
  const add = () => {
    if (!picked || !dest) return
    const sec = picked.commune === null
    setMoves((ms) => [
      ...ms,
      {
        officerId: picked.id,
        from: picked.commune,
        to: dest,
        kind: sec ? 'secondment' : 'move',
        ...(sec ? { days: (picked as { availableDays?: number }).availableDays ?? 20 } : {}),
      },
    ])
    setPick('')
    setDest('')
  }

  return (
    <>
      <ProvinceEffect e={evaluation} />
      <p className="muted small" aria-live="polite">
        {evaluator.state !== 'idle' ? t('plan.evaluating') : ''}
      </p>
      {violations.length > 0 && (
        <div className="flash flash-error" role="alert" data-testid="violations">
          <strong>{t('plan.violations')}:</strong>
          <ul>
            {violations.map((v, i) => (
              <li key={i}>
                {v.moveIndex !== null ? `#${v.moveIndex + 1}: ` : ''}
                {v.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('plan.moves')}</h3>
      {moves.length === 0 ? (
        <p className="state state-empty">{t('plan.noMoves')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="moves">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('plan.officer')}</th>
                <th scope="col">{t('plan.kind')}</th>
                <th scope="col">{t('plan.from')}</th>
                <th scope="col">{t('plan.to')}</th>
                <th scope="col" className="num">
                  {t('plan.days')}
                </th>
                <th scope="col">{t('plan.field')}</th>
                {editable ? (
                  <th scope="col">
                    <span className="sr-only">{t('plan.remove')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {moves.map((m, i) => {
                const o = who.get(m.officerId)
                const targets =
                  m.kind === 'move'
                    ? m.from
                      ? (options?.reach[m.from] ?? [m.to])
                      : [m.to]
                    : (options?.communes.map((c) => c.code) ?? [m.to])
                return (
                  <tr key={`${m.officerId}-${i}`} data-officer={m.officerId}>
                    <td>{fmtInt(i + 1, lang)}</td>
                    <td>
                      {o?.name ?? officerNames[m.officerId] ?? m.officerId}
                      <div className="muted small">{o ? skills(o.skills) : null}</div>
                    </td>
                    <td>{t(`plan.kind.${m.kind}`)}</td>
                    <td>{name(m.from)}</td>
                    <td>
                      {editable ? (
                        <select aria-label={t('plan.to')} value={m.to} onChange={(e) => update(i, { to: e.target.value })}>
                          {[...new Set([m.to, ...targets])].map((c) => (
                            <option key={c} value={c}>
                              {name(c)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        name(m.to)
                      )}
                    </td>
                    <td className="num">
                      {m.kind === 'secondment' ? (
                        editable ? (
                          <input
                            aria-label={t('plan.days')}
                            type="number"
                            min={1}
                            max={120}
                            size={4}
                            value={m.days ?? 1}
                            onChange={(e) => update(i, { days: Math.max(1, Number(e.target.value) || 1) })}
                          />
                        ) : (
                          fmtInt(m.days ?? null, lang)
                        )
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {editable ? (
                        <select
                          aria-label={t('plan.field')}
                          value={m.field ?? ''}
                          onChange={(e) => update(i, { field: e.target.value || undefined })}
                        >
                          <option value="">—</option>
                          {(options?.fields ?? []).map((f) => (
                            <option key={f} value={f}>
                              {field(f)}
                            </option>
                          ))}
                        </select>
                      ) : m.field ? (
                        field(m.field)
                      ) : (
                        '—'
                      )}
                    </td>
                    {editable ? (
                      <td>
                        <button type="button" className="btn btn-danger" onClick={() => setMoves((ms) => ms.filter((_, k) => k !== i))}>
                          {t('plan.remove')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {editable && options ? (
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
        </div>
      ) : null}
      <h3>{t('plan.perCommune')}</h3>
      <CommuneEffect e={evaluation} names={names} />
    </>
  )
}

type PickOfficer = { id: string; name: string; commune: string | null; skills: readonly string[] }

/** The officer choice: a search box (name or commune) over a list grouped by commune (not one flat list of 329). */
function OfficerPicker({
  officers,
  provincial,
  value,
  communeName,
  skills,
  onPick,
}: {
  officers: PickOfficer[]
  provincial: PickOfficer[]
  value: string
  communeName: (code: string | null) => string
  skills: (s: readonly string[]) => string
  onPick: (id: string) => void
}) {
  const t = useT()
  const [q, setQ] = useState('')
  const key = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
  const match = (o: PickOfficer) => !q || key(`${o.name} ${communeName(o.commune)}`).includes(key(q))
  const groups = new Map<string, PickOfficer[]>()
  for (const o of officers.filter(match)) groups.set(communeName(o.commune), [...(groups.get(communeName(o.commune)) ?? []), o])
  const sorted = [...groups].sort(([a], [b]) => a.localeCompare(b, 'vi'))
  const prov = provincial.filter(match)
  return (
    <>
      <input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('plan.officerSearch')}
        aria-label={t('plan.officerSearch')}
        data-testid="officer-search"
      />
      <select value={value} onChange={(e) => onPick(e.target.value)} data-testid="officer-pick">
        <option value="">— {t('plan.officerCount', { n: officers.filter(match).length + prov.length })} —</option>
        {[...sorted, ...(prov.length ? [[t('pl.province'), prov] as const] : [])].map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({skills(o.skills)})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </>
  )
}
