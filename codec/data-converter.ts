/**
 * @module
 * The one data converter shared by the client, the worker, the replay worker and the codec endpoint: they
 * must agree, or a workflow cannot read what the API wrote.
 *
 * @example
 * ```ts
 * const codec = createPayloadCodec(loadPayloadEncryptionConfig(process.env, defaults));
 * new Client({ connection, namespace, dataConverter: dataConverterFor(codec) });
 * ```
 */
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec.ts';
import type { PayloadEncryptionConfig } from './config.ts';

/**
 * The codec for these settings. It is installed even with encryption off: encode then passes through,
 * while decode still reads payloads written when it was on (or fails naming the missing key).
 */
export function createPayloadCodec(config: Pick<PayloadEncryptionConfig, 'encrypt' | 'keys'>) {
  return new AesGcmPayloadCodec({ keys: config.keys, encrypt: config.encrypt });
}

/** Payload conversion stays the SDK default (JSON inside the sandbox); the codec runs outside it. */
export function dataConverterFor(codec: AesGcmPayloadCodec): DataConverter {
  return { payloadCodecs: [codec] };
}
