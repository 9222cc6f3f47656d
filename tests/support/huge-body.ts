/**
 * A huge JSON answer for the page-size bounds (issue #17 item 8): `head`, then about `bytes` bytes of one string
 * written 64 KB at a time while the client keeps reading (backpressure honoured), then `tail`. `sent` counts what
 * left the server, so a test can show the client stopped reading long before the end.
 */
import type http from 'node:http'

export function streamHuge(res: http.ServerResponse, head: string, bytes: number, tail: string, sent?: { bytes: number }): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  const chunk = Buffer.alloc(64 * 1024, 'x')
  let left = bytes
  res.write(head)
  if (sent) sent.bytes = head.length
  res.on('error', () => {})
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length
      if (sent) sent.bytes += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end(tail)
  }
  pump()
}
