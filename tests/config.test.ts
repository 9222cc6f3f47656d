import type { AddressInfo } from 'node:net'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../db/config.ts'
import { CLIENT_IP_HEADER, securityHeaders } from '../app/auth/headers.server.ts'

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
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, proxy.local' }, 'TRUST_PROXY'],
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

  it('TRUST_PROXY: none by default, a hop count, or presets and addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.0/8, 192.168.1.5' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8, 192.168.1.5')
  })

  it.each([
    [false, '10.1.2.3', '127.0.0.1'],
    ['loopback', '10.1.2.3', '10.1.2.3'],
    ['10.9.9.9', '10.1.2.3', '127.0.0.1'], // the proxy is not the one named: its header is ignored
  ])('with trust proxy %j, X-Forwarded-For %s gives the client address %s', async (trust, forwarded, expected) => {
    const app = express()
    app.set('trust proxy', trust)
    app.use(securityHeaders())
    app.get('/', (req, res) => void res.send(String(req.headers[CLIENT_IP_HEADER]).replace(/^::ffff:/, '')))
    const server = await new Promise<import('node:http').Server>((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s))
    })
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { 'x-forwarded-for': forwarded } })
      expect(await res.text()).toBe(expected)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
