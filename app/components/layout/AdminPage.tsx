/** The frame of every admin page: the app's layout titled "Quản trị", the admin sub-menu, an optional help line and the action's error. */
import type { ReactNode } from 'react'
import { AdminNav } from '~/auth/components'
import { Layout } from '~/components/layout/Layout'
import type { Shell } from '~/dashboard/shell.server'
import { useT } from '~/root'

export function AdminPage({
  shell,
  current,
  help,
  error,
  children,
}: {
  shell: Shell
  current: Parameters<typeof AdminNav>[0]['current']
  help?: string
  error?: string | null
  children: ReactNode
}) {
  const t = useT()
  return (
    <Layout shell={shell} title={t('auth.admin')} needsData={false}>
      <AdminNav current={current} />
      {help ? <p className="muted">{help}</p> : null}
      {error ? (
        <p className="error-card" role="alert">
          {error}
        </p>
      ) : null}
      {children}
    </Layout>
  )
}

/** An admin list: "none" when empty, else the table (its head and body as children). */
export function AdminTable({ empty, children }: { empty: boolean; children: ReactNode }) {
  const t = useT()
  if (empty) return <p className="muted">{t('auth.none')}</p>
  return (
    <div className="table-wrap">
      <table className="data">{children}</table>
    </div>
  )
}
