/**
 * Sign-in throttling (ADR 023), in place of a hard account lock that anyone could trigger:
 *
 *  - per (account, client address): the first 3 wrong passwords cost nothing; after that each further try
 *    must wait a growing delay — 5 s, 10 s, 20 s … doubling, at most 15 minutes — counted from the last
 *    failure. Another address is not affected, so an attacker can slow down only their own attempts.
 *  - per client address: 30 failures within 15 minutes (any accounts: password spraying) block the address
 *    for 15 minutes. Loopback is exempt (behind a reverse proxy on the same host everyone is 127.0.0.1 —
 *    set TRUST_PROXY instead).
 *  - an administrator signing in from a trusted address (TRUSTED_ADMIN_NETWORKS) is never throttled or
 *    blocked: a lock-out can never keep the admin out.
 *
 * State lives in the server process (one process owns the stores), bounded by LRU caches; a restart forgets it.
 */
import { BlockList, isIP } from 'node:net'
import { LRUCache } from 'lru-cache'

export const FREE_FAILURES = 3
export const FIRST_DELAY_MS = 5_000
export const MAX_DELAY_MS = 15 * 60 * 1000
export const IP_MAX_FAILURES = 30
export const IP_WINDOW_MS = 15 * 60 * 1000
export const IP_BLOCK_MS = 15 * 60 * 1000
/** A pair's failures are forgotten a day after its last one. */
const PAIR_TTL_MS = 24 * 60 * 60 * 1000

/** The wait before the next try after `failures` consecutive failures of one (account, address). */
export function throttleDelay(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES))
}

interface Pair {
  failures: number
  last: number
}
interface Ip {
  failures: number[]
  blockedUntil: number
}

const g = globalThis as unknown as { __mckThrottle?: { pairs: LRUCache<string, Pair>; ips: LRUCache<string, Ip> } }
const state = (g.__mckThrottle ??= {
  pairs: new LRUCache<string, Pair>({ max: 100_000, ttl: PAIR_TTL_MS }),
  ips: new LRUCache<string, Ip>({ max: 100_000, ttl: IP_WINDOW_MS + IP_BLOCK_MS }),
})

const pairKey = (email: string, ip: string | null) => `${email}\u0000${ip ?? '-'}`
export const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.')

/** When the next try of this (account, address) may be made, or null when it may now. */
export function throttledUntil(email: string, ip: string | null, now: number): number | null {
  const p = state.pairs.get(pairKey(email, ip))
  if (!p) return null
  const until = p.last + throttleDelay(p.failures)
  return until > now ? until : null
}

/** When the address's block ends, or null. */
export function ipBlockedUntil(ip: string | null, now: number): number | null {
  const st = ip && !isLoopback(ip) ? state.ips.get(ip) : undefined
  return st && st.blockedUntil > now ? st.blockedUntil : null
}

/**
 * Records a failed try; returns the pair's failure count. A try refused while throttled (`pair: false`) counts
 * toward the address's limit only, so a second click during the wait does not lengthen it.
 */
export function recordFailure(email: string, ip: string | null, now: number, opts: { pair?: boolean } = {}): number {
  const key = pairKey(email, ip)
  const p = state.pairs.get(key) ?? { failures: 0, last: now }
  if (opts.pair !== false) {
    p.failures += 1
    p.last = now
    state.pairs.set(key, p)
  }
  if (ip && !isLoopback(ip)) {
    const st = state.ips.get(ip) ?? { failures: [], blockedUntil: 0 }
    st.failures = st.failures.filter((t) => now - t < IP_WINDOW_MS)
    st.failures.push(now)
    if (st.failures.length >= IP_MAX_FAILURES) {
      st.blockedUntil = now + IP_BLOCK_MS
      st.failures = []
    }
    state.ips.set(ip, st)
  }
  return p.failures
}

/** A successful sign-in clears its (account, address) pair. */
export function recordSuccess(email: string, ip: string | null): void {
  state.pairs.delete(pairKey(email, ip))
}

/** True when `ip` is inside one of the trusted networks (IPs or CIDRs; IPv4-mapped IPv6 addresses match too). */
export function isTrusted(ip: string | null, networks: readonly string[]): boolean {
  if (!ip || networks.length === 0) return false
  const list = new BlockList()
  for (const n of networks) {
    const [addr, bits] = n.split('/')
    const family = isIP(addr!) === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(addr!, family)
    else list.addSubnet(addr!, Number(bits), family)
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]
  const v4 = mapped ?? ip
  return isIP(v4) === 4 ? list.check(v4, 'ipv4') : list.check(ip, 'ipv6')
}

/** Tests: forget every failure. */
export function resetThrottle(): void {
  state.pairs.clear()
  state.ips.clear()
}
