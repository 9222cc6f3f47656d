import { afterEach, describe, expect, it, vi } from 'vitest'
import { attempt } from '../app/components/states/result.ts'

describe('attempt: a card reads its data or says why not', () => {
  afterEach(() => vi.restoreAllMocks())

  it('a store error becomes the card error state and is logged at error level', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const r = await attempt('backlog', () => Promise.reject(new Error('connection refused')))
    expect(r).toEqual({ ok: false, error: 'connection refused' })
    expect(log).toHaveBeenCalledTimes(1)
    expect(JSON.parse(String(log.mock.calls[0]![0]))).toMatchObject({ level: 'error', what: 'backlog' })
  })

  it('a read aborted because the client went away (ADR 027) is not logged as an error', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const gone = Object.assign(new Error('the client went away'), { name: 'AbortError' })
    const r = await attempt('backlog', () => Promise.reject(gone))
    expect(r).toEqual({ ok: false, error: 'the client went away' })
    expect(log).not.toHaveBeenCalled()
  })

  it('a thrown Response (403, 404) passes through to Remix', async () => {
    await expect(attempt('x', () => Promise.reject(new Response(null, { status: 404 })))).rejects.toBeInstanceOf(Response)
  })
})
