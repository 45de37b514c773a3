import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { app } from '../../functions/app'
import type { Bindings } from '../../functions/env'

// A route that fails, on the Worker's own app (registered before any request reaches it).
app.get('/__fails', () => {
  throw new Error('secret internals')
})

describe('request ids (issue 11)', () => {
  it('are the Worker’s own: a client-chosen X-Request-Id is not echoed in logs or the 500', async () => {
    const logged: string[] = []
    const original = console.error
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '))
    try {
      const response = await app.request(
        '/__fails',
        { headers: { 'X-Request-Id': 'client-chosen-id' } },
        env as Bindings,
      )
      expect(response.status).toBe(500)
      const text = await response.text()
      expect(text).not.toContain('client-chosen-id')
      const { requestId } = (JSON.parse(text) as { details: { requestId: string } }).details
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      // The same id in the header (docs/api.md), the Worker's, not the client's.
      expect(response.headers.get('x-request-id')).toBe(requestId)
      expect(logged.join('\n')).not.toContain('client-chosen-id')
      expect(logged.join('\n')).toContain(requestId)
    } finally {
      console.error = original
    }
  })
})
