/**
 * Queue tickets of one centre on one day (centres with a ticket machine, from 1 July 2025 when the new
 * centres opened): arrivals over the opening hours, a first-come-first-served queue over the centre's
 * counters (the same counters `seedDemoPostgres` writes), lunch break, closing time, a few walk-aways.
 * Versions: taken (LayVeLuc), called (GoiLuc), done (XongLuc).
 */
import { CLOSE_AM, CLOSE_PM, DAY, OPEN_PM } from './clock.ts'
import { counterSecond, type GenContext } from './dossier-gen.ts'
import { Rng } from './prng.ts'
import type { SimCommune } from './province.ts'
import { MERGER_DAY } from './volume.ts'

export const TAG_TICKET = 0x5449434b
/** Visits per in-person dossier (enquiries, pick-ups, a second visit). */
export const VISITS_PER_DOSSIER = 1.35
/** Mean service time at the counter, seconds (lognormal, σ = 0.6). */
export const MEAN_SERVICE_S = 11 * 60

export function generateTickets(ctx: GenContext, day: number, c: SimCommune): void {
  const { clock, profile: p } = ctx
  if (!c.plan.hasTicketMachine || day < MERGER_DAY) return
  const lam = c.load * ctx.scale * p.inPerson[day]! * (1 - p.onlineShare[day]!) * VISITS_PER_DOSSIER
  if (lam <= 0) return
  const rng = Rng.of(ctx.seed, TAG_TICKET, day, Number(c.code))
  const n = rng.poisson(lam)
  if (n === 0) return
  const morningOnly = clock.working[day] === 0
  const base = day * DAY
  const arrivals = new Float64Array(n)
  for (let i = 0; i < n; i++) arrivals[i] = base + counterSecond(rng, morningOnly, CLOSE_PM - 900)
  arrivals.sort()
  const k = c.plan.counters
  const free = new Float64Array(k)
  const t = ctx.b.tickets
  const v = ctx.b.ticketVersions
  const sigma = 0.6
  const mu = Math.log(MEAN_SERVICE_S) - (sigma * sigma) / 2
  for (let i = 0; i < n; i++) {
    const taken = arrivals[i]!
    let counter = 0
    for (let j = 1; j < k; j++) if (free[j]! < free[counter]!) counter = j
    let called = Math.max(taken + rng.int(5, 40), free[counter]!)
    const s = called - base
    if (s >= CLOSE_AM && s < OPEN_PM) called = base + OPEN_PM + rng.int(0, 120)
    const walkedAway = rng.chance(0.02)
    const closed = called - base >= (morningOnly ? CLOSE_AM : CLOSE_PM)
    const service = Math.max(90, Math.round(Math.exp(mu + sigma * rng.normal())))
    const r = t.day.push(day)
    t.commune.push(c.idx)
    t.seq.push(i + 1)
    t.taken.push(taken)
    v.add(r, taken)
    t.counter.push(counter + 1)
    if (walkedAway || closed) {
      t.called.push(-1)
      t.done.push(-1)
      continue
    }
    const done = called + service
    free[counter] = done + rng.int(10, 60)
    t.called.push(called)
    t.done.push(done)
    v.add(r, called)
    v.add(r, done)
  }
}
