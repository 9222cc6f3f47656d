import { sayReason } from '../app/i18n/messages.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, inArray } from 'drizzle-orm'
import { communes, equipmentInventory } from '../db/pg/schema/index.ts'
import { getEquipmentGap, getEquipmentHistory } from '../app/kpi/equipment.server.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { insertDossiers, insertTickets, many, seedCentre, ticketsAt } from './support/kpi2-fixtures.ts'

const E = '18859' // Đồng Thuận: formed by merger; busy (Erlang needs 4 counters, 2 configured)
const D = '18871' // Đồng Sơn: disadvantaged (flag set by Finance); 3 counters, one scanner short
const period = { from: '2025-08-04', to: '2025-08-08' }
const M = 1_000_000

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  // Finance's flags, set explicitly: only these two communes are weighted as merged / disadvantaged here.
  await s.pg.db.update(communes).set({ formedByMerger: false }).where(eq(communes.provinceCode, '44'))
  await s.pg.db.update(communes).set({ formedByMerger: true }).where(eq(communes.code, E))
  await s.pg.db.update(communes).set({ disadvantaged: true, disadvantagedSynthetic: true }).where(eq(communes.code, D))
  await insertDossiers(s.ch, [
    // E: 60 dossiers (12 per working day), 15 digitised; 12 tickets/h at the peak × 12 min → 4 counters.
    ...many(10, 'e-dd', {
      commune: E,
      field: 'dat_dai',
      procedure: 'P-DD',
      received: '2025-08-04 09:00:00',
      due: '2025-08-20 17:00:00',
      digitised: true,
    }),
    ...many(5, 'e-hd', {
      commune: E,
      field: 'ho_tich',
      procedure: 'P-HT',
      received: '2025-08-05 09:00:00',
      due: '2025-08-06 17:00:00',
      digitised: true,
    }),
    ...many(35, 'e-ht', { commune: E, field: 'ho_tich', procedure: 'P-HT', received: '2025-08-05 09:00:00', due: '2025-08-06 17:00:00' }),
    ...many(10, 'e-on', {
      commune: E,
      field: 'ho_tich',
      procedure: 'P-HT',
      channel: 2,
      received: '2025-08-06 09:00:00',
      due: '2025-08-07 17:00:00',
    }),
    // D: 70 in-person civil-status dossiers (14 per working day, the busiest), none digitised → 2 counters.
    ...many(70, 'd-ht', { commune: D, field: 'ho_tich', procedure: 'P-HT', received: '2025-08-07 10:00:00', due: '2025-08-08 17:00:00' }),
  ])
  await insertTickets(s.ch, [...ticketsAt(E, '2025-08-04', 8, 14, 't'), ...ticketsAt(E, '2025-08-05', 8, 10, 't')])
  await refreshLoadRollups(s, { fromDay: '2025-08-01', toDay: '2025-08-31' })
  await seedCentre(s.pg.db, E, { active: 2, inactive: 1, fte: [1, 1, 1, 1] })
  await seedCentre(s.pg.db, D, { active: 3, fte: [1, 1, 1] })
  await s.pg.db
    .insert(equipmentInventory)
    .values([
      { communeCode: E, typeCode: 'computer', working: 3, broken: 1 },
      { communeCode: E, typeCode: 'scanner', working: 1, broken: 2 },
      { communeCode: E, typeCode: 'printer', working: 4, broken: 0 },
      { communeCode: E, typeCode: 'ticket_machine', working: 1, broken: 0 },
      { communeCode: E, typeCode: 'queue_display', working: 1, broken: 0 },
      ...['computer', 'printer', 'rating_device'].map((t) => ({ communeCode: D, typeCode: t, working: 3, broken: 0 })),
      { communeCode: D, typeCode: 'scanner', working: 2, broken: 1 },
      ...['ticket_machine', 'kiosk', 'queue_display'].map((t) => ({ communeCode: D, typeCode: t, working: 1, broken: 0 })),
    ])
  await s.ch.client.insert({
    table: 'equipment_daily',
    format: 'JSONEachRow',
    values: [
      { commune_code: E, day: '2025-08-01', type_code: 'scanner', working: 3, broken: 0, snapshot_at: '2025-08-01 01:00:00' },
      { commune_code: E, day: '2025-08-02', type_code: 'scanner', working: 1, broken: 2, snapshot_at: '2025-08-02 01:00:00' },
      { commune_code: D, day: '2025-08-02', type_code: 'scanner', working: 2, broken: 1, snapshot_at: '2025-08-02 01:00:00' },
      { commune_code: D, day: '2025-08-02', type_code: 'scanner', working: 2, broken: 1, snapshot_at: '2025-08-02 02:00:00' }, // re-snapshot
    ],
  })
})
afterAll(async () => s?.dispose())

describe('equipment gap against the norms, its cost, and the budget priority', () => {
  it('E: counters = max(2 configured, 4 needed from load); gap per type and cost in VND', async () => {
    const g = await getEquipmentGap(s, { commune: E, ...period })
    expect(g.lines.map((l) => [l.type, l.required, l.working, l.broken, l.gap, l.costVnd])).toEqual([
      ['kiosk', 1, 0, 0, 1, 60 * M],
      ['queue_display', 1, 1, 0, 0, 0],
      ['ticket_machine', 1, 1, 0, 0, 0],
      ['computer', 4, 3, 1, 1, 18 * M],
      ['printer', 4, 4, 0, 0, 0],
      ['rating_device', 4, 0, 0, 4, 18 * M], // 4 × 4,5 M
      ['scanner', 4, 1, 2, 3, 36 * M],
    ])
    expect(g.gapVnd).toBe(132 * M)
    expect(g.perCommune).toEqual([
      expect.objectContaining({
        commune: E,
        countersConfigured: 2,
        countersNeeded: 4,
        counters: 4,
        hasInventory: true,
        gapVnd: 132 * M,
        priority: 2,
        weight: 1.6214,
      }),
    ])
    // weight = 1 + 0,3 merged + 0,2 × 12/14 load + 0,2 × (1 − 25% digitised)
    expect(g.perCommune[0]!.reasons.map((r) => [r.code, r.adds])).toEqual([
      ['MERGED', 0.3],
      ['LOAD', 0.1714],
      ['DIGITISATION', 0.15],
    ])
    expect(sayReason('vi', 'equip.reason', g.perCommune[0]!.reasons[1]!)).toBe(
      'Tải 12 hồ sơ/ngày làm việc = 85,7% mức cao nhất tỉnh (+0,17)',
    )
  })

  it('D ranks first: disadvantaged, the busiest, nothing digitised — weight 1,7 for a 12 M scanner', async () => {
    const g = await getEquipmentGap(s, { commune: D, ...period })
    expect(g.perCommune[0]).toMatchObject({ commune: D, counters: 3, countersNeeded: 2, gapVnd: 12 * M, priority: 1, weight: 1.7 })
    expect(g.perCommune[0]!.reasons.map((r) => r.code)).toEqual(['DISADVANTAGED', 'LOAD', 'DIGITISATION'])
    expect(g.lines.filter((l) => l.gap > 0).map((l) => [l.type, l.gap])).toEqual([['scanner', 1]])
  })

  it('the province: every commune without inventory lacks a full set for one counter; weights are configurable', async () => {
    const g = await getEquipmentGap(s, period)
    expect(g.perCommune).toHaveLength(78)
    // 76 communes × (18 + 12 + 7 + 4,5 + 35 + 60 + 15) M = 76 × 151,5 M, plus E and D.
    expect(g.gapVnd).toBe(132 * M + 12 * M + 76 * 151.5 * M)
    expect(g.perCommune.slice(0, 2).map((c) => c.commune)).toEqual([D, E])
    expect(g.perCommune.filter((c) => !c.hasInventory)).toHaveLength(76)
    const merged = await getEquipmentGap(s, { ...period, weights: { merged: 1 } })
    expect(merged.weights).toEqual({ merged: 1, disadvantaged: 0.3, load: 0.2, digitisation: 0.2 })
    expect(merged.perCommune.slice(0, 2).map((c) => [c.commune, c.weight])).toEqual([
      [E, 2.3214],
      [D, 1.7],
    ])
  })

  it('history: working and broken scanners per day from the daily snapshots', async () => {
    expect(await getEquipmentHistory(s, { from: '2025-08-01', to: '2025-08-02' })).toEqual([
      { day: '2025-08-01', type: 'scanner', working: 3, broken: 0, communes: 1 },
      { day: '2025-08-02', type: 'scanner', working: 3, broken: 3, communes: 2 },
    ])
    const rows = await s.pg.db
      .select()
      .from(equipmentInventory)
      .where(inArray(equipmentInventory.communeCode, [E, D]))
    expect(rows).toHaveLength(12)
  })
})
