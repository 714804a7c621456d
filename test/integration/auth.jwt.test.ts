// AUTH_MODE=jwt: tokens from a host identity provider, verified against its JWKS fetched over HTTP, with an
// algorithm allow-list, exact issuer and audience and a maximum age.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type TokenVerifier } from '../../api/auth/verifier.ts';
import { freePort } from '../support/global-setup.ts';

let server: ServerType;
let verify: TokenVerifier;
let key: CryptoKey;
let otherKey: CryptoKey;
const ISSUER = 'https://sso.quangtri.gov.vn';
const AUDIENCE = 'press-liaison';

beforeAll(async () => {
  ({ privateKey: key } = await generateKeyPair('RS256', { extractable: true }));
  ({ privateKey: otherKey } = await generateKeyPair('RS256'));
  const publicJwk = { ...(await exportJWK(key)), kid: 'host-1', alg: 'RS256', use: 'sig' };
  delete publicJwk.d;
  delete publicJwk.p;
  delete publicJwk.q;
  delete publicJwk.dp;
  delete publicJwk.dq;
  delete publicJwk.qi;
  const port = await freePort();
  const idp = new Hono().get('/.well-known/jwks.json', (c) => c.json({ keys: [publicJwk] }));
  server = serve({ fetch: idp.fetch, port, hostname: '127.0.0.1' });
  verify = createVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
  });
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function token(
  claims: Record<string, unknown> = {},
  options: { key?: CryptoKey; iss?: string; aud?: string; iat?: number; exp?: string } = {},
) {
  return new SignJWT({
    name: 'Lê Thị Cúc',
    roles: ['agency_staff', 'not_a_role'],
    agency_id: 'qt-so-yte',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'host-1' })
    .setSubject('yte-van-thu')
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt(options.iat)
    .setExpirationTime(options.exp ?? '1h')
    .sign(options.key ?? key);
}

describe('JWKS verification', () => {
  it('accepts a host token and keeps only known roles', async () => {
    expect(await verify(await token())).toEqual({
      sub: 'yte-van-thu',
      name: 'Lê Thị Cúc',
      roles: ['agency_staff'],
      agencyId: 'qt-so-yte',
    });
  });

  it.each([
    ['another issuer', () => token({}, { iss: 'https://evil.example' })],
    ['another audience', () => token({}, { aud: 'someone-else' })],
    ['a key not in the JWKS', () => token({}, { key: otherKey })],
    ['an expired token', () => token({}, { exp: '-1m' })],
    [
      'a token older than the maximum age',
      () => token({}, { iat: Math.floor(Date.now() / 1000) - 13 * 3600, exp: '1h' }),
    ],
    [
      'alg none',
      () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`,
    ],
    [
      'an HMAC token (not on the allow-list)',
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('x'.repeat(32))),
    ],
  ])('refuses %s', async (_name, make) => {
    expect(await verify(await make())).toBeUndefined();
  });

  it('answers a token it verified before with the same identity, and never keeps a refusal', async () => {
    const host = await token({ roles: ['spokesperson'] });
    const first = await verify(host);
    expect(first?.roles).toEqual(['spokesperson']);
    // The second answer comes from the cache of verified tokens.
    expect(await verify(host)).toEqual(first);
    const forged = await token({}, { key: otherKey });
    expect(await verify(forged)).toBeUndefined();
    expect(await verify(forged)).toBeUndefined();
    expect(await verify(await token({}, { exp: '-1m' }))).toBeUndefined();
  });
});
