/**
 * Payload encryption for the integration tests: fixed test-only keys, so that histories recorded by the
 * tests (`RECORD_HISTORIES`) stay readable by the replay tests later. Never use these keys anywhere else.
 */
import { parsePayloadKeys } from '../../codec/keys.ts';
import { createPayloadCodec, dataConverterFor } from '../../codec/data-converter.ts';

/** `PAYLOAD_KEYS` of the tests: `test-2026b` is primary, `test-2026a` a retired key kept for decoding. */
export const TEST_PAYLOAD_KEYS =
  'test-2026b:dGVzdC1vbmx5LXBheWxvYWQta2V5LTIwMjZiLTMyYnk=,test-2026a:dGVzdC1vbmx5LXBheWxvYWQta2V5LTIwMjZhLTMyYnk=';

export const testPayloadCodec = createPayloadCodec({
  encrypt: true,
  keys: parsePayloadKeys(TEST_PAYLOAD_KEYS),
});

/** The data converter every test worker, client and replay worker uses. */
export const testDataConverter = dataConverterFor(testPayloadCodec);
