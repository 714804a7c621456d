/**
 * @module
 * Payload-encryption settings from the environment, read once by the composition root (`server/main.ts`).
 *
 * - `PAYLOAD_ENCRYPTION=on|off`: encrypt new workflow and activity payloads. Defaults to `on` when
 *   `NODE_ENV=production` or `AUTH_MODE=jwt`, `off` otherwise (the `npm start` demo).
 * - `PAYLOAD_KEYS=id:base64,id:base64`: the primary key first, retired keys after it (kept for decoding).
 *   With encryption off, keys still decode payloads written while it was on.
 * - `CODEC_CORS_ORIGINS`: browser origins (the Temporal UI) allowed to call `/api/v1/codec/*`.
 */
import { parsePayloadKeys, type PayloadKey } from './keys.ts';

export interface PayloadEncryptionConfig {
  /** Encrypt new payloads with the primary key. */
  encrypt: boolean;
  /** Why `encrypt` has its value, for the startup banner and error messages. */
  reason: string;
  /** Primary first. */
  keys: PayloadKey[];
  /** Origins allowed to call the codec endpoint from a browser. */
  codecCorsOrigins: string[];
}

export interface PayloadEncryptionDefaults {
  /** The API's authentication mode: `jwt` means a real deployment, so encryption defaults to on. */
  authMode: 'dev' | 'jwt';
  /** Codec CORS origins when `CODEC_CORS_ORIGINS` is unset (the local dev server's UI). */
  codecCorsOrigins: string[];
}

/** `http://127.0.0.1:8233` and `http://localhost:8233`: where a local Temporal UI is opened from. */
export function localUiOrigins(uiPort: number): string[] {
  return [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
}

function parseOrigins(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL;
      try {
        parsed = new URL(origin);
      } catch {
        throw new Error(`CODEC_CORS_ORIGINS: '${origin}' is not an origin like https://temporal.example.vn.`);
      }
      // An origin has no path, query or trailing slash; anything else would never match a browser's Origin.
      if (parsed.origin !== origin) {
        throw new Error(`CODEC_CORS_ORIGINS: '${origin}' is not an origin; did you mean '${parsed.origin}'?`);
      }
      return origin;
    });
}

export function loadPayloadEncryptionConfig(
  env: NodeJS.ProcessEnv,
  defaults: PayloadEncryptionDefaults,
): PayloadEncryptionConfig {
  const setting = env.PAYLOAD_ENCRYPTION?.trim().toLowerCase() || undefined;
  if (setting !== undefined && setting !== 'on' && setting !== 'off') {
    throw new Error(`PAYLOAD_ENCRYPTION must be 'on' or 'off', got '${env.PAYLOAD_ENCRYPTION}'.`);
  }
  const production = env.NODE_ENV === 'production';
  const encrypt = setting ? setting === 'on' : production || defaults.authMode === 'jwt';
  const reason = setting
    ? `PAYLOAD_ENCRYPTION=${setting}`
    : production
      ? 'default with NODE_ENV=production'
      : defaults.authMode === 'jwt'
        ? 'default with AUTH_MODE=jwt'
        : 'default in development';
  const keys = parsePayloadKeys(env.PAYLOAD_KEYS);
  if (encrypt && keys.length === 0) {
    throw new Error(
      `Payload encryption is on (${reason}) but PAYLOAD_KEYS is empty. Set PAYLOAD_KEYS=<key id>:<base64 of 32 ` +
        `random bytes>, e.g. PAYLOAD_KEYS="k$(date +%Y%m):$(openssl rand -base64 32)", or PAYLOAD_ENCRYPTION=off ` +
        'to keep names and questions in plain text in the Temporal history.',
    );
  }
  const origins = env.CODEC_CORS_ORIGINS;
  return {
    encrypt,
    reason,
    keys,
    codecCorsOrigins: origins === undefined ? defaults.codecCorsOrigins : parseOrigins(origins),
  };
}
