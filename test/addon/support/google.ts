/** @module The tests' own Google: RS256 keys, their JWKS served on loopback, and ID tokens. */
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'

export const CLIENT_ID = 'sapa-addon-test.apps.googleusercontent.com'
export const ANALYST = 'analyst@stat.gov.kz'

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']

export interface TestGoogle {
  /** Base URL of the loopback server: `/certs` is the JWKS, other paths misbehave (see servers-worker.mjs). */
  url: string
  idToken(claims?: JWTPayload, options?: { foreignKey?: boolean }): Promise<string>
  stop(): Promise<void>
}

export async function startTestGoogle(): Promise<TestGoogle> {
  const served = await generateKeyPair('RS256', { extractable: true })
  const foreign = (await generateKeyPair('RS256')).privateKey
  const jwk = { ...(await exportJWK(served.publicKey)), kid: 'served', alg: 'RS256', use: 'sig' }
  const worker = new Worker(new URL('./servers-worker.mjs', import.meta.url), {
    workerData: { jwks: { keys: [jwk] } },
  })
  const [{ port }] = (await once(worker, 'message')) as [{ port: number }]
  const sign = (claims: JWTPayload, key: PrivateKey) =>
    new SignJWT({
      email: ANALYST,
      email_verified: true,
      hd: 'stat.gov.kz',
      sub: '1234567890',
      iss: 'https://accounts.google.com',
      aud: CLIENT_ID,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'served' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key)
  return {
    url: `http://127.0.0.1:${port}`,
    idToken: (claims = {}, { foreignKey = false } = {}) =>
      sign(claims, foreignKey ? foreign : served.privateKey),
    stop: async () => {
      worker.postMessage('stop')
      await once(worker, 'exit')
    },
  }
}

/** The Worker's vars that make it accept this Google's tokens for the analyst. */
export function googleVars(google: TestGoogle): Record<string, string> {
  return {
    OIDC_JWKS_URL: `${google.url}/certs`,
    GOOGLE_CLIENT_IDS: CLIENT_ID,
    ALLOWED_EMAILS: ANALYST,
  }
}
