import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../app/config.server.ts'

describe('configuration', () => {
  it('needs no environment at all: embedded stores under ./data, port 3000, Quảng Trị, the simulator', () => {
    const c = loadConfig({})
    expect(c.pgKind).toBe('pglite')
    expect(c.chKind).toBe('chdb')
    expect(c.dataDir.endsWith('/data')).toBe(true)
    expect(c.PORT).toBe(3000)
    expect(c.PROVINCE_CODE).toBe('44')
    expect(c.TTHC_SOURCE_URL).toBeUndefined()
  })

  it('switches to servers when their URLs are set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/kpi', CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'kpi_cluster' })
    expect([c.pgKind, c.chKind, c.CLICKHOUSE_CLUSTER]).toEqual(['postgres', 'server', 'kpi_cluster'])
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CLICKHOUSE_URL: 'ch.local:8123' }, 'CLICKHOUSE_URL'],
    [{ PROVINCE_CODE: '4' }, 'PROVINCE_CODE'],
    [{ CLICKHOUSE_DATABASE: 'bad-name;' }, 'CLICKHOUSE_DATABASE'],
    [{ CLICKHOUSE_CLUSTER: 'c1' }, 'CLICKHOUSE_CLUSTER'],
    [{ SCHEDULER: 'maybe' }, 'SCHEDULER'],
  ])('refuses %j with one message naming %s', (env, variable) => {
    let error: unknown
    try {
      loadConfig(env as Record<string, string>)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(variable)
    expect((error as Error).message).toContain(`invalid configuration: ${variable}`)
  })
})
