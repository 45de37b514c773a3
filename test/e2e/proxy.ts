/** A proxy in front of a Worker that refuses some requests itself, as wrangler dev's or Cloudflare's may. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the proxy does with the nth request (from 1) for a path. */
export type Fault = 'pass' | Gateway | 'drop'

/** The statuses a gateway answers for a Worker it could not reach, with its page. */
const GATEWAY_PAGES = {
  '502': 'error code: 502 Bad gateway',
  // wrangler dev's own answer when the Worker restarts.
  '503': 'Your worker restarted mid-request. Please try sending the request again.',
  '504': 'error code: 504 Gateway time-out',
} as const
export type Gateway = keyof typeof GATEWAY_PAGES

export interface FlakyProxy {
  url: string
  /** Requests seen per path. */
  seen: Map<string, number>
  close(): Promise<void>
}

/**
 * `fault(path, nth)` says whether the request gets a gateway's 502, 503 (wrangler dev's own
 * "Your worker restarted mid-request") or 504, has its connection dropped unanswered, or is
 * passed on to `target`.
 */
export async function flakyProxy(
  target: string,
  fault: (path: string, nth: number) => Fault,
): Promise<FlakyProxy> {
  const seen = new Map<string, number>()
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const path = request.url ?? ''
    const nth = (seen.get(path) ?? 0) + 1
    seen.set(path, nth)
    const what = fault(path, nth)
    if (what === 'drop') {
      request.socket.destroy()
      return
    }
    if (what !== 'pass') {
      response.writeHead(Number(what), { 'content-type': 'text/plain' })
      response.end(GATEWAY_PAGES[what])
      return
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'connection'),
    ) as Record<string, string>
    const answer = await fetch(`${target}${path}`, {
      method: request.method,
      headers,
      body: Buffer.concat(chunks),
    })
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' })
    response.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
