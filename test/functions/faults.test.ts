import { describe, expect, it } from 'vitest'
import { call, hmacHeaders, json } from './support'

describe('a body that cannot be read to its end', () => {
  it('is answered 400, not 500, when the stream fails midway', async () => {
    const text = JSON.stringify({ header: ['Қызмет', 'Жалпы баға'], rows: [['1', 5]] })
    const half = new TextEncoder().encode(text.slice(0, 20))
    let pulls = 0
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(half)
        else controller.error(new Error('connection reset by peer'))
      },
    })
    const response = await call('/v1/report', {
      method: 'POST',
      body: cut,
      headers: await hmacHeaders(text),
    })
    expect(response.status).toBe(400)
    const reply = await json(response)
    expect(reply.error).toBe('bad_request')
    expect(reply.message).toContain('could not be read to its end')
  })
})
