// A test's own Google (the JWKS the Worker checks ID tokens against) and a misbehaving Worker,
// in a thread of their own: they must answer while the test thread waits in a synchronous call.
import { createServer } from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

const json = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(typeof body === 'string' ? body : JSON.stringify(body))
}

const server = createServer((request, response) => {
  const path = request.url ?? ''
  if (path === '/echo') {
    // The request's bytes back, with what it said they were.
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      response.end(
        JSON.stringify({
          contentType: request.headers['content-type'] ?? null,
          bodyHex: Buffer.concat(chunks).toString('hex'),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    return
  }
  request.resume()
  if (path === '/certs') return json(response, 200, workerData.jwks)
  if (path === '/fail-500/v1/report') {
    return json(response, 500, {
      error: 'internal',
      message: 'Internal error',
      details: { requestId: 'req-test-500' },
    })
  }
  if (path === '/garbled/v1/report') return json(response, 200, '{"engine":"0.1.0","tables":[{"id"')
  if (path === '/slow/v1/report') {
    const timer = setTimeout(() => json(response, 200, '{}'), 5_000)
    response.on('close', () => clearTimeout(timer))
    return
  }
  json(response, 404, { error: 'not_found', message: `No route ${path}` })
})

server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }))
parentPort.on('message', (message) => {
  if (message === 'stop') server.close(() => process.exit(0))
})
