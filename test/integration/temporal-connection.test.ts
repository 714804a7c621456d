// Connecting to a Temporal cluster with mTLS or to Temporal Cloud with an API key (issue 9): the options the
// environment asks for, and refusals that name the variable to fix.
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporalConnectionOptions } from '../../server/temporal-connection.ts';

describe('temporalConnectionOptions', () => {
  it('asks for nothing by default (a local dev server)', () => {
    expect(temporalConnectionOptions({})).toEqual({});
  });

  it('uses TLS with an API key for Temporal Cloud', () => {
    expect(temporalConnectionOptions({ TEMPORAL_API_KEY: 'key-123' })).toEqual({
      tls: true,
      apiKey: 'key-123',
    });
    expect(temporalConnectionOptions({ TEMPORAL_TLS: 'on' })).toEqual({ tls: true });
  });

  it('reads a client certificate pair, a CA and a server name for mTLS', async () => {
    const dir = await mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'pl-tls-'));
    const files = { cert: 'client.pem', key: 'client.key', ca: 'ca.pem' };
    for (const [kind, name] of Object.entries(files))
      await writeFile(path.join(dir, name), `-----${kind}-----`);
    const options = temporalConnectionOptions({
      TEMPORAL_TLS_CERT: path.join(dir, files.cert),
      TEMPORAL_TLS_KEY: path.join(dir, files.key),
      TEMPORAL_TLS_CA: path.join(dir, files.ca),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    const tls = options.tls as {
      clientCertPair: { crt: Uint8Array; key: Uint8Array };
      serverRootCACertificate: Uint8Array;
      serverNameOverride: string;
    };
    expect(Buffer.from(tls.clientCertPair.crt).toString()).toBe('-----cert-----');
    expect(Buffer.from(tls.clientCertPair.key).toString()).toBe('-----key-----');
    expect(Buffer.from(tls.serverRootCACertificate).toString()).toBe('-----ca-----');
    expect(tls.serverNameOverride).toBe('temporal.internal');
    expect(options.apiKey).toBeUndefined();
  });

  it('refuses half a pair, two ways of authenticating, and unreadable files, naming the variable', () => {
    expect(() => temporalConnectionOptions({ TEMPORAL_TLS_CERT: '/x.pem' })).toThrow(/TEMPORAL_TLS_KEY/);
    expect(() =>
      temporalConnectionOptions({
        TEMPORAL_TLS_CERT: '/x.pem',
        TEMPORAL_TLS_KEY: '/x.key',
        TEMPORAL_API_KEY: 'k',
      }),
    ).toThrow(/not both/);
    expect(() =>
      temporalConnectionOptions({
        TEMPORAL_TLS_CERT: '/nonexistent.pem',
        TEMPORAL_TLS_KEY: '/nonexistent.key',
      }),
    ).toThrow(/TEMPORAL_TLS_CERT=\/nonexistent\.pem cannot be read/);
  });
});
