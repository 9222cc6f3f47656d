/**
 * Biểu 06 / 06a on screen, laid out as the paper form (and as the XLSX): form number and national motto, the
 * title, period and reporting unit, the three header rows as the form groups them with the column numbers,
 * one row per commune, the total row, the identities and the signature block. The table scrolls inside its
 * frame on a narrow screen; the page itself never does.
 */
import { useT } from '~/root'
import type { Bieu06 } from '../bieu06'
import { Bieu06Heading, Bieu06Signatures, Bieu06Table } from './Bieu06Parts'

export function Bieu06Sheet({
  report,
  today,
  synthetic,
  rowHref,
}: {
  report: Bieu06
  today: string
  synthetic: boolean
  rowHref?: (code: string) => string
}) {
  const t = useT()
  return (
    <div className="b06-sheet" data-testid="bieu06">
      <Bieu06Heading report={report} synthetic={synthetic} />
      <Bieu06Table report={report} rowHref={rowHref} />
      <p className="small muted">{t('b06.notes')}</p>
      <Bieu06Signatures place={report.place} today={today} />
    </div>
  )
}
