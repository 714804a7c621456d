/**
 * @module
 * The development token issuer (`AUTH_MODE=dev`): an ES256 key kept under the data folder, a JWKS, and
 * `mint(identity)`. Tokens it signs go through the same verifier as production tokens.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { TokenIdentity } from './claims.ts';

export const DEV_ISSUER = 'press-liaison-dev';
export const DEV_AUDIENCE = 'press-liaison';

export interface DevIssuer {
  jwks: JSONWebKeySet;
  mint(identity: TokenIdentity, ttlSeconds?: number): Promise<{ token: string; expiresAt: number }>;
}

async function loadOrCreateKey(dir: string | undefined): Promise<JWK> {
  const file = dir ? path.join(dir, 'dev-signing-key.json') : undefined;
  if (file) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as JWK;
    } catch {
      // first start: create below
    }
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: 'ES256' };
  if (!file || !dir) return jwk;
  // Several API processes may share one data folder and start together: the key is written whole under a
  // name of its own, then linked into place, which fails if another process got there first. Every process
  // then signs with the one key that won, so a token minted by one is accepted by all.
  await mkdir(dir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, JSON.stringify(jwk), { mode: 0o600 });
  try {
    await link(draft, file);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } finally {
    await unlink(draft);
  }
}

/** @param keyDir where the signing key is kept across restarts; in memory when absent. */
export async function createDevIssuer(keyDir?: string): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(keyDir);
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'ES256');
  return {
    jwks: { keys: [{ ...publicJwk, use: 'sig' }] },
    async mint(identity, ttlSeconds = 8 * 3600) {
      const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
      const token = await new SignJWT({
        name: identity.name,
        roles: identity.roles,
        agency_id: identity.agencyId,
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .setSubject(identity.sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAt: expiresAt * 1000 };
    },
  };
}
