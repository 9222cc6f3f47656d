/**
 * The ETL bench's source: replays recorded pages byte for byte, in its own process (a real source is another
 * machine, so serving must not share the ETL's event loop). argv[2]: a directory with map.json ({ url: file })
 * and the page files. Sends its port to the parent (IPC) once listening.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

const dir = process.argv[2]
const map = JSON.parse(fs.readFileSync(path.join(dir, 'map.json'), 'utf8'))
const bodies = new Map(Object.entries(map).map(([url, file]) => [url, fs.readFileSync(path.join(dir, file))]))
const server = http.createServer((req, res) => {
  const body = bodies.get(req.url ?? '')
  if (!body) {
    res.statusCode = 404
    return res.end()
  }
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Synthetic-Data': 'true',
    'Content-Length': String(body.length),
  })
  res.end(body)
})
server.listen(0, '127.0.0.1', () => process.send?.(server.address().port))
process.on('disconnect', () => process.exit(0))
