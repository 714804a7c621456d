// The payload codec and its configuration on their own (no Temporal needed): round trip, rotation, tampering,
// unknown keys, pass-through of payloads recorded before encryption, and the settings that turn it on.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  AesGcmPayloadCodec,
  CIPHER_METADATA,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from '../../codec/aes-gcm-codec.ts';
import { loadPayloadEncryptionConfig } from '../../codec/config.ts';
import { parsePayloadKeys, payloadKey, PayloadKeyConfigError } from '../../codec/keys.ts';
import { payloadFromJson, payloadToJson } from '../../codec/payload-json.ts';

const NAME = 'Nguyễn Văn An';
const QUESTION = 'Số ca sốt xuất huyết trong tháng 11 là bao nhiêu?';
const text = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const plainPayload = (): Payload =>
  defaultPayloadConverter.toPayload({ journalist: NAME, question: QUESTION });

const keyA = payloadKey('k2026a', randomBytes(32));
const keyB = payloadKey('k2026b', randomBytes(32));
const codecWith = (...keys: ReturnType<typeof payloadKey>[]) =>
  new AesGcmPayloadCodec({ keys, encrypt: true });

async function decodeError(codec: AesGcmPayloadCodec, payload: Payload): Promise<PayloadDecryptionError> {
  const error: unknown = await codec.decode([payload]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayloadDecryptionError);
  const message = (error as Error).message;
  // Loud, but never with the content.
  expect(message).not.toContain(NAME);
  expect(message).not.toContain('sốt xuất huyết');
  return error as PayloadDecryptionError;
}

describe('AES-256-GCM payload codec', () => {
  it('encrypts with the primary key and decodes back to the exact original payload', async () => {
    const codec = codecWith(keyA);
    const original = plainPayload();
    const [encrypted] = await codec.encode([original]);
    expect(text(encrypted!.metadata![`encoding`])).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('k2026a');
    expect(text(encrypted!.metadata![CIPHER_METADATA])).toBe('AES-256-GCM');
    // The inner encoding (json/plain) is hidden with the data.
    expect(Object.keys(encrypted!.metadata!).sort()).toEqual(['encoding', CIPHER_METADATA, KEY_ID_METADATA]);
    expect(text(encrypted!.data)).not.toContain(NAME);
    expect(text(encrypted!.data)).not.toContain('json/plain');

    const [decoded] = await codec.decode([encrypted!]);
    expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ journalist: NAME, question: QUESTION });
  });

  it('uses a fresh IV for every payload', async () => {
    const codec = codecWith(keyA);
    const [one, two] = await codec.encode([plainPayload(), plainPayload()]);
    expect(Buffer.from(one!.data!).subarray(0, 12)).not.toEqual(Buffer.from(two!.data!).subarray(0, 12));
    expect(Buffer.from(one!.data!)).not.toEqual(Buffer.from(two!.data!));
  });

  it('still decodes payloads written with the old key after a rotation', async () => {
    const [old] = await codecWith(keyA).encode([plainPayload()]);
    const rotated = codecWith(keyB, keyA);
    expect(rotated.primaryKeyId).toBe('k2026b');
    const [fresh] = await rotated.encode([plainPayload()]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('k2026b');
    const decoded = await rotated.decode([old!, fresh!]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { journalist: NAME, question: QUESTION },
      { journalist: NAME, question: QUESTION },
    ]);
  });

  it('fails naming the key id when the key is not configured', async () => {
    const [old] = await codecWith(keyA).encode([plainPayload()]);
    const error = await decodeError(codecWith(keyB), old!);
    expect(error.keyId).toBe('k2026a');
    expect(error.message).toMatch(/key 'k2026a'.*not configured \(keys: 'k2026b'\)/);
    expect(error.message).toContain('PAYLOAD_KEYS');
  });

  it('fails when an encrypted payload arrives and no keys are configured at all', async () => {
    const [encrypted] = await codecWith(keyA).encode([plainPayload()]);
    const off = new AesGcmPayloadCodec({ keys: [], encrypt: false });
    expect((await decodeError(off, encrypted!)).message).toMatch(/key 'k2026a'.*\(keys: none\)/);
  });

  it('refuses a tampered ciphertext, tag, IV or metadata', async () => {
    const codec = codecWith(keyA, keyB);
    const [encrypted] = await codec.encode([plainPayload()]);
    const data = Buffer.from(encrypted!.data!);
    const flip = (at: number): Payload => {
      const copy = Buffer.from(data);
      copy[at] = copy[at]! ^ 0x01;
      return { metadata: encrypted!.metadata!, data: copy };
    };
    for (const at of [0, 12, data.length - 17, data.length - 1]) {
      const error = await decodeError(codec, flip(at));
      expect(error.message).toMatch(/key 'k2026a': authentication failed/);
    }
    // Relabelling the payload with another configured key id does not decrypt it either.
    const relabelled = {
      metadata: { ...encrypted!.metadata!, [KEY_ID_METADATA]: Buffer.from('k2026b') },
      data,
    };
    expect((await decodeError(codec, relabelled)).message).toMatch(/key 'k2026b': authentication failed/);
    const truncated = { metadata: encrypted!.metadata!, data: data.subarray(0, 20) };
    expect((await decodeError(codec, truncated)).message).toMatch(/too short/);
    const otherCipher = {
      metadata: { ...encrypted!.metadata!, [CIPHER_METADATA]: Buffer.from('AES-128-CBC') },
      data,
    };
    expect((await decodeError(codec, otherCipher)).message).toMatch(/unsupported cipher/);
    const noKeyId = { metadata: { encoding: encrypted!.metadata!.encoding! }, data };
    expect((await decodeError(codec, noKeyId)).keyId).toBeUndefined();
  });

  it('never echoes a malformed key id from a payload', async () => {
    const [encrypted] = await codecWith(keyA).encode([plainPayload()]);
    const hostile = {
      ...encrypted!,
      metadata: { ...encrypted!.metadata!, [KEY_ID_METADATA]: Buffer.from('<b>x\n') },
    };
    const error = await decodeError(codecWith(keyA), hostile);
    expect(error.keyId).toBeUndefined();
    expect(error.message).toContain('(a malformed key id)');
    expect(error.message).not.toContain('<b>');
  });

  it('passes through payloads that are not encrypted (histories from before encryption)', async () => {
    const codec = codecWith(keyA);
    const plain = plainPayload();
    const binary = defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3]));
    const empty = defaultPayloadConverter.toPayload(undefined);
    expect(await codec.decode([plain, binary, empty])).toEqual([plain, binary, empty]);
  });

  it('encodes nothing when encryption is off, but still decodes with its keys', async () => {
    const [encrypted] = await codecWith(keyA).encode([plainPayload()]);
    const off = new AesGcmPayloadCodec({ keys: [keyA], encrypt: false });
    const plain = plainPayload();
    expect(off.primaryKeyId).toBeUndefined();
    expect(await off.encode([plain])).toEqual([plain]);
    const [decoded] = await off.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ journalist: NAME, question: QUESTION });
  });

  it('converts payloads to and from the codec-server JSON form', async () => {
    const [encrypted] = await codecWith(keyA).encode([plainPayload()]);
    const json = payloadToJson(encrypted!);
    expect(json.metadata.encoding).toBe(Buffer.from(ENCRYPTED_ENCODING).toString('base64'));
    const back = payloadFromJson(JSON.parse(JSON.stringify(json)) as typeof json);
    const [decoded] = await codecWith(keyA).decode([back]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ journalist: NAME, question: QUESTION });
    expect(payloadFromJson({})).toEqual({ metadata: {}, data: new Uint8Array() });
  });
});

describe('payload keys (PAYLOAD_KEYS)', () => {
  const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

  it('parses id:base64 pairs, primary first, and keeps the material out of logs', () => {
    const material = b64(32);
    const keys = parsePayloadKeys(` k2026b:${material} , k2026a:${b64(32)} `);
    expect(keys.map((k) => k.id)).toEqual(['k2026b', 'k2026a']);
    expect(keys[0]!.secret.symmetricKeySize).toBe(32);
    expect(inspect(keys)).not.toContain(material);
    expect(JSON.stringify(keys)).not.toContain(material);
    expect(parsePayloadKeys(undefined)).toEqual([]);
    expect(parsePayloadKeys('')).toEqual([]);
  });

  it('accepts URL-safe base64 as well', () => {
    const material = randomBytes(32);
    const [key] = parsePayloadKeys(`k1:${material.toString('base64url')}`);
    expect(key!.secret.export()).toEqual(material);
  });

  it.each([
    ['no colon', 'k1', /entry 1: expected '<key id>:<base64 key>'/],
    ['a 16-byte key', `k1:${b64(16)}`, /entry 1 \('k1'\): the key must be 32 random bytes in base64/],
    ['a 48-byte key', `k1:${b64(48)}`, /entry 1 \('k1'\): the key must be 32 random bytes/],
    ['a key that is not base64', `k1:${b64(32).replace(/.$/, '!')}`, /the key must be 32 random bytes/],
    ['an id with a space', `bad id:${b64(32)}`, /entry 1: the key id must be 1-64 letters/],
    ['a repeated id', `k1:${b64(32)},k1:${b64(32)}`, /entry 2: the key id 'k1' appears twice/],
  ])('refuses %s with a clear message', (_label, value, message) => {
    let error: unknown;
    try {
      parsePayloadKeys(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PayloadKeyConfigError);
    expect((error as Error).message).toMatch(message);
    // The message names the entry, never the key material.
    const material = value.split(',').map((entry) => entry.split(':')[1] ?? '');
    for (const m of material.filter((m) => m.length > 8)) expect((error as Error).message).not.toContain(m);
  });
});

describe('payload-encryption settings', () => {
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  const dev = { authMode: 'dev' as const, codecCorsOrigins: ['http://127.0.0.1:8233'] };

  it('is off for npm start and on by default in production or with JWT auth', () => {
    expect(loadPayloadEncryptionConfig({}, dev)).toMatchObject({ encrypt: false, keys: [] });
    expect(loadPayloadEncryptionConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: keys }, dev)).toMatchObject({
      encrypt: true,
      reason: 'default with NODE_ENV=production',
    });
    expect(loadPayloadEncryptionConfig({ PAYLOAD_KEYS: keys }, { ...dev, authMode: 'jwt' }).encrypt).toBe(
      true,
    );
    expect(loadPayloadEncryptionConfig({ PAYLOAD_ENCRYPTION: 'on', PAYLOAD_KEYS: keys }, dev).encrypt).toBe(
      true,
    );
    expect(
      loadPayloadEncryptionConfig({ NODE_ENV: 'production', PAYLOAD_ENCRYPTION: 'off' }, dev),
    ).toMatchObject({ encrypt: false, reason: 'PAYLOAD_ENCRYPTION=off' });
  });

  it('refuses to start with encryption on and no keys, saying how to fix it', () => {
    expect(() => loadPayloadEncryptionConfig({ NODE_ENV: 'production' }, dev)).toThrow(
      /Payload encryption is on \(default with NODE_ENV=production\) but PAYLOAD_KEYS is empty.*openssl rand -base64 32.*PAYLOAD_ENCRYPTION=off/,
    );
    expect(() => loadPayloadEncryptionConfig({ PAYLOAD_ENCRYPTION: 'on' }, dev)).toThrow(
      /PAYLOAD_ENCRYPTION=on.*PAYLOAD_KEYS is empty/,
    );
    expect(() => loadPayloadEncryptionConfig({ PAYLOAD_ENCRYPTION: 'yes' }, dev)).toThrow(
      /PAYLOAD_ENCRYPTION must be 'on' or 'off'/,
    );
  });

  it('takes the codec CORS origins from CODEC_CORS_ORIGINS, else the local UI', () => {
    expect(loadPayloadEncryptionConfig({}, dev).codecCorsOrigins).toEqual(['http://127.0.0.1:8233']);
    expect(
      loadPayloadEncryptionConfig(
        { CODEC_CORS_ORIGINS: 'https://temporal.example.vn, http://localhost:8233' },
        dev,
      ).codecCorsOrigins,
    ).toEqual(['https://temporal.example.vn', 'http://localhost:8233']);
    expect(loadPayloadEncryptionConfig({ CODEC_CORS_ORIGINS: '' }, dev).codecCorsOrigins).toEqual([]);
    expect(() =>
      loadPayloadEncryptionConfig({ CODEC_CORS_ORIGINS: 'https://temporal.example.vn/' }, dev),
    ).toThrow(/did you mean 'https:\/\/temporal.example.vn'/);
    expect(() => loadPayloadEncryptionConfig({ CODEC_CORS_ORIGINS: 'temporal' }, dev)).toThrow(
      /is not an origin/,
    );
  });
});
