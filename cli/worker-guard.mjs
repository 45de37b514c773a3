// Stops a local Worker whose command died without stopping it. `node worker-guard.mjs GROUP DIR`:
// the command holds this process's stdin. Data on it means "stopped already": exit. Its end
// without data means the command is gone (killed, out of memory: no exit hook of its own ran),
// so stop wrangler's process group (wrangler and its workerd) and remove the secret's directory.
// Plain JavaScript, so it starts in milliseconds with no loader.
import { rmSync } from 'node:fs'

const [group, dir] = process.argv.slice(2)
const leader = Number(group)
if (!(Number.isSafeInteger(leader) && leader > 1) || !dir) {
  console.error('usage: node worker-guard.mjs GROUP DIR')
  process.exit(2)
}
let disarmed = false
process.stdin.on('data', () => {
  disarmed = true
  process.exit(0)
})
const stop = () => {
  if (disarmed) return
  try {
    process.kill(-leader, 'SIGTERM')
  } catch {
    // Gone already.
  }
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.stdin.on('end', stop)
process.stdin.on('error', stop)
process.stdin.resume()
