/** The dashboard's pages, in menu order, with the permission each needs (links a viewer cannot open are hidden; the server still enforces). */
import type { Permission } from '../../auth/permissions.ts'

export interface NavItem {
  to: string
  /** i18n key */
  label: string
  perm: Permission
  /** Pages with no commune dimension: a commune-only user cannot open them. */
  provinceWide?: boolean
}

export const NAV: NavItem[] = [
  { to: '/', label: 'nav.overview', perm: 'kpi.read' },
  { to: '/staffing', label: 'nav.staffing', perm: 'kpi.read', provinceWide: true },
  { to: '/staffing/plan', label: 'nav.staffingPlan', perm: 'kpi.read', provinceWide: true },
  { to: '/equipment', label: 'nav.equipment', perm: 'kpi.read', provinceWide: true },
  { to: '/equipment/budget', label: 'nav.budget', perm: 'kpi.read', provinceWide: true },
  { to: '/satisfaction', label: 'nav.satisfaction', perm: 'kpi.read', provinceWide: true },
  { to: '/qd766', label: 'nav.qd766', perm: 'kpi.read', provinceWide: true },
  { to: '/actions', label: 'nav.actions', perm: 'kpi.read' },
  { to: '/reports/bieu06', label: 'nav.bieu06', perm: 'reports.read' },
  { to: '/reports', label: 'nav.reports', perm: 'reports.read' },
  { to: '/reports/reconcile766', label: 'nav.reconcile766', perm: 'reports.read', provinceWide: true },
  { to: '/data', label: 'nav.data', perm: 'data.read', provinceWide: true },
  { to: '/settings', label: 'nav.settings', perm: 'settings.edit', provinceWide: true },
  { to: '/admin/users', label: 'nav.admin', perm: 'users.manage', provinceWide: true },
]
