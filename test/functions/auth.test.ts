import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { call, HEADER, hmacHeaders, json, surveyRows, watchedBody } from './support'

// The test is its own Google: it makes keys, serves their JWKS and signs ID tokens.
const JWKS_URL = 'https://keys.sapa.test/oauth2/v3/certs'
const CLIENT_ID = 'sapa-test.apps.googleusercontent.com'
const GOOGLE = {
  OIDC_JWKS_URL: JWKS_URL,
  GOOGLE_CLIENT_IDS: `other-client.apps.googleusercontent.com, ${CLIENT_ID}`,
  ALLOWED_EMAILS: 'auditor@gmail.com',
  ALLOWED_DOMAINS: 'stat.gov.kz',
  SAPA_HMAC_SECRET: '',
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']

let servedKey: PrivateKey
let unknownKey: PrivateKey
const payload = JSON.stringify({
  header: HEADER,
  rows: surveyRows(),
  options: { tables: ['rating'] },
})

beforeAll(async () => {
  const served = await generateKeyPair('RS256', { extractable: true })
  servedKey = served.privateKey
  unknownKey = (await generateKeyPair('RS256')).privateKey
  const jwk = { ...(await exportJWK(served.publicKey)), kid: 'served', alg: 'RS256', use: 'sig' }
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === JWKS_URL) return Promise.resolve(Response.json({ keys: [jwk] }))
    return realFetch(input, init)
  })
})

afterAll(() => {
  vi.restoreAllMocks()
})

function idToken(
  claims: JWTPayload = {},
  { key = servedKey, kid = 'served', expiresIn = '1h' } = {},
) {
  return new SignJWT({
    email: 'analyst@stat.gov.kz',
    email_verified: true,
    hd: 'stat.gov.kz',
    sub: '1234567890',
    iss: 'https://accounts.google.com',
    aud: CLIENT_ID,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key)
}

async function withToken(token: string, overrides = GOOGLE) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  return call('/v1/report', { method: 'POST', body: payload, headers }, overrides)
}

async function expectRefused(response: Response, reason: RegExp) {
  expect(response.status).toBe(401)
  const body = await json(response)
  expect(body.error).toBe('unauthorized')
  expect(body.message).toMatch(reason)
}

describe('Google ID tokens', () => {
  it('accepts a valid token from an allowed Workspace domain', async () => {
    const response = await withToken(await idToken())
    expect(response.status).toBe(200)
    expect((await json(response)).tables).toHaveLength(1)
  })

  it('accepts a valid token of an allowed e-mail outside the domains', async () => {
    const token = await idToken({ email: 'Auditor@gmail.com', hd: undefined })
    expect((await withToken(token)).status).toBe(200)
  })

  it('accepts the bare issuer form accounts.google.com', async () => {
    const token = await idToken({ iss: 'accounts.google.com' })
    expect((await withToken(token)).status).toBe(200)
  })

  it('refuses an expired token', async () => {
    const token = await idToken({}, { expiresIn: '-10 minutes' })
    await expectRefused(await withToken(token), /expired/)
  })

  it('refuses a token for another audience', async () => {
    const token = await idToken({ aud: 'someone-else.apps.googleusercontent.com' })
    await expectRefused(await withToken(token), /audience/)
  })

  it('refuses a token from another issuer', async () => {
    const token = await idToken({ iss: 'https://evil.example.com' })
    await expectRefused(await withToken(token), /issuer/)
  })

  it('refuses an unverified e-mail', async () => {
    const token = await idToken({ email_verified: false })
    await expectRefused(await withToken(token), /not verified/)
  })

  it('refuses an e-mail and domain outside the allow-lists', async () => {
    const token = await idToken({ email: 'someone@evil.kz', hd: 'evil.kz' })
    await expectRefused(await withToken(token), /not in ALLOWED_EMAILS/)
  })

  it('refuses an allowed domain that Google does not host for the account', async () => {
    const token = await idToken({ hd: undefined })
    await expectRefused(await withToken(token), /not in ALLOWED_EMAILS/)
  })

  it('refuses a token whose signature was altered', async () => {
    const [head, body, signature] = (await idToken()).split('.')
    const flipped = (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11)
    await expectRefused(
      await withToken(`${head}.${body}.${signature.slice(0, 10)}${flipped}`),
      /signature/,
    )
  })

  it('refuses a token whose claims were altered after signing', async () => {
    const [head, , signature] = (await idToken()).split('.')
    const claims = btoa(JSON.stringify({ email: 'boss@stat.gov.kz', email_verified: true }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    await expectRefused(await withToken(`${head}.${claims}.${signature}`), /signature/)
  })

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    const token = await idToken({}, { key: unknownKey, kid: 'stranger' })
    await expectRefused(await withToken(token), /unknown key/)
  })

  it('refuses a token when Google sign-in is not configured', async () => {
    const token = await idToken()
    await expectRefused(
      await withToken(token, { ...GOOGLE, GOOGLE_CLIENT_IDS: '' }),
      /not configured/,
    )
  })

  it('refuses an Authorization header that is not a bearer token', async () => {
    const headers = { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' }
    await expectRefused(
      await call('/v1/report', { method: 'POST', body: payload, headers }, GOOGLE),
      /Bearer/,
    )
  })
})

describe('HMAC signatures', () => {
  const post = (headers: Record<string, string>, body = payload) =>
    call('/v1/report', { method: 'POST', body, headers })

  it('accepts a request signed with the secret', async () => {
    const response = await post(await hmacHeaders(payload))
    expect(response.status).toBe(200)
    expect((await json(response)).tables).toHaveLength(1)
  })

  it('refuses a body changed after signing', async () => {
    const tampered = payload.replace('"rating"', '"regions"')
    await expectRefused(await post(await hmacHeaders(payload), tampered), /does not match/)
  })

  it('refuses a signature made with another secret', async () => {
    await expectRefused(
      await post(await hmacHeaders(payload, { secret: 'guess' })),
      /does not match/,
    )
  })

  it.each([301, -301])('refuses a timestamp %i s away from now', async (offset) => {
    const timestamp = Math.floor(Date.now() / 1000) + offset
    await expectRefused(await post(await hmacHeaders(payload, { timestamp })), /window/)
  })

  it('refuses a stale timestamp without reading the body', async () => {
    const body = watchedBody()
    const headers = await hmacHeaders(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 })
    await expectRefused(
      await call('/v1/report', { method: 'POST', body: body.stream, headers }),
      /window/,
    )
    expect(body.wasRead()).toBe(false)
  })

  it('refuses a missing signature or timestamp header', async () => {
    const headers = await hmacHeaders(payload)
    const { 'x-sapa-signature': _, ...noSignature } = headers
    const { 'x-sapa-timestamp': __, ...noTimestamp } = headers
    await expectRefused(await post(noSignature), /X-Sapa-Signature missing/)
    await expectRefused(await post(noTimestamp), /X-Sapa-Timestamp missing/)
  })

  it('refuses a request with no credentials at all', async () => {
    await expectRefused(await post({ 'content-type': 'application/json' }), /credentials missing/)
  })

  it('refuses a signed request when the secret is not set', async () => {
    const response = await call(
      '/v1/report',
      { method: 'POST', body: payload, headers: await hmacHeaders(payload) },
      { ...GOOGLE },
    )
    await expectRefused(response, /SAPA_HMAC_SECRET unset/)
  })
})

describe('with nothing configured', () => {
  it('refuses every /v1 call but health, with the reason', async () => {
    const none = {
      SAPA_HMAC_SECRET: '',
      GOOGLE_CLIENT_IDS: '',
      ALLOWED_EMAILS: '',
      ALLOWED_DOMAINS: '',
    }
    const signed = await call(
      '/v1/report',
      { method: 'POST', body: payload, headers: await hmacHeaders(payload) },
      none,
    )
    await expectRefused(signed, /not configured/)
    await expectRefused(await call('/v1/anything', {}, none), /not configured/)
    expect((await call('/v1/health', {}, none)).status).toBe(200)
  })
})
