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
  /** Tokens older than this are refused whatever their `exp` says. */
  maxTokenAge?: string;
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
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALLOWED_ALGORITHMS,
        maxTokenAge: options.maxTokenAge ?? '12h',
        clockTolerance: 30,
      });
      return identityFromClaims(payload);
    } catch {
      return undefined;
    }
  };
}
