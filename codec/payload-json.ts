/**
 * @module
 * Payloads in the protobuf JSON form used by the codec-server protocol (`{ metadata: { k: base64 }, data:
 * base64 }`), to and from the SDK's binary form.
 */
import type { Payload } from '@temporalio/common';

export interface PayloadJson {
  metadata?: Record<string, string> | undefined;
  data?: string | undefined;
}

// Protobuf JSON accepts standard and URL-safe base64, padded or not; Node's decoder reads all four.
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const toBase64 = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('base64');

export function payloadFromJson(json: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(json.metadata ?? {}).map(([k, v]) => [k, fromBase64(v)])),
    data: fromBase64(json.data ?? ''),
  };
}

export function payloadToJson(payload: Payload): Required<PayloadJson> {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, toBase64(v)])),
    data: toBase64(payload.data),
  };
}
