import { sayReason } from '../app/i18n/messages.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_NEWLY_DEVOLVED, getTrainingNeeds } from '../app/kpi/training.server.ts'
import { refreshLoadRollups } from '../etl/jobs/rollups/load-rollups.ts'
import { openTestStores, type TestStores } from './support/stores.ts'
import { insertDossiers, many, type DossierFx } from './support/kpi2-fixtures.ts'

const T = '18880' // Đồng Hới
const T2 = '18871' // Đồng Sơn
const period = { from: '2025-08-04', to: '2025-08-29' }
const SPLIT = '1.012784' // Tách thửa hoặc hợp thửa đất — devolved to communes on 1 July 2025

const onTime = { received: '2025-08-05 09:00:00', due: '2025-08-20 17:00:00', finished: '2025-08-19 10:00:00' }
const late = { received: '2025-08-05 09:00:00', due: '2025-08-20 17:00:00', finished: '2025-08-22 10:00:00' }
const d = (n: number, id: string, commune: string, procedure: string, field: string, t: Partial<DossierFx>) =>
  many(n, id, { commune, procedure, procedureName: `Thủ tục ${procedure}`, field, received: null, ...t })

let s: TestStores
beforeAll(async () => {
  s = await openTestStores()
  expect(DEFAULT_NEWLY_DEVOLVED).toContain(SPLIT)
  await insertDossiers(s.ch, [
    // High volume, 10% supplements: not a need.
    ...d(4, 'ht-s', T, 'P-HT', 'ho_tich', { ...onTime, supplements: 1 }),
    ...d(36, 'ht', T, 'P-HT', 'ho_tich', onTime),
    // Land, 30 dossiers: 9 supplements (30%), 6 late (20%), 12 with a problem.
    ...d(3, 'dd-sl', T, 'P-DD', 'dat_dai', { ...late, supplements: 1 }),
    ...d(6, 'dd-s', T, 'P-DD', 'dat_dai', { ...onTime, supplements: 1 }),
    ...d(3, 'dd-l', T, 'P-DD', 'dat_dai', late),
    ...d(18, 'dd', T, 'P-DD', 'dat_dai', onTime),
    // Newly devolved, only 5 dossiers: a second supplement (late by rule), a supplement, one still open past due.
    ...d(1, 'sp-2', T, SPLIT, 'dat_dai', { ...onTime, supplements: 2 }),
    ...d(1, 'sp-1', T, SPLIT, 'dat_dai', { ...onTime, supplements: 1 }),
    ...d(1, 'sp-o', T, SPLIT, 'dat_dai', { received: '2025-08-05 09:00:00', due: '2025-08-20 17:00:00' }),
    ...d(2, 'sp', T, SPLIT, 'dat_dai', onTime),
    // 50% supplements but only 10 dossiers and not devolved: not a need.
    ...d(5, 'ct-s', T, 'P-CT', 'chung_thuc', { ...onTime, supplements: 1 }),
    ...d(5, 'ct', T, 'P-CT', 'chung_thuc', onTime),
    // 25 business registrations, 3 late (12%).
    ...d(3, 'kd-l', T, 'P-KD', 'kinh_doanh', late),
    ...d(22, 'kd', T, 'P-KD', 'kinh_doanh', onTime),
    // Another commune: land, 20 dossiers, 6 supplements.
    ...d(6, 't2-s', T2, 'P-DD', 'dat_dai', { ...onTime, supplements: 1 }),
    ...d(14, 't2', T2, 'P-DD', 'dat_dai', onTime),
  ])
  await refreshLoadRollups(s, { fromDay: '2025-08-01', toDay: '2025-08-31' })
})
afterAll(async () => s?.dispose())

describe('training needs: newly devolved and high-volume procedures with many supplements or late dossiers', () => {
  it('ranks a commune’s procedures by problem dossiers, doubled for newly devolved ones', async () => {
    const t = await getTrainingNeeds(s, { commune: T, ...period })
    expect(t.items.map((i) => [i.procedureCode, i.received, i.supplementRequested, i.late, i.problem, i.newlyDevolved, i.score])).toEqual([
      ['P-DD', 30, 9, 6, 12, false, 12],
      [SPLIT, 5, 2, 2, 3, true, 6],
      ['P-KD', 25, 0, 3, 3, false, 3],
    ])
    expect(t.items[0]).toMatchObject({
      communeName: 'Đồng Hới',
      procedureName: 'Thủ tục P-DD',
      fieldCode: 'dat_dai',
      supplementRate: 0.3,
      lateRate: 0.2,
      highVolume: true,
    })
    expect(t.items[0]!.reasons.map((r) => sayReason('vi', 'training.reason', r))).toEqual([
      'Số lượng lớn: 30 hồ sơ tiếp nhận',
      '9/30 hồ sơ (30%) phải bổ sung (ngưỡng 20%)',
      '6/30 hồ sơ (20%) trễ hạn (ngưỡng 10%)',
    ])
    expect(t.items[1]!.reasons.map((r) => r.code)).toEqual(['NEWLY_DEVOLVED', 'SUPPLEMENT_RATE', 'LATE_RATE'])
    expect(sayReason('en', 'training.reason', t.items[2]!.reasons[1]!)).toBe('3 of 25 dossiers (12%) late (threshold 10%)')
  })

  it('the province: commune × procedure pairs, and procedures summed over communes for province-wide courses', async () => {
    const p = await getTrainingNeeds(s, period)
    expect(p.total).toBe(4)
    expect(p.items.map((i) => [i.commune, i.procedureCode, i.score])).toEqual([
      [T, 'P-DD', 12],
      [T2, 'P-DD', 6], // ties on score: more dossiers first
      [T, SPLIT, 6],
      [T, 'P-KD', 3],
    ])
    expect(p.byProcedure.map((i) => [i.procedureCode, i.received, i.supplementRequested, i.late, i.score, i.communes])).toEqual([
      ['P-DD', 50, 15, 6, 18, 2],
      [SPLIT, 5, 2, 2, 6, 1],
      ['P-KD', 25, 0, 3, 3, 1],
    ])
  })

  it('the list of newly devolved procedures and the thresholds are parameters', async () => {
    const none = await getTrainingNeeds(s, { commune: T, ...period }, { newlyDevolved: [] })
    expect(none.items.map((i) => i.procedureCode)).toEqual(['P-DD', 'P-KD'])
    const strict = await getTrainingNeeds(
      s,
      { commune: T, ...period },
      { newlyDevolved: [], minReceived: 10, supplementRate: 0.5, lateRate: 0.5, limit: 1 },
    )
    expect(strict.items.map((i) => i.procedureCode)).toEqual(['P-CT'])
    expect(strict.total).toBe(1)
  })
})
