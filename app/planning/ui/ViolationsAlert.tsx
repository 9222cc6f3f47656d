/** The rules a plan breaks (a move's number first when the rule is about one move), as an alert. */
import { useT } from '~/root'
import type { Violation } from '../model'

export function ViolationsAlert({ violations }: { violations: Violation[] }) {
  const t = useT()
  if (violations.length === 0) return null
  return (
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
  )
}
