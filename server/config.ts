/**
 * @module
 * Configuration from the environment, read once by the composition roots (never deeper). Every setting is
 * documented in the README's configuration table.
 */
import path from 'node:path';

export type AuthMode = 'dev' | 'jwt';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; PGlite under `dataDir` when absent. */
  databaseUrl: string | undefined;
  /** An existing Temporal frontend; when absent a dev server is started. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  authMode: AuthMode;
  jwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  /** Origins allowed to call the API from the browser (host pages on other origins). */
  corsOrigins: string[];
  /** Months without re-confirmation after which a spokesperson entry is stale. */
  staleAfterMonths: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number, got '${value}'.`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const authMode = (env.AUTH_MODE ?? 'dev') as AuthMode;
  if (authMode !== 'dev' && authMode !== 'jwt')
    throw new Error(`AUTH_MODE must be 'dev' or 'jwt', got '${String(authMode)}'.`);
  if (authMode === 'jwt' && (!env.JWKS_URL || !env.JWT_ISSUER || !env.JWT_AUDIENCE)) {
    throw new Error('AUTH_MODE=jwt needs JWKS_URL, JWT_ISSUER and JWT_AUDIENCE.');
  }
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    temporalPort: intFrom(env.TEMPORAL_PORT, 7233, 'TEMPORAL_PORT'),
    temporalUiPort: intFrom(env.TEMPORAL_UI_PORT, 8233, 'TEMPORAL_UI_PORT'),
    authMode,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    jwtAudience: env.JWT_AUDIENCE,
    staleAfterMonths: intFrom(env.SPOKESPERSON_STALE_MONTHS, 6, 'SPOKESPERSON_STALE_MONTHS'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
