/** @module A synchronous HTTP call, as UrlFetchApp makes one: a worker thread fetches while the caller waits. */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'

export interface SyncRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
}

export type SyncAnswer =
  | { status: number; headers: Record<string, string>; body: string }
  | { error: string }

export class SyncHttp {
  private readonly worker = new Worker(new URL('./sync-http-worker.mjs', import.meta.url))

  constructor() {
    this.worker.unref()
  }

  /** Blocks this thread until the answer, a network error or the timeout. */
  request(request: SyncRequest): SyncAnswer {
    const { port1, port2 } = new MessageChannel()
    const flag = new SharedArrayBuffer(4)
    this.worker.postMessage({ request, port: port2, flag }, [port2])
    const waited = Atomics.wait(new Int32Array(flag), 0, 0, request.timeoutMs + 10_000)
    const message = receiveMessageOnPort(port1)
    port1.close()
    if (waited === 'timed-out' || !message) return { error: 'the fetching thread did not answer' }
    return message.message as SyncAnswer
  }

  stop(): Promise<number> {
    return this.worker.terminate()
  }
}
