/**
 * Hài lòng & phản ánh: counter ratings (all and land procedures), complaints by class and category —
 * harassment, extra papers, VNeID demanded — with on-time handling, for the province and per commune.
 */
import type { Stores } from '../../db/stores.ts'
import {
  complaintsByCommune,
  getComplaints,
  getSatisfaction,
  getTargets,
  satisfactionByCommune,
  type Complaints,
  type Satisfaction,
} from '../kpi/index.server.ts'
import { listCommunes } from '../models/communes.server.ts'
import { attempt } from '../components/states/result.ts'
import type { ResolvedPeriod } from '../lib/url-filters.ts'

export interface SatisfactionRow {
  code: string
  name: string
  rated: number
  satisfied: number
  satisfiedShare: number | null
  landRated: number
  landSatisfiedShare: number | null
  complaints: number
  harassment: number
  extraPapers: number
  vneid: number
  behaviour: number
  onTime: number
  onTimeRate: number | null
}

export function satisfactionRow(code: string, name: string, s: Satisfaction, c: Complaints): SatisfactionRow {
  return {
    code,
    name,
    rated: s.ratings.rated,
    satisfied: s.ratings.satisfied,
    satisfiedShare: s.ratings.satisfiedShare,
    landRated: s.landRatings.rated,
    landSatisfiedShare: s.landRatings.satisfiedShare,
    complaints: c.total,
    harassment: c.byCategory.nhung_nhieu.total,
    extraPapers: c.byCategory.them_giay_to.total,
    vneid: c.byCategory.yeu_cau_vneid.total,
    behaviour: c.byClass.hanh_vi.total,
    onTime: c.onTime,
    onTimeRate: c.total === 0 ? null : c.onTime / c.total,
  }
}

export async function loadSatisfaction(stores: Stores, p: ResolvedPeriod) {
  const cur = { from: p.current.from, to: p.current.to }
  const prev = { from: p.comparison.from, to: p.comparison.to }
  const communes = await listCommunes(stores.pg.db, stores.config.PROVINCE_CODE)
  const codes = communes.map((c) => c.code)
  const [sat, satPrev, comp, compPrev, targets, rows] = await Promise.all([
    attempt('satisfaction:ratings', () => getSatisfaction(stores, cur)),
    attempt('satisfaction:ratingsPrev', () => getSatisfaction(stores, prev)),
    attempt('satisfaction:complaints', () => getComplaints(stores, cur)),
    attempt('satisfaction:complaintsPrev', () => getComplaints(stores, prev)),
    attempt('satisfaction:targets', () => getTargets(stores)),
    attempt('satisfaction:communes', async () => {
      const [s, c] = await Promise.all([
        satisfactionByCommune(stores, codes, cur.from, cur.to),
        complaintsByCommune(stores, codes, cur.from, cur.to),
      ])
      return communes.map((x) => satisfactionRow(x.code, x.name, s.get(x.code)!, c.get(x.code)!))
    }),
  ])
  return { sat, satPrev, comp, compPrev, targets, rows }
}
