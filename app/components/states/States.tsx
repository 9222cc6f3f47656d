/** Loading, empty and error states, and the card that shows one of them or its content. */
import type { ReactNode } from 'react'
import { useT } from '~/root'
import type { Result } from './result'

export function ErrorState({ error, what }: { error?: string; what?: string }) {
  const t = useT()
  return (
    <div className="state state-error" role="alert">
      <strong>{t('dash.errorTitle')}</strong>
      {what ? ` — ${what}` : null}
      <div className="muted small">{t('dash.errorHint')}</div>
      {error ? (
        <details className="small">
          <summary>{t('dash.errorDetail')}</summary>
          <code>{error}</code>
        </details>
      ) : null}
    </div>
  )
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const t = useT()
  return <div className="state state-empty">{children ?? t('noData')}</div>
}

export function LoadingState() {
  const t = useT()
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      {t('dash.loading')}
    </div>
  )
}

interface CardProps {
  title: ReactNode
  id?: string
  actions?: ReactNode
  className?: string
  children?: ReactNode
}

export function Card({ title, id, actions, className, children }: CardProps) {
  const headingId = id ? `${id}-h` : undefined
  return (
    <section className={`card ${className ?? ''}`} id={id} aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        {actions ? <div className="card-actions no-print">{actions}</div> : null}
      </div>
      {children}
    </section>
  )
}

/** Renders `children(data)` when the read succeeded and is not empty; the matching state otherwise. */
export function ResultView<T>({
  result,
  what,
  isEmpty,
  empty,
  children,
}: {
  result: Result<T>
  what?: string
  isEmpty?: (data: T) => boolean
  empty?: ReactNode
  children: (data: T) => ReactNode
}) {
  if (!result.ok) return <ErrorState error={result.error} what={what} />
  if (isEmpty?.(result.data)) return <EmptyState>{empty}</EmptyState>
  return <>{children(result.data)}</>
}
