/** The head of a report page: its title in the browser tab and the print style sheet of the official sheets. */
import type { LinksFunction, MetaFunction } from '@remix-run/node'
import reportCss from './report.css?url'

export const reportMeta =
  (title: string): MetaFunction =>
  () => [{ title: `${title} — Một Cửa KPI` }]

export const reportLinks: LinksFunction = () => [{ rel: 'stylesheet', href: reportCss }]
