/** The parameters of the load rollups' statements: communes × reception (or ticket) days {fromDay} … {toDay}. */
import { z } from 'zod'
import { communeCodes, ymd } from '../../../../db/clickhouse/query.ts'

export const DayRangeParams = z.object({ communes: communeCodes, fromDay: ymd, toDay: ymd })

/** The same with the cells {cellCommunes}[i] × {cellDays}[i] to recompute, {communeFrom}[j] the earliest of {communes}[j] (ADR 040). */
export const DayCellParams = DayRangeParams.extend({ communeFrom: z.array(ymd), cellCommunes: communeCodes, cellDays: z.array(ymd) })
