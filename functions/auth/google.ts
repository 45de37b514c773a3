/** @module Google ID tokens: signature against a JWKS, issuer, audience, expiry, allow-lists. */
import { createRemoteJWKSet, errors, jwtVerify } from 'jose'
import { listVar } from '../env'

export interface GoogleConfig {
  jwksUrl: string
  clientIds: string[]
  allowedEmails: string[]
  allowedDomains: string[]
}

export const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com']

export function googleConfig(env: {
  OIDC_JWKS_URL?: string
  GOOGLE_CLIENT_IDS?: string
  ALLOWED_EMAILS?: string
  ALLOWED_DOMAINS?: string
}): GoogleConfig | undefined {
  const config = {
    jwksUrl: env.OIDC_JWKS_URL ?? '',
    // Client ids are case-sensitive in tokens; only the allow-lists are lower-cased.
    clientIds: (env.GOOGLE_CLIENT_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    allowedEmails: listVar(env.ALLOWED_EMAILS),
    allowedDomains: listVar(env.ALLOWED_DOMAINS),
  }
  const anyoneAllowed = config.allowedEmails.length > 0 || config.allowedDomains.length > 0
  return config.jwksUrl && config.clientIds.length > 0 && anyoneAllowed ? config : undefined
}

// One key set per URL for the isolate's life: jose caches keys and refetches on unknown kids.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()

/** The caller's e-mail, or the reason the token is refused. */
export async function verifyGoogleToken(
  token: string,
  config: GoogleConfig,
): Promise<{ email: string } | { reason: string }> {
  let keys = keySets.get(config.jwksUrl)
  if (!keys) {
    keys = createRemoteJWKSet(new URL(config.jwksUrl))
    keySets.set(config.jwksUrl, keys)
  }
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload']
  try {
    ;({ payload } = await jwtVerify(token, keys, {
      issuer: GOOGLE_ISSUERS,
      audience: config.clientIds,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'email'],
    }))
  } catch (error) {
    return { reason: tokenFailure(error) }
  }
  if (payload.email_verified !== true) return { reason: 'e-mail address not verified' }
  const email = String(payload.email).toLowerCase()
  const domain = email.slice(email.lastIndexOf('@') + 1)
  // A domain is trusted only when Google hosts it (the `hd` claim), as Google advises:
  // anyone can sign up a Google account with an address of any domain.
  const hostedDomain = typeof payload.hd === 'string' ? payload.hd.toLowerCase() : undefined
  if (config.allowedEmails.includes(email)) return { email }
  if (config.allowedDomains.includes(domain) && hostedDomain === domain) return { email }
  return { reason: `${email} is not in ALLOWED_EMAILS and its domain is not in ALLOWED_DOMAINS` }
}

function tokenFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired'
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'token audience is not one of GOOGLE_CLIENT_IDS'
    if (error.claim === 'iss') return 'token issuer is not Google'
    return `token claim "${error.claim}" invalid: ${error.reason}`
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature invalid'
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed by an unknown key'
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm not allowed'
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return 'token malformed'
  }
  // The key set could not be fetched or read: refuse, and leave a trace for the operator.
  console.warn(JSON.stringify({ auth: 'google', error: String(error) }))
  return 'token could not be verified'
}
