import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { CliError, EXIT } from '../../cli/errors'
import {
  BrokenReplyError,
  DEFAULT_TIMEOUT_MS,
  postJson,
  WorkerReplyError,
  WorkerTimeoutError,
  WorkerUnreachableError,
  workerFailure,
} from '../../cli/transport'
import { isReportReply } from '../../protocol/index'

const servers: Server[] = []
const sockets = new Set<Socket>()

afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  sockets.clear()
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** An HTTP server on loopback whose handler sees each request with its number (from 1). */
async function serve(
  handle: (request: IncomingMessage, response: ServerResponse, nth: number) => void,
): Promise<string> {
  let nth = 0
  const server = createHttpServer((request, response) => handle(request, response, ++nth))
  server.on('connection', (socket) => sockets.add(socket))
  return listen(server)
}

async function listen(server: Server): Promise<string> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return `http://127.0.0.1:${port}`
}

/** Reads the whole body, then does `then`. */
function afterBody(request: IncomingMessage, then: () => void) {
  request.on('data', () => {})
  request.on('end', then)
}

const isAnything = (value: unknown): value is unknown => value !== undefined
const post = (url: string, body = '{}', timeoutMs = 400) =>
  postJson({ url, secret: 's', timeoutMs }, '/v1/report', body, isAnything, 'JSON')

describe('the transport times out between bytes, saying what it waited for', () => {
  it('waits 30 s by default, well under a minute', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000)
  })

  it('names the wait for an answer that never comes, and its length', async () => {
    const url = await serve((request) => afterBody(request, () => {}))
    // Without the timeout this would wait for the test's own time limit and fail.
    const error = await post(url, '{"a":1}').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WorkerTimeoutError)
    expect((error as WorkerTimeoutError).stage).toBe('waiting')
    expect((error as Error).message).toBe(
      'did not answer POST /v1/report within 0.4 s of receiving it (7 bytes)',
    )
  })

  it('names an answer that stops halfway, and how much had come', async () => {
    const url = await serve((request, response) =>
      afterBody(request, () => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.write('{"eng')
      }),
    )
    const error = await post(url).catch((e: unknown) => e)
    expect((error as WorkerTimeoutError).stage).toBe('receiving')
    expect((error as Error).message).toBe(
      'stopped sending its answer to POST /v1/report: nothing for 0.4 s after 5 bytes',
    )
  })

  it('names a Worker that stops taking the request', async () => {
    // Accepts the connection and never reads: the socket buffers fill, and the upload stalls.
    const server = createTcpServer((socket) => {
      sockets.add(socket)
      socket.pause()
    })
    const url = await listen(server)
    const body = JSON.stringify({ pad: 'x'.repeat(48_000_000) })
    const error = await post(url, body, 500).catch((e: unknown) => e)
    expect((error as WorkerTimeoutError).stage).toBe('sending')
    expect((error as Error).message).toMatch(
      /^stopped taking POST \/v1\/report: nothing sent for 0\.5 s after [\d.]+ (kB|MB) of 48 MB$/,
    )
  })

  it('does not time out an answer that keeps coming, however long it takes in all', async () => {
    const url = await serve((request, response) =>
      afterBody(request, () => {
        response.writeHead(200, { 'content-type': 'application/json' })
        const parts = ['[', '1', ',', '2', ',', '3', ',', '4', ']']
        const timer = setInterval(() => {
          const part = parts.shift()
          if (part === undefined) {
            clearInterval(timer)
            response.end()
          } else response.write(part)
        }, 150)
      }),
    )
    // 9 parts and the end 150 ms apart: 1.5 s in all, never 0.4 s without a byte.
    const { reply } = await post(url)
    expect(reply).toEqual([1, 2, 3, 4])
  })
})

describe('the transport tries again only what is safe to try again', () => {
  it('sends again after a lost connection, and gives the answer', async () => {
    const url = await serve((request, response, nth) => {
      if (nth === 1) request.socket.destroy()
      else afterBody(request, () => response.end('{"ok":true}'))
    })
    const { reply, bytes } = await post(url)
    expect(reply).toEqual({ ok: true })
    expect(new TextDecoder().decode(bytes)).toBe('{"ok":true}')
  })

  it('gives up after three lost connections', async () => {
    let seen = 0
    const url = await serve((request) => {
      seen++
      request.socket.destroy()
    })
    const error = await post(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WorkerUnreachableError)
    expect((error as WorkerUnreachableError).code).toBe('ECONNRESET')
    expect(seen).toBe(3)
  })

  // What a proxy in front of the Worker answers when the Worker is away: Cloudflare's or
  // wrangler dev's own page, not the Worker's JSON.
  for (const status of [502, 503, 504]) {
    it(`sends again after a ${status}, and gives the answer`, async () => {
      const url = await serve((request, response, nth) =>
        afterBody(request, () => {
          if (nth === 1) {
            response.writeHead(status, { 'content-type': 'text/html' })
            response.end(`<html>${status}</html>`)
          } else response.end('{"ok":true}')
        }),
      )
      const { reply } = await post(url)
      expect(reply).toEqual({ ok: true })
    })

    it(`gives up after three ${status}s, with that answer`, async () => {
      let seen = 0
      const url = await serve((request, response) => {
        seen++
        afterBody(request, () => {
          response.writeHead(status, { 'content-type': 'text/html' })
          response.end(`<html>${status}</html>`)
        })
      })
      const error = await post(url).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WorkerReplyError)
      expect((error as WorkerReplyError).status).toBe(status)
      expect((error as Error).message).toContain(`answered ${status}: <html>${status}</html>`)
      expect(seen).toBe(3)
    })
  }

  it('does not send again a 500: the Worker answered, and would answer the same', async () => {
    let seen = 0
    const url = await serve((request, response) => {
      seen++
      afterBody(request, () => {
        response.writeHead(500, { 'content-type': 'application/json' })
        response.end('{"error":"internal","message":"Internal error"}')
      })
    })
    const error = await post(url).catch((e: unknown) => e)
    expect((error as WorkerReplyError).status).toBe(500)
    expect(seen).toBe(1)
  })

  it('signs each attempt afresh', async () => {
    const stamps: string[] = []
    const url = await serve((request, response, nth) => {
      stamps.push(`${request.headers['x-sapa-timestamp']} ${request.headers['x-sapa-signature']}`)
      afterBody(request, () => {
        response.writeHead(nth === 1 ? 503 : 200)
        response.end('{}')
      })
    })
    await post(url)
    expect(stamps).toHaveLength(2)
    for (const stamp of stamps) expect(stamp).toMatch(/^\d+ [0-9a-f]{64}$/)
  })

  it('does not send again a refusal, nor a timeout', async () => {
    let seen = 0
    const refusing = await serve((request, response) => {
      seen++
      afterBody(request, () => {
        response.writeHead(400, { 'content-type': 'application/json' })
        response.end('{"error":"bad_request","message":"\\"rows\\" must be given"}')
      })
    })
    const refusal = await post(refusing).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(WorkerReplyError)
    expect((refusal as WorkerReplyError).status).toBe(400)
    expect(seen).toBe(1)

    let waited = 0
    const silent = await serve((request) => {
      waited++
      afterBody(request, () => {})
    })
    expect(await post(silent, '{}', 200).catch((e: unknown) => e)).toBeInstanceOf(
      WorkerTimeoutError,
    )
    expect(waited).toBe(1)
  })

  it('keeps an answer given before the whole request was read (a 413)', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(413, { 'content-type': 'application/json', connection: 'close' })
      response.end('{"error":"payload_too_large","message":"Body over 1000 bytes"}')
    })
    const error = await post(url, JSON.stringify({ pad: 'x'.repeat(8_000_000) }), 5000).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(WorkerReplyError)
    expect((error as WorkerReplyError).status).toBe(413)
  })

  it('refuses a 200 that is not the reply the route gives', async () => {
    const url = await serve((request, response) =>
      afterBody(request, () => response.end('{"engine":"0.1.0","tables":[]}')),
    )
    const error = await postJson(
      { url, secret: 's' },
      '/v1/report',
      '{}',
      isReportReply,
      'a report',
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokenReplyError)
    expect((error as Error).message).toBe('/v1/report answered 200 without a report')
  })
})

describe('workerFailure gives each failure its exit code and one line', () => {
  const target = { url: 'http://127.0.0.1:9', secret: 's' }
  const told = (error: unknown) => workerFailure(error, target, 'survey.csv') as CliError

  it('blames the survey for a refusal of the survey (exit 3), naming the file', () => {
    const body = { error: 'missing_column', message: 'Required column "overall" not found.\nx' }
    const failure = told(new WorkerReplyError(400, body, JSON.stringify(body), '/v1/report'))
    expect(failure).toBeInstanceOf(CliError)
    expect(failure.exitCode).toBe(EXIT.input)
    expect(failure.message).toBe('survey.csv: Required column "overall" not found.')
  })

  it('blames the Worker for the rest (exit 4), with the 401 hint and a proxy’s page', () => {
    const body = { error: 'unauthorized', message: 'signature mismatch' }
    const refused = told(new WorkerReplyError(401, body, JSON.stringify(body), '/v1/report'))
    expect(refused.exitCode).toBe(EXIT.worker)
    expect(refused.message).toBe(
      'Worker at http://127.0.0.1:9 answered 401 unauthorized: signature mismatch; SAPA_HMAC_SECRET must be the secret the Worker was deployed with',
    )
    const page = '<html>\n<h1>Bad gateway</h1>'
    const proxy = told(new WorkerReplyError(502, undefined, page, '/v1/report'))
    expect(proxy.message).toBe('Worker at http://127.0.0.1:9 answered 502: <html>')
  })

  it('says what was awaited, for how long, and how to wait longer', () => {
    const failure = told(new WorkerTimeoutError('waiting', '/v1/report', 30_000, 0, 552_000))
    expect(failure.exitCode).toBe(EXIT.worker)
    expect(failure.message).toBe(
      'Worker at http://127.0.0.1:9 did not answer POST /v1/report within 30 s of receiving it (552 kB); --timeout SECONDS waits longer',
    )
  })

  it('names an unreachable Worker by the system’s code, and passes a bug on unchanged', () => {
    const failure = told(new WorkerUnreachableError('ECONNREFUSED'))
    expect(failure.message).toBe('Worker unreachable at http://127.0.0.1:9 (ECONNREFUSED)')
    const bug = new TypeError('x is undefined')
    expect(workerFailure(bug, target, 'survey.csv')).toBe(bug)
  })
})
