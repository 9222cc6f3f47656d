/**
 * The `dvcqg-push` adapter: drains the receiver's staging table into the one ETL path (ADR 021).
 *
 * Each pending DongBoHoSoMC item becomes a contract record (mapping.ts) — a version of its dossier whose
 * CapNhatLuc is the dossier's own latest time — with the officer of the latest step pushed for it. After a
 * dossier's pending items, its best known item (latest own time, then latest received) is passed again if it
 * was not among them, so that it is the last version written: a step pushed alone (a new officer), and an older
 * dossier pushed after a newer one, leave the newest state in place. A repeated push writes the same version
 * again: nothing changes. Items are marked loaded only once the load committed (`committed`).
 */
import type { Stores } from '../../../db/stores.ts'
import type { Reject } from '../../state/rejects.ts'
import { CodeTable } from '../../../db/sources/codes.ts'
import type { SourceAdapter } from '../adapters/types.ts'
import { DOSSIER_SERVICE } from '../../../db/sources/push-fields.ts'
import { latestDossiers, latestSteps, markLoaded, pendingItems, type StagedItem } from '../../../db/sources/push-inbox.ts'
import { mapPushDossier } from './mapping.ts'

export const DRAIN_CHUNK = 2000

const byVersion = (a: StagedItem, b: StagedItem) => (a.version?.getTime() ?? -Infinity) - (b.version?.getTime() ?? -Infinity) || a.id - b.id

export function pushAdapter(stores: Stores, job = 'dvcqg-push'): SourceAdapter {
  const db = stores.pg.db
  let codes: CodeTable | null = null
  let drained: number[] = []
  return {
    name: 'dvcqg-push',
    label: 'dvcqg-push:push_items',
    synthetic: false,
    watermarkKey: job,
    rawPages: false,
    async *pages() {
      const table = (codes = await CodeTable.load(db, 'dvcqg', stores.config.PROVINCE_CODE))
      drained = []
      let after = 0
      let page = 0
      for (;;) {
        const chunk = await pendingItems(db, after, DRAIN_CHUNK)
        if (!chunk.length) return
        after = chunk[chunk.length - 1]!.id
        const rejects: Reject[] = []
        const pending = new Map<string, StagedItem[]>()
        for (const it of chunk) {
          drained.push(it.id)
          if (!it.dossierId) {
            rejects.push({ reason: 'missing_id', detail: `${it.service} item has no MaHoSo`, recordId: null, raw: it.item })
            continue
          }
          const list = pending.get(it.dossierId) ?? []
          if (it.service === DOSSIER_SERVICE) list.push(it)
          pending.set(it.dossierId, list)
        }
        const ids = [...pending.keys()]
        const [best, steps] = await Promise.all([latestDossiers(db, ids), latestSteps(db, ids)])
        const items: unknown[] = []
        for (const [id, mine] of pending) {
          mine.sort(byVersion)
          const b = best.get(id)
          if (b && mine[mine.length - 1]?.id !== b.id) mine.push(b)
          for (const it of mine) {
            const m = mapPushDossier(it.item, it.unit, steps.get(id)?.item ?? null, table)
            if (m.ok) items.push(m.record)
            else rejects.push(m.reject)
          }
        }
        yield { items, rejects, page: ++page, bytes: 0 }
      }
    },
    committed: (runId) => markLoaded(db, drained, runId),
    finish: async () => {
      await codes?.recordUnmapped(db)
    },
  }
}
