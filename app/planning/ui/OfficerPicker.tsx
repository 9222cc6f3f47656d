/** The plan editor's officer choice: a search box (name or commune) over the officers grouped by commune. */
import { useState } from 'react'
import { useT } from '~/root'

type PickOfficer = { id: string; name: string; commune: string | null; skills: readonly string[] }

/** The officer choice: a search box (name or commune) over a list grouped by commune (not one flat list of 329). */
export function OfficerPicker({
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
