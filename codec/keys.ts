/**
 * @module
 * Payload keys: an id plus 32 bytes of AES-256 key material. The id travels in every encrypted payload's
 * metadata so that decoding can pick the right key after a rotation.
 *
 * @example
 * ```ts
 * const keys = parsePayloadKeys('k2026b:<base64 32 bytes>,k2026a:<base64 32 bytes>');
 * keys[0].id; // 'k2026b', the primary key: new payloads are encrypted with it
 * ```
 */
import { createSecretKey, type KeyObject } from 'node:crypto';

/** One AES-256 key. The material is a `KeyObject`, so logging a key never prints its bytes. */
export interface PayloadKey {
  /** Written into each payload it encrypts (`encryption-key-id`); never secret. */
  readonly id: string;
  /** 32 bytes of key material. */
  readonly secret: KeyObject;
}

/** Ids are plain tokens: they go into payload metadata, associated data, logs and error messages. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const KEY_BYTES = 32;
// Standard or URL-safe base64 of exactly 32 bytes (43 characters and optional padding).
const KEY_BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;

/** The configuration of payload keys is wrong; the message names the entry, never the key material. */
export class PayloadKeyConfigError extends Error {
  override readonly name = 'PayloadKeyConfigError';
}

/** Builds a key from its id and raw 32 bytes (tests and key-management integrations). */
export function payloadKey(id: string, material: Uint8Array): PayloadKey {
  if (!KEY_ID_PATTERN.test(id)) {
    throw new PayloadKeyConfigError(
      `Payload key id '${id.slice(0, 64)}' is not allowed: use 1-64 letters, digits, '.', '_' or '-'.`,
    );
  }
  if (material.byteLength !== KEY_BYTES) {
    throw new PayloadKeyConfigError(
      `Payload key '${id}' must be ${KEY_BYTES} bytes (AES-256), got ${material.byteLength}.`,
    );
  }
  return { id, secret: createSecretKey(Buffer.from(material)) };
}

/**
 * Parses `id:base64,id:base64,…` (the `PAYLOAD_KEYS` format). The first key is the primary one; the others
 * stay available for decoding payloads written before a rotation. An empty text gives no keys.
 */
export function parsePayloadKeys(text: string | undefined, setting = 'PAYLOAD_KEYS'): PayloadKey[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const keys: PayloadKey[] = [];
  entries.forEach((entry, index) => {
    const where = `${setting} entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new PayloadKeyConfigError(`${where}: expected '<key id>:<base64 key>'.`);
    const id = entry.slice(0, colon).trim();
    const material = entry.slice(colon + 1).trim();
    if (!KEY_ID_PATTERN.test(id)) {
      throw new PayloadKeyConfigError(
        `${where}: the key id must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit).`,
      );
    }
    if (!KEY_BASE64.test(material)) {
      throw new PayloadKeyConfigError(
        `${where} ('${id}'): the key must be ${KEY_BYTES} random bytes in base64, e.g. from 'openssl rand -base64 32'.`,
      );
    }
    if (keys.some((k) => k.id === id)) {
      throw new PayloadKeyConfigError(
        `${where}: the key id '${id}' appears twice; every key needs its own id.`,
      );
    }
    keys.push(payloadKey(id, Buffer.from(material, 'base64')));
  });
  return keys;
}
