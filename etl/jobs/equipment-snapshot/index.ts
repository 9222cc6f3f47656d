/** Daily (and after inventory edits, via `snapshotEquipment`): equipment per commune into `equipment_daily`. */
import type { JobDefinition } from '../../job.ts'
import { snapshotEquipment } from './snapshot.ts'

export { snapshotEquipment } from './snapshot.ts'

export const equipmentSnapshotJob: JobDefinition = {
  name: 'equipment-snapshot',
  schedule: '25 0 * * *',
  description: 'Ảnh chụp trang thiết bị theo ngày / daily equipment snapshot',
  async run({ stores }) {
    const r = await snapshotEquipment(stores)
    return { job: 'equipment-snapshot', read: r.rows, loaded: r.rows, rejected: {}, watermark: null, day: r.day }
  },
}
