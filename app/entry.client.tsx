/**
 * The browser entry: Remix's default (hydrate the document in a transition, StrictMode), with one difference.
 * The overview streams its sparklines after the first paint (a Suspense boundary around a deferred promise).
 * When the user changes something that re-renders the page (the map's indicator, a language switch) before
 * that stream has arrived, React 18 cannot finish hydrating the boundary and renders it on the client instead
 * (React error 421). Nothing is lost — the table is rendered again from the same data — so that one case is
 * reported as a warning; every other recoverable error is still reported as an error.
 */
import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'

const UPDATED_BEFORE_HYDRATED = /received an update before it finished hydrating|Minified React error #421/

function onRecoverableError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  if (UPDATED_BEFORE_HYDRATED.test(message)) console.warn(`[hydration] ${message}`)
  else console.error(error)
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
    { onRecoverableError },
  )
})
