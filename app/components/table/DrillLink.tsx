/** A count that opens the list of the dossiers behind it (issue 14 item 4). */
import type { ReactNode } from 'react'
import { Link } from '@remix-run/react'
import { drillHref, type DossierClass } from '~/lib/drill'
import { useT } from '~/root'

export function DrillLink({
  commune,
  range,
  cls,
  children,
}: {
  commune?: string | null
  range: { from: string; to: string }
  cls: DossierClass
  children: ReactNode
}) {
  const t = useT()
  return (
    <Link
      to={drillHref(commune, range, cls)}
      className="drill-link"
      data-drill={cls}
      title={`${t('drill.open')}: ${t(`drill.class.${cls}`)}`}
    >
      {children}
    </Link>
  )
}
