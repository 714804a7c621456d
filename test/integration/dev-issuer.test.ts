// AUTH_MODE=dev with several API processes on one data folder: they start together, and all must sign with one
// key, or a token minted by one API is refused by another (seen in CI: process-split's second API answered 401).
import { mkdtemp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../../api/auth/dev-issuer.ts';

const scratchDir = () => mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'pl-dev-issuer-'));

describe('dev token issuer', () => {
  it('gives issuers started together on one folder the same key, and leaves no drafts behind', async () => {
    const dir = await scratchDir();
    const issuers = await Promise.all(Array.from({ length: 8 }, () => createDevIssuer(dir)));
    const keys = new Set(issuers.map((i) => JSON.stringify(i.jwks)));
    expect(keys.size).toBe(1);
    const { token } = await issuers[3]!.mint({
      sub: 'yte-van-thu',
      name: 'Văn thư',
      roles: ['agency_staff'],
    });
    const verified = await jwtVerify(token, createLocalJWKSet(issuers[6]!.jwks), {
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    });
    expect(verified.payload.sub).toBe('yte-van-thu');
    expect(await readdir(dir)).toEqual(['dev-signing-key.json']);
  });

  it('keeps the key across restarts, and one in memory without a folder', async () => {
    const dir = await scratchDir();
    const first = await createDevIssuer(dir);
    const again = await createDevIssuer(dir);
    expect(again.jwks).toEqual(first.jwks);
    const inMemory = await createDevIssuer();
    expect(inMemory.jwks.keys[0]?.kid).toBeDefined();
    expect(inMemory.jwks.keys[0]).not.toHaveProperty('d');
  });
});
