/** "Excel | CSV" download links for a table (resource routes under /export). */
import { useT } from '~/root'

export function ExportLinks({ href }: { href: string }) {
  const t = useT()
  const sep = href.includes('?') ? '&' : '?'
  return (
    <span className="export-links">
      {t('dash.export')}:{' '}
      <a href={`${href}${sep}format=xlsx`} download data-export="xlsx">
        Excel
      </a>{' '}
      ·{' '}
      <a href={`${href}${sep}format=csv`} download data-export="csv">
        CSV
      </a>
    </span>
  )
}
