/** The parameters of the load rollups' statements: communes × reception (or ticket) days {fromDay} … {toDay}. */
import { z } from 'zod'
import { communeCodes, ymd } from '../../../../db/clickhouse/query.ts'

export const DayRangeParams = z.object({ communes: communeCodes, fromDay: ymd, toDay: ymd })
