/**
 * Scheduled reports (issue #18 item 3, ADR 030): which pages each department's report holds and which period a
 * subscription is due for. Pure; the producer (scheduled.server.ts) renders and stores them.
 */
import { addDays } from '../../db/lib/workdays.ts'
import { periodOf, type Period } from '~/kpi/period'
import type { Role } from '~/auth/roles'

export const DEPARTMENTS = ['leadership', 'home_affairs', 'finance', 'it', 'commune'] as const
export type Department = (typeof DEPARTMENTS)[number]
export const FREQUENCIES = ['weekly', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

/** A department's pages (in order) and the role its service identity holds. `:code` is the subscription's commune. */
export const DEPARTMENT_PAGES: Record<Department, { role: Role; pages: string[] }> = {
  leadership: { role: 'leadership', pages: ['/', '/qd766', '/satisfaction'] },
  home_affairs: { role: 'home_affairs', pages: ['/staffing'] },
  finance: { role: 'finance', pages: ['/equipment'] },
  it: { role: 'it', pages: ['/data'] },
  commune: { role: 'commune', pages: ['/communes/:code'] },
}

/** The last whole period (week Monday–Sunday, or calendar month) that ended before `today`. */
export function duePeriod(frequency: Frequency, today: string): Period {
  return periodOf(frequency === 'weekly' ? 'week' : 'month', addDays(periodOf(frequency === 'weekly' ? 'week' : 'month', today).from, -1))
}

/** The page's address for a period: the pages read `period` + `at` (app/kpi/period.ts parsePeriodParams). */
export function pageUrl(page: string, period: Period, communeCode: string | null): string {
  const path = page.replace(':code', encodeURIComponent(communeCode ?? ''))
  const q = new URLSearchParams({ period: period.kind === 'month' ? 'month' : 'week', at: period.from })
  return `${path}?${q}`
}

/** A PDF's page count: the page objects Chromium writes (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length
}
