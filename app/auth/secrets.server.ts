/** Random identifiers and the one-way hashes under which session ids and API tokens are stored. */
import crypto from 'node:crypto'

export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url')
export const sha256 = (value: string): string => crypto.createHash('sha256').update(value).digest('hex')
export const newId = (prefix: string): string => `${prefix}_${crypto.randomBytes(12).toString('base64url')}`

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}
