// Runs fetches for a thread that is blocked in Atomics.wait: the answer goes back on the
// message port given with the request, then the shared flag wakes the caller.
import { parentPort } from 'node:worker_threads'

parentPort.on('message', async ({ request, port, flag }) => {
  let answer
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body:
        request.bodyBase64 === undefined ? request.body : Buffer.from(request.bodyBase64, 'base64'),
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    answer = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: bytes.toString('utf8'),
      bodyBase64: bytes.toString('base64'),
    }
  } catch (error) {
    answer = { error: error?.name === 'TimeoutError' ? 'timeout' : String(error?.message ?? error) }
  }
  port.postMessage(answer)
  const cell = new Int32Array(flag)
  Atomics.store(cell, 0, 1)
  Atomics.notify(cell, 0)
})
