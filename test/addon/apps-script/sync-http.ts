/** @module A synchronous HTTP call, as UrlFetchApp makes one: a worker thread fetches while the caller waits. */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'

export interface SyncRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
  /** The body as bytes (base64), when the caller encoded it itself. */
  bodyBase64?: string
  timeoutMs: number
}

export type SyncAnswer =
  | { status: number; headers: Record<string, string>; body: string; bodyBase64: string }
  | { error: string }

export class SyncHttp {
  private readonly worker = new Worker(new URL('./sync-http-worker.mjs', import.meta.url))

  constructor() {
    this.worker.unref()
  }

  /** Blocks this thread until the answer, a network error or the timeout. */
  request(request: SyncRequest): SyncAnswer {
    const [answer] = this.requestAll([request])
    return answer
  }

  /** Sends every request at once (the thread fetches them concurrently), then waits for all. */
  requestAll(requests: SyncRequest[]): SyncAnswer[] {
    const pending = requests.map((request) => {
      const { port1, port2 } = new MessageChannel()
      const flag = new SharedArrayBuffer(4)
      this.worker.postMessage({ request, port: port2, flag }, [port2])
      return { port: port1, flag, deadline: Date.now() + request.timeoutMs + 10_000 }
    })
    return pending.map(({ port, flag, deadline }) => {
      const waited = Atomics.wait(new Int32Array(flag), 0, 0, Math.max(0, deadline - Date.now()))
      const message = receiveMessageOnPort(port)
      port.close()
      if (waited === 'timed-out' || !message) return { error: 'the fetching thread did not answer' }
      return message.message as SyncAnswer
    })
  }

  stop(): Promise<number> {
    return this.worker.terminate()
  }
}
