/** `npm start` step 1: build the Remix app if there is no build or a source file is newer than it. */
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.dirname(new URL(import.meta.url).pathname)
const marker = path.join(root, 'build/server/index.js')

function newest(dir: string): number {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0
// The server bundle includes app/ and what it imports from db/ and etl/.
const sources = Math.max(
  ...['app', 'db', 'etl'].map((d) => newest(path.join(root, d))),
  ...['vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
)
if (built < sources) {
  console.log(built ? 'Mã nguồn đã đổi, đang build lại… / sources changed, rebuilding…' : 'Đang build lần đầu… / first build…')
  execSync('npx remix vite:build', { cwd: root, stdio: 'inherit' })
}
