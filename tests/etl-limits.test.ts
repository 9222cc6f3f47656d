/** The ETL's and the import's limits are configuration (db/config-limits.ts, ADR 017): defaults, units, one clear error. */
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../db/config.ts'

describe('limits in the configuration', () => {
  it('defaults', () => {
    const c = loadConfig({})
    expect(c.ETL_FUTURE_TOLERANCE).toBe(86_400_000)
  })
  it('durations and sizes with their units; a bad value names the variable', () => {
    expect(loadConfig({ ETL_FUTURE_TOLERANCE: '90m' }).ETL_FUTURE_TOLERANCE).toBe(5_400_000)
    expect(loadConfig({ ETL_FUTURE_TOLERANCE: '2h' }).ETL_FUTURE_TOLERANCE).toBe(7_200_000)
    expect(() => loadConfig({ ETL_FUTURE_TOLERANCE: 'một ngày' })).toThrow(ConfigError)
    expect(() => loadConfig({ ETL_FUTURE_TOLERANCE: '1 week' })).toThrow(/ETL_FUTURE_TOLERANCE must be a duration/)
  })
})
