/** @module A raw HTTP/1.1 request over a socket: bodies cut off, sent slowly or far too large. */
import { connect } from 'node:net'

export interface RawReply {
  /** Status of the answer, null when the connection closed without one. */
  status: number | null
  body: string
  /** Body bytes written before the server answered or closed. */
  sent: number
}

export interface RawRequest {
  url: string
  headers: Record<string, string>
  /** Writes the body: resolves when done; stops when `closed()` turns true. */
  send: (write: (chunk: Uint8Array | string) => boolean, closed: () => boolean) => Promise<void>
  /** End our side after sending (a half close: the answer can still arrive). */
  end?: boolean
  timeoutMs: number
}

/** One POST on a fresh socket; gives up after `timeoutMs` with whatever came back. */
export function rawPost({
  url,
  headers,
  send,
  end = true,
  timeoutMs,
}: RawRequest): Promise<RawReply> {
  const { hostname, port, pathname } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) })
    const received: Buffer[] = []
    let sent = 0
    let done = false
    let closed = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(received).toString('utf8')
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text)
      const at = text.indexOf('\r\n\r\n')
      resolve({
        status: match ? Number(match[1]) : null,
        body: at >= 0 ? text.slice(at + 4) : '',
        sent,
      })
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', (chunk) => {
      received.push(chunk)
      closed = true // the server answered: stop sending
      if (/\r\n\r\n/.test(Buffer.concat(received).toString('latin1'))) {
        // Read on until the declared length arrives or the socket closes.
        const text = Buffer.concat(received).toString('latin1')
        const length = /content-length: (\d+)/i.exec(text)
        const at = text.indexOf('\r\n\r\n')
        // Answer complete: close our side gently (a reset would abort what is still in flight).
        if (length && Buffer.byteLength(text, 'latin1') - at - 4 >= Number(length[1])) socket.end()
      }
    })
    socket.on('error', () => {
      closed = true
    })
    socket.on('close', () => {
      closed = true
      finish()
    })
    socket.on('connect', async () => {
      const head = Object.entries({ host: `${hostname}:${port}`, ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')
      socket.write(`POST ${pathname} HTTP/1.1\r\n${head}connection: close\r\n\r\n`)
      const write = (chunk: Uint8Array | string) => {
        if (closed || socket.destroyed) return false
        sent += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength
        return socket.write(chunk)
      }
      await send(write, () => closed || socket.destroyed)
      if (end && !socket.destroyed) socket.end()
    })
  })
}
