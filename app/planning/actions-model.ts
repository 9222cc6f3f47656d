/** Shared by the actions page (client) and app/planning/actions.server.ts: departments and statuses. */
export const DEPARTMENTS = ['leadership', 'home_affairs', 'finance', 'it', 'commune'] as const
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export type Department = (typeof DEPARTMENTS)[number]

/** Who usually acts on a KPI (a suggestion the form can change). */
export const DEFAULT_DEPARTMENT: Record<string, Department> = {
  utilisation: 'home_affairs',
  late_rate: 'home_affairs',
  on_time_rate: 'home_affairs',
  overdue_open: 'commune',
  harassment_complaints: 'home_affairs',
  satisfied_share: 'commune',
}
