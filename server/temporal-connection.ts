/**
 * @module
 * How the product's processes connect to Temporal beyond a local dev server: a self-hosted cluster with mTLS
 * (`TEMPORAL_TLS_CERT` and `TEMPORAL_TLS_KEY`, optionally `TEMPORAL_TLS_CA` and `TEMPORAL_TLS_SERVER_NAME`) or
 * Temporal Cloud with an API key (`TEMPORAL_API_KEY`, which implies TLS). The same options serve the API's
 * client connection and the worker's native connection. Files are read once, at start; a missing file or half
 * a certificate pair stops the process with the variable to fix.
 */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow/tls-config.js';

export interface TemporalConnectionOptions {
  tls?: TLSConfig | boolean | undefined;
  apiKey?: string | undefined;
}

function readFile(variable: string, file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${variable}=${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** The connection options the environment asks for; `{}` for a plain local connection. */
export function temporalConnectionOptions(env: NodeJS.ProcessEnv = process.env): TemporalConnectionOptions {
  const cert = env.TEMPORAL_TLS_CERT?.trim() || undefined;
  const key = env.TEMPORAL_TLS_KEY?.trim() || undefined;
  const ca = env.TEMPORAL_TLS_CA?.trim() || undefined;
  const serverName = env.TEMPORAL_TLS_SERVER_NAME?.trim() || undefined;
  const apiKey = env.TEMPORAL_API_KEY?.trim() || undefined;
  if (Boolean(cert) !== Boolean(key))
    throw new Error(
      'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both (a client certificate and its key).',
    );
  if (apiKey && cert)
    throw new Error(
      'Choose one way to authenticate to Temporal: TEMPORAL_API_KEY or TEMPORAL_TLS_CERT/KEY, not both.',
    );
  const custom: TLSConfig = {
    ...(cert && key
      ? {
          clientCertPair: {
            crt: readFile('TEMPORAL_TLS_CERT', cert),
            key: readFile('TEMPORAL_TLS_KEY', key),
          },
        }
      : {}),
    ...(ca ? { serverRootCACertificate: readFile('TEMPORAL_TLS_CA', ca) } : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
  const wantsTls = Boolean(cert || ca || serverName || apiKey || env.TEMPORAL_TLS === 'on');
  return {
    ...(wantsTls ? { tls: Object.keys(custom).length ? custom : true } : {}),
    ...(apiKey ? { apiKey } : {}),
  };
}
