/** Rejected records counted by reason, in words ("Đơn vị không xác định: 12"): the import's and the re-run's result. */
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { reasonText } from './rejects'

export function ReasonCounts({ counts, className }: { counts: Record<string, number>; className?: string }) {
  const t = useT()
  const lang = useLang()
  return (
    <ul className={className}>
      {Object.entries(counts).map(([k, v]) => (
        <li key={k}>
          {reasonText(t, k)}: {fmtInt(v, lang)}
        </li>
      ))}
    </ul>
  )
}
