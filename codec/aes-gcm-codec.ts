/**
 * @module
 * AES-256-GCM payload codec: workflow and activity payloads are stored in Temporal's history encrypted.
 *
 * An encrypted payload is `{ metadata: { encoding: 'binary/encrypted', 'encryption-key-id', 'encryption-cipher' },
 * data: iv(12) ‖ ciphertext ‖ tag(16) }`. The plaintext is the whole original payload (its protobuf encoding),
 * so the inner metadata (`json/plain`, message types…) is hidden and restored exactly. The outer metadata is
 * bound into the GCM associated data: a payload whose key id or cipher was edited fails authentication.
 *
 * Decoding picks the key named in the payload, so a rotation (new primary key, old keys kept) never breaks
 * old histories; payloads without the encrypted encoding (recorded before encryption) pass through.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
// A CommonJS module: Node's ESM loader only sees its default export.
import proto from '@temporalio/proto';
import { KEY_ID_PATTERN, type PayloadKey } from './keys.ts';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
export const CIPHER = 'AES-256-GCM';

const IV_BYTES = 12;
const TAG_BYTES = 16;
// Versioned so that a future format can never be confused with this one.
const AAD_CONTEXT = 'press-liaison/payload/v1';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false });

/** A payload could not be decrypted. The message names the key id, never any payload content. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
  /** The key id found in the payload, when it is a well-formed id. */
  readonly keyId: string | undefined;
  constructor(message: string, keyId: string | undefined) {
    super(message);
    this.keyId = keyId;
  }
}

export interface AesGcmPayloadCodecOptions {
  /** Primary key first; every key stays available for decoding. May be empty when `encrypt` is false. */
  keys: readonly PayloadKey[];
  /** Encrypt new payloads with the primary key. When false, encode passes payloads through unchanged. */
  encrypt: boolean;
}

function associatedData(keyId: string, cipher: string): Uint8Array {
  return utf8.encode(JSON.stringify([AAD_CONTEXT, ENCRYPTED_ENCODING, keyId, cipher]));
}

function metadataText(payload: Payload, name: string): string | undefined {
  const value = payload.metadata?.[name];
  return value ? fromUtf8.decode(value) : undefined;
}

/** Key ids come from stored payloads: show them only when they look like ids we issue. */
function displayKeyId(keyId: string): string {
  return KEY_ID_PATTERN.test(keyId) ? `'${keyId}'` : '(a malformed key id)';
}

export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #keys: ReadonlyMap<string, PayloadKey>;
  readonly #primary: PayloadKey | undefined;

  constructor(options: AesGcmPayloadCodecOptions) {
    this.#keys = new Map(options.keys.map((key) => [key.id, key]));
    if (this.#keys.size !== options.keys.length) throw new Error('Payload key ids must be unique.');
    this.#primary = options.encrypt ? options.keys[0] : undefined;
    if (options.encrypt && !this.#primary) throw new Error('Payload encryption needs at least one key.');
  }

  /** The id of the key new payloads are encrypted with; `undefined` when encode passes through. */
  get primaryKeyId(): string | undefined {
    return this.#primary?.id;
  }

  /** Ids of every key available for decoding, primary first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.#primary;
    if (!key) return Promise.resolve(payloads);
    return Promise.resolve(payloads.map((payload) => this.#encrypt(payload, key)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    // Synchronous work wrapped in a promise: a failure must reject, not throw, for the SDK's callers.
    return new Promise((resolve) => resolve(payloads.map((payload) => this.#decrypt(payload))));
  }

  /** True when the payload carries our encrypted encoding (whatever its key). */
  static isEncrypted(payload: Payload): boolean {
    return metadataText(payload, 'encoding') === ENCRYPTED_ENCODING;
  }

  #encrypt(payload: Payload, key: PayloadKey): Payload {
    const plaintext = PayloadMessage.encode(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.secret, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(key.id, CIPHER));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: {
        encoding: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(key.id),
        [CIPHER_METADATA]: utf8.encode(CIPHER),
      },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  #decrypt(payload: Payload): Payload {
    if (!AesGcmPayloadCodec.isEncrypted(payload)) return payload;
    const keyId = metadataText(payload, KEY_ID_METADATA);
    if (keyId === undefined) {
      throw new PayloadDecryptionError('Cannot decrypt a payload: it has no encryption-key-id.', undefined);
    }
    const shown = displayKeyId(keyId);
    const safeId = KEY_ID_PATTERN.test(keyId) ? keyId : undefined;
    const key = this.#keys.get(keyId);
    if (!key) {
      const known = this.keyIds.length ? this.keyIds.map((id) => `'${id}'`).join(', ') : 'none';
      throw new PayloadDecryptionError(
        `Cannot decrypt a payload encrypted with key ${shown}: that key is not configured (keys: ${known}). ` +
          'Keep retired keys in PAYLOAD_KEYS for as long as histories encrypted with them exist.',
        safeId,
      );
    }
    const cipherName = metadataText(payload, CIPHER_METADATA);
    if (cipherName !== CIPHER) {
      throw new PayloadDecryptionError(
        `Cannot decrypt a payload encrypted with key ${shown}: unsupported cipher (expected ${CIPHER}).`,
        safeId,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.byteLength < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(
        `Cannot decrypt a payload encrypted with key ${shown}: the data is too short to be an encrypted payload.`,
        safeId,
      );
    }
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.byteLength - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key.secret, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, cipherName));
    decipher.setAuthTag(tag);
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.byteLength - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // GCM says only "unable to authenticate": the payload, its metadata or the key material changed.
      throw new PayloadDecryptionError(
        `Cannot decrypt a payload encrypted with key ${shown}: authentication failed ` +
          '(the payload or its metadata was altered, or the key material configured for this id is wrong).',
        safeId,
      );
    }
    return PayloadMessage.decode(plaintext);
  }
}
