/** @module The sidebar's only way to the server: `google.script.run` as typed promises. */
import type { ServerApi } from '../shared/protocol'

type Handlers = {
  withSuccessHandler(handler: (value: unknown) => void): Handlers
  withFailureHandler(handler: (error: Error) => void): Handlers
} & Record<string, (...args: unknown[]) => void>

declare const google: { script: { run: Handlers } }

/**
 * Calls a server function by name; resolves with its result, rejects with its exception.
 * @example const state = await server('sidebarLoad')
 */
export function server<K extends keyof ServerApi>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler(reject)
    run[name](...args)
  })
}
