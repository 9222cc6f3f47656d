/**
 * Builds the staffing planner's instance from the stores through the KPI engine's one staffing model
 * (`loadModelInputs` and `staffOn` in app/kpi/staffing-model.server.ts, ADR 031): the same demand per commune
 * (history, forecast, fields, counter, backlog, lateness outside capacity) the staffing page predicts from.
 *  - officers: active officers with the assignment that covers `start`; 'provincial' officials with no
 *    assignment on `start` form the secondment pool, each available `secondmentDays` working days.
 */
import type { Stores } from '../../db/stores.ts'
import { communes } from '../../db/pg/schema/index.ts'
import { addDays, toLocalYmd } from '../../db/lib/workdays.ts'
import { loadModelInputs, staffOn, type ModelOptions } from '../kpi/staffing-model.server.ts'
import { provinceReach } from './geo.server.ts'
import type { ModelParams, Officer, PlanConstraints, PlanningInstance, ProvincialOfficial } from './model.ts'
import { inProvince } from '../../db/pg/reads/communes.ts'

export interface InstanceOptions {
  /** Last day of history (default yesterday, Asia/Ho_Chi_Minh). */
  asOf?: string
  /** First day the moves take effect. */
  start: string
  horizonDays?: number
  constraints: PlanConstraints
  /** Working days each provincial official is available (default the horizon). */
  secondmentDays?: number
  model?: Partial<ModelParams>
  /** The back-test's "before" switches off the lateness outside capacity. */
  modelInputs?: ModelOptions
}

export interface InstanceInfo {
  asOf: string
  from: string
  workingDays: number
  names: Map<string, string>
  officerNames: Map<string, string>
  /** Communes with no dossier in the history window (their load is 0). */
  noIntake: string[]
}

const LOG = 'planning:instance'

export async function buildPlanningInstance(
  stores: Stores,
  opts: InstanceOptions,
): Promise<{ instance: PlanningInstance; info: InstanceInfo }> {
  const asOf = opts.asOf ?? addDays(toLocalYmd(new Date()), -1)
  const horizon = opts.horizonDays ?? 20
  const province = stores.config.PROVINCE_CODE
  const communeRows = await stores.pg.db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(inProvince(province))
    .orderBy(communes.code)
  const codes = communeRows.map((c) => c.code)
  const [inputs, staff] = await Promise.all([
    loadModelInputs(stores, communeRows, asOf, LOG, opts.modelInputs),
    staffOn(stores, codes, opts.start),
  ])
  const { fields, demands: loads, noIntake, workingDays: W, from } = inputs

  const provinceSet = new Set(codes)
  const officerList: Officer[] = []
  const provincial: ProvincialOfficial[] = []
  for (const o of staff) {
    const base = { id: o.id, name: o.name, position: o.position, skills: o.skills, fte: o.fte }
    if (o.commune && provinceSet.has(o.commune)) officerList.push({ ...base, commune: o.commune })
    else if (o.position === 'provincial' && o.commune === null)
      provincial.push({ ...base, commune: null, availableDays: opts.secondmentDays ?? horizon })
  }
  const instance: PlanningInstance = {
    horizonDays: horizon,
    fields,
    communes: loads,
    officers: officerList,
    provincial,
    reach: provinceReach(province, codes),
    constraints: opts.constraints,
    model: opts.model,
  }
  return {
    instance,
    info: {
      asOf,
      from,
      workingDays: W,
      names: new Map(communeRows.map((c) => [c.code, c.name])),
      officerNames: new Map(staff.map((o) => [o.id, o.name])),
      noIntake,
    },
  }
}
