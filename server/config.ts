/**
 * @module
 * Configuration from the environment, read once by the composition roots (never deeper). Every setting is
 * documented in the README's configuration table.
 */
import { DEFAULT_MAIL_FROM } from '../activities/notifications/email-channel.ts';
import { temporalConnectionOptions, type TemporalConnectionOptions } from './temporal-connection.ts';
import type { CalendarData } from '../domain/calendar/index.ts';
import path from 'node:path';
import { parseRate, type Rate, type RequestLimits } from '../api/middleware/rate-limit.ts';
import ipaddr from 'ipaddr.js';
import { parseAllowHosts, type OutboundAllowList } from '../domain/net/outbound-url.ts';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../domain/attachments/rules.ts';
import type { AttachmentStoreKind } from '../storage/attachments/store.ts';

export type AuthMode = 'dev' | 'jwt';

export interface Config {
  /** `OFFICE_HOURS` (see {@link parseOfficeHours}); undefined keeps 07:30–17:00. */
  officeHours: CalendarData['officeHours'];
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
  /** mTLS or an API key for a Temporal cluster or Temporal Cloud (`TEMPORAL_TLS_*`, `TEMPORAL_API_KEY`). */
  temporalConnection: TemporalConnectionOptions;
  /** `METRICS_TOKEN`: a bearer token that lets a scraper read `/metrics` from any address (empty: unset). */
  metricsToken: string | undefined;
  /** Months without re-confirmation after which a spokesperson entry is stale. */
  staleAfterMonths: number;
  /** Rate limits, the live-stream cap and trusted proxies that were set (README: configuration). */
  limits: Partial<RequestLimits>;
  /** Webhook targets (`host:port`) exempt from the SSRF rules: receivers an operator runs on internal hosts. */
  outboundAllowHosts: OutboundAllowList;
  /**
   * Attachments on contacts: where their content lives (`ATTACHMENT_STORE`: `filesystem` under
   * `dataDir/attachments`, or `postgresql`) and the limits (`ATTACHMENT_MAX_BYTES`, `ATTACHMENTS_PER_CONTACT`).
   */
  attachments: { store: AttachmentStoreKind; limits: AttachmentLimits };
  /**
   * E-mail notifications (issue 11): `SMTP_URL` (`smtp://host:port`, `smtps://user:pass@host:port`; unset:
   * `npm start` runs a local catch-all, the worker alone sends no e-mail), `MAIL_FROM`, and `PUBLIC_BASE_URL`
   * (where links in mail lead; default this server's address).
   */
  mail: { smtpUrl: string | undefined; from: string; publicBaseUrl: string };
}

/** `SMTP_URL`, `MAIL_FROM`, `PUBLIC_BASE_URL`, checked. */
export function mailFrom(env: NodeJS.ProcessEnv, host: string, port: number): Config['mail'] {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl))
    throw new Error(`SMTP_URL must be smtp://host:port or smtps://user:pass@host:port, got '${smtpUrl}'.`);
  const publicBaseUrl =
    env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') ||
    `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl))
    throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, got '${publicBaseUrl}'.`);
  return {
    smtpUrl,
    from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    publicBaseUrl,
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number, got '${value}'.`);
  return n;
}

/**
 * True for addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`.
 * Only plain dotted-quad IPv4 counts, so shorthand forms like `127.1` or `2130706433` are refused
 * rather than guessed at.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (ipaddr.IPv4.isValidFourPartDecimal(h)) return ipaddr.IPv4.parse(h).range() === 'loopback';
  if (ipaddr.IPv6.isValid(h)) return ipaddr.process(h).range() === 'loopback';
  return false;
}

/**
 * The dev issuer mints a token for any user and role (admin included) to whoever asks, so it must never
 * serve anyone but this machine: refuse it on a non-loopback HOST and under NODE_ENV=production.
 */
function assertDevAuthIsLocal(env: NodeJS.ProcessEnv, host: string): void {
  const reason =
    env.NODE_ENV === 'production'
      ? 'NODE_ENV is production'
      : isLoopbackHost(host)
        ? undefined
        : `HOST is '${host}', which is not a loopback address`;
  if (!reason) return;
  throw new Error(
    [
      `Refusing to start with AUTH_MODE=dev${env.AUTH_MODE ? '' : ' (the default)'}: ${reason}.`,
      'Dev mode mints an admin token for anyone who asks, so it only runs on a loopback HOST',
      '(127.0.0.1, ::1 or localhost) and never with NODE_ENV=production.',
      'To serve other machines, set AUTH_MODE=jwt with JWKS_URL, JWT_ISSUER and JWT_AUDIENCE',
      "(your identity provider's key set, issuer and audience).",
      'For a local demo, leave HOST unset (127.0.0.1) and NODE_ENV unset.',
    ].join('\n'),
  );
}

/** `<limit>/<window>` or `off` (see `parseRate`); unset: the default. */
function rateFrom(env: NodeJS.ProcessEnv, name: string): Rate | false | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  try {
    return parseRate(value);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}.`);
  }
}

function countFrom(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${value}'.`);
  return n;
}

/** Request limits from the environment; unset ones keep `DEFAULT_LIMITS` (api/middleware/rate-limit.ts). */
function limitsFrom(env: NodeJS.ProcessEnv): Partial<RequestLimits> {
  return {
    trustProxy: countFrom(env, 'TRUST_PROXY', 0, 10),
    streamsPerUser: countFrom(env, 'STREAMS_PER_USER', 1, 1000),
    requestsPerUser: rateFrom(env, 'RATE_LIMIT_PER_USER'),
    requestsPerAddress: rateFrom(env, 'RATE_LIMIT_PER_ADDRESS'),
    devTokensPerAddress: rateFrom(env, 'RATE_LIMIT_DEV_TOKENS'),
    authFailuresPerAddress: rateFrom(env, 'RATE_LIMIT_AUTH_FAILURES'),
    contactCreatesPerUser: rateFrom(env, 'RATE_LIMIT_CONTACT_CREATES'),
  };
}

/** Attachment store and limits from the environment (README: configuration). */
function attachmentsFrom(env: NodeJS.ProcessEnv): Config['attachments'] {
  const store = env.ATTACHMENT_STORE || 'filesystem';
  if (store !== 'filesystem' && store !== 'postgresql')
    throw new Error(`ATTACHMENT_STORE must be 'filesystem' or 'postgresql', got '${store}'.`);
  return {
    store,
    limits: {
      maxBytes:
        countFrom(env, 'ATTACHMENT_MAX_BYTES', 1, 100 * 1024 * 1024) ?? DEFAULT_ATTACHMENT_LIMITS.maxBytes,
      maxPerContact:
        countFrom(env, 'ATTACHMENTS_PER_CONTACT', 1, 1000) ?? DEFAULT_ATTACHMENT_LIMITS.maxPerContact,
    },
  };
}

/**
 * `OFFICE_HOURS`: `HH:MM-HH:MM` (Vietnam time), or `always` — meetings and notices at any hour and on any
 * day, for demos and tests outside office hours (deadlines still count working days).
 */
export function parseOfficeHours(value: string | undefined): CalendarData['officeHours'] {
  if (!value) return undefined;
  if (value === 'always') return 'always';
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  const start = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const end = match ? Number(match[3]) * 60 + Number(match[4]) : NaN;
  if (!(start < end)) throw new Error(`OFFICE_HOURS must be 'HH:MM-HH:MM' or 'always', got '${value}'.`);
  return { start, end };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const authMode = (env.AUTH_MODE || 'dev') as AuthMode;
  if (authMode !== 'dev' && authMode !== 'jwt')
    throw new Error(`AUTH_MODE must be 'dev' or 'jwt', got '${String(authMode)}'.`);
  if (authMode === 'jwt' && (!env.JWKS_URL || !env.JWT_ISSUER || !env.JWT_AUDIENCE)) {
    throw new Error('AUTH_MODE=jwt needs JWKS_URL, JWT_ISSUER and JWT_AUDIENCE.');
  }
  const host = env.HOST || '127.0.0.1';
  if (authMode === 'dev') assertDevAuthIsLocal(env, host);
  const port = intFrom(env.PORT, 3000, 'PORT');
  return {
    port,
    mail: mailFrom(env, host, port),
    host,
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
    limits: limitsFrom(env),
    officeHours: parseOfficeHours(env.OFFICE_HOURS),
    outboundAllowHosts: parseAllowHosts(env.OUTBOUND_ALLOW_HOSTS),
    attachments: attachmentsFrom(env),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    metricsToken: env.METRICS_TOKEN?.trim() || undefined,
    temporalConnection: temporalConnectionOptions(env),
  };
}
