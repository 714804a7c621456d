/**
 * @module
 * Bearer-token verification with `jose`: an algorithm allow-list, exact issuer and audience, a maximum token
 * age, and keys from a JWKS (fetched and cached from the host identity provider, or the dev issuer's own).
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { identityFromClaims, type TokenIdentity } from './claims.ts';

export const ALLOWED_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** Tokens older than this (seconds) are refused whatever their `exp` says. */
  maxTokenAgeSeconds?: number;
  jwksUrl?: string | undefined;
  jwks?: JSONWebKeySet | undefined;
}

export type TokenVerifier = (token: string) => Promise<TokenIdentity | undefined>;

export function createVerifier(options: VerifierOptions): TokenVerifier {
  let keys: JWTVerifyGetKey;
  if (options.jwks) keys = createLocalJWKSet(options.jwks);
  else if (options.jwksUrl)
    keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  else throw new Error('A verifier needs a JWKS or a JWKS URL.');
  const maxTokenAgeSeconds = options.maxTokenAgeSeconds ?? 12 * 3600;
  const verified = new VerifiedTokens();
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALLOWED_ALGORITHMS,
        maxTokenAge: maxTokenAgeSeconds,
        clockTolerance: 30,
      });
      const identity = identityFromClaims(payload);
      if (identity) {
        const limits = [
          payload.exp,
          payload.iat === undefined ? undefined : payload.iat + maxTokenAgeSeconds,
        ];
        verified.remember(token, identity, Math.min(...limits.map((s) => (s ?? Infinity) * 1000)));
      }
      return identity;
    } catch {
      return undefined;
    }
  };
}

/**
 * Tokens already verified, for a minute at most and never past their expiry or maximum age: a signature check
 * is the dearest step of a request (each client sends the same token many times), and a minute bounds how long
 * a key the provider withdraws keeps working. Bounded; the oldest entries go first. Failures are not kept.
 */
class VerifiedTokens {
  static readonly TTL_MS = 60_000;
  static readonly MAX_ENTRIES = 10_000;
  readonly #entries = new Map<string, { identity: TokenIdentity; until: number }>();

  get(token: string): TokenIdentity | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (Date.now() < entry.until) return entry.identity;
    this.#entries.delete(token);
    return undefined;
  }

  remember(token: string, identity: TokenIdentity, validUntil: number): void {
    if (this.#entries.size >= VerifiedTokens.MAX_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, { identity, until: Math.min(validUntil, Date.now() + VerifiedTokens.TTL_MS) });
  }
}
