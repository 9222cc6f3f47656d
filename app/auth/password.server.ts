/**
 * Password hashing with Node's built-in scrypt (memory-hard). Stored as
 * `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>` so the parameters travel with each hash and can
 * be raised later without breaking old ones. N = 2^15, r = 8, p = 1 → 32 MiB and ≈ 0.1 s per hash here.
 */
import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { z } from 'zod'

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>

export const SCRYPT = { logN: 15, r: 8, p: 1, keyLen: 32, saltLen: 16 } as const
export const MIN_PASSWORD_LENGTH = 10

/** Password rules (forms and CLI): at least 10 characters, at most 200, not only spaces. */
export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, {
    message: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự / at least ${MIN_PASSWORD_LENGTH} characters`,
  })
  .max(200)
  .refine((p) => p.trim().length > 0, { message: 'Mật khẩu không được để trống / must not be blank' })

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLen: number): Promise<Buffer> {
  const N = 2 ** logN
  // scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default), so allow twice that.
  return scrypt(password.normalize('NFC'), salt, keyLen, { N, r, p, maxmem: 256 * N * r })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SCRYPT.saltLen)
  const hash = await derive(password, salt, SCRYPT.logN, SCRYPT.r, SCRYPT.p, SCRYPT.keyLen)
  return ['scrypt', SCRYPT.logN, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$')
}

const Stored = z.tuple([
  z.literal('scrypt'),
  z.coerce.number().int().min(10).max(22),
  z.coerce.number().int().min(1).max(32),
  z.coerce.number().int().min(1).max(16),
  z.string().min(1),
  z.string().min(1),
])

/** Constant-time check of a password against a stored hash; a malformed hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = Stored.safeParse(stored.split('$'))
  if (!parsed.success) return false
  const [, logN, r, p, saltB64, hashB64] = parsed.data
  const want = Buffer.from(hashB64, 'base64')
  if (want.length < 16) return false
  const got = await derive(password, Buffer.from(saltB64, 'base64'), logN, r, p, want.length)
  return crypto.timingSafeEqual(got, want)
}

/** A hash of a random password: verifying against it costs the same as a real one (unknown e-mails). */
let dummy: Promise<string> | undefined
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(crypto.randomBytes(18).toString('base64')))
}
