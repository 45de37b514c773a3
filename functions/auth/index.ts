/** @module Authentication of every `/v1/*` call but health, failing closed (DESIGN §6). */
import type { MiddlewareHandler } from 'hono'
import { rawBody } from '../body'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { googleConfig, verifyGoogleToken } from './google'
import { verifyHmac } from './hmac'

/**
 * A Google ID token (`Authorization: Bearer`) or an HMAC signature
 * (`X-Sapa-Timestamp`, `X-Sapa-Signature`); with neither configured, nothing passes.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const google = googleConfig(c.env)
  const secret = c.env.SAPA_HMAC_SECRET || undefined
  if (!google && !secret) {
    refuse(
      'authentication is not configured: set GOOGLE_CLIENT_IDS with ALLOWED_EMAILS or ALLOWED_DOMAINS, or SAPA_HMAC_SECRET',
    )
  }
  const authorization = c.req.header('authorization')
  const timestamp = c.req.header('x-sapa-timestamp')
  const signature = c.req.header('x-sapa-signature')
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
    if (!token) refuse('Authorization is not "Bearer <Google ID token>"')
    if (!google) refuse('Google ID tokens are not accepted: GOOGLE_CLIENT_IDS or allow-lists unset')
    const result = await verifyGoogleToken(token, google)
    if ('reason' in result) refuse(result.reason)
  } else if (timestamp !== undefined || signature !== undefined) {
    if (timestamp === undefined) refuse('X-Sapa-Timestamp missing')
    if (signature === undefined) refuse('X-Sapa-Signature missing')
    if (!secret) refuse('HMAC signatures are not accepted: SAPA_HMAC_SECRET unset')
    const now = Math.floor(Date.now() / 1000)
    const reason = await verifyHmac(secret, timestamp, signature, () => rawBody(c), now)
    if (reason) refuse(reason)
  } else {
    refuse(
      'credentials missing: send Authorization: Bearer <Google ID token>, or X-Sapa-Timestamp and X-Sapa-Signature',
    )
  }
  await next()
}

function refuse(reason: string): never {
  throw new ApiError(401, 'unauthorized', reason)
}
