// Personal data stays out of Temporal's history in plain text: a request opened through the API is stored
// encrypted (names, questions, answers), search attributes carry business codes only, encrypted histories
// replay with the right keys (also after a rotation), and operators decode payloads through the codec
// endpoint — administrators only.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AesGcmPayloadCodec } from '../../codec/aes-gcm-codec.ts';
import { dataConverterFor } from '../../codec/data-converter.ts';
import { parsePayloadKeys, payloadKey } from '../../codec/keys.ts';
import { payloadToJson, type PayloadJson } from '../../codec/payload-json.ts';
import { workflowBundle } from '../../worker/worker.ts';
import { act, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { TEST_PAYLOAD_KEYS, testPayloadCodec } from '../support/payload-encryption.ts';

const NAME = 'Nguyễn Văn An'; // the demo reporter USERS.reporter
const QUESTION = `Xin cho biết số ca sốt xuất huyết tại phường Đông Hà, mã ${randomBytes(4).toString('hex')}?`;
const ANSWER = 'Tháng 11 có 42 ca sốt xuất huyết, giảm 10% so với tháng 10.';
const UI_ORIGIN = 'http://127.0.0.1:8233';

let h: Harness;
let contactId: string;
let history: proto.temporal.api.history.v1.IHistory;

beforeAll(async () => {
  h = await startHarness();
  const opened = await openRequest(h, { question: QUESTION });
  contactId = opened.id;
  await act(h, contactId, USERS.clerk, 'assign', {
    assigneeSub: USERS.officer,
    assigneeName: 'Phạm Văn Dũng',
  });
  await act(h, contactId, USERS.officer, 'submit_answer', { text: ANSWER });
  history = await h.client.workflow.getHandle(contactId).fetchHistory();
});
afterAll(async () => h?.close());

interface FoundPayload {
  path: string;
  payload: Payload;
}

/** Every payload in a history message, except in search attributes and headers (never encoded by codecs). */
function payloadsIn(value: unknown, path = ''): FoundPayload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  const record = value as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'data' in record) {
    return [{ path, payload: record }];
  }
  return Object.entries(record).flatMap(([key, child]) =>
    key === 'searchAttributes' || key === 'header' ? [] : payloadsIn(child, `${path}.${key}`),
  );
}

const utf8 = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

describe('workflow history with payload encryption', () => {
  it('holds no name, question or answer in its raw bytes', () => {
    const raw = Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish());
    expect(raw.length).toBeGreaterThan(1000);
    for (const secret of [NAME, QUESTION, ANSWER, 'Phạm Văn Dũng']) {
      expect(raw.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
  });

  it('encrypts every payload but the SDK’s marker bookkeeping; decoded, they hold the name, question and answer', async () => {
    const found = payloadsIn(history);
    expect(found.length).toBeGreaterThan(5);
    const plain = found.filter(({ payload }) => !AesGcmPayloadCodec.isEncrypted(payload));
    // The only plain payloads are the SDK core's own marker bookkeeping (patch ids; local-activity type,
    // attempt and times), written by core after the codec ran. Their fields are fixed: no user data.
    for (const { path, payload } of plain) {
      expect(path).toMatch(
        /^\.events\.\d+\.markerRecordedEventAttributes\.details\.(patch-data|data)\.payloads\.0$/,
      );
      const fields = Object.keys(JSON.parse(utf8(payload.data)) as object).sort();
      expect([
        ['deprecated', 'id'],
        [
          'activity_id',
          'activity_type',
          'attempt',
          'backoff',
          'complete_time',
          'original_schedule_time',
          'seq',
        ],
      ]).toContainEqual(fields);
    }
    expect(found.length - plain.length).toBeGreaterThan(5);
    const decoded = await testPayloadCodec.decode(found.map((f) => f.payload));
    const text = decoded.map((p) => utf8(p.data)).join('\n');
    expect(text).toContain(NAME);
    expect(text).toContain(QUESTION);
    expect(text).toContain(ANSWER);
  });

  it('keeps search attributes free of personal data', async () => {
    const description = await h.client.workflow.getHandle(contactId).describe();
    const attributes = description.typedSearchAttributes.getAll();
    expect(Object.fromEntries(attributes.map((a) => [a.key.name, a.value]))).toMatchObject({
      ContactKind: 'information_request',
      ContactStatus: 'pending_approval',
      AgencyId: 'qt-so-yte',
      EscalationLevel: 0,
    });
    // What the server stores and indexes: the raw attribute payloads, read as text.
    const indexed = description.raw.workflowExecutionInfo?.searchAttributes?.indexedFields ?? {};
    const stored = Object.entries(indexed).map(([name, payload]) => `${name}=${utf8(payload.data)}`);
    expect(stored.length).toBeGreaterThanOrEqual(4);
    const visible = JSON.stringify(attributes) + stored.join('\n');
    for (const secret of [NAME, QUESTION, USERS.reporter, USERS.officer])
      expect(visible).not.toContain(secret);
    // The workflow id is an opaque business id, not derived visibly from the reporter.
    expect(contactId).toMatch(/^YC-[A-Za-z0-9]+$/);
  });

  it('replays with the test keys, also after a rotation, and not without them', async () => {
    const bundle = await workflowBundle();
    await Worker.runReplayHistory(
      { workflowBundle: bundle, dataConverter: dataConverterFor(testPayloadCodec) },
      history,
    );
    const rotated = new AesGcmPayloadCodec({
      keys: [payloadKey('k-next', randomBytes(32)), ...parsePayloadKeys(TEST_PAYLOAD_KEYS)],
      encrypt: true,
    });
    await Worker.runReplayHistory(
      { workflowBundle: bundle, dataConverter: dataConverterFor(rotated) },
      history,
    );
    const forgotten = new AesGcmPayloadCodec({
      keys: [payloadKey('k-next', randomBytes(32))],
      encrypt: true,
    });
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: bundle, dataConverter: dataConverterFor(forgotten) },
        history,
      ),
    ).rejects.toThrow(/key 'test-2026b': that key is not configured/);
  });
});

describe('codec endpoint for the Temporal UI', () => {
  const encryptedFromHistory = () =>
    payloadsIn(history)
      .map((f) => f.payload)
      .filter((p) => AesGcmPayloadCodec.isEncrypted(p))
      .slice(0, 5)
      .map(payloadToJson);

  const decode = (as: string | undefined, payloads: unknown[], headers: Record<string, string> = {}) =>
    h.call('POST', '/codec/decode', { as, body: { payloads }, headers });

  it('asks for a token (401) and the admin role (403)', async () => {
    await expectProblem(await decode(undefined, encryptedFromHistory()), 401, 'unauthorized');
    for (const as of [USERS.reporter, USERS.clerk, USERS.supervisor]) {
      await expectProblem(await decode(as, encryptedFromHistory()), 403, 'role_required');
    }
    const encode = await h.call('POST', '/codec/encode', { as: USERS.supervisor, body: { payloads: [] } });
    await expectProblem(encode, 403, 'role_required');
  });

  it('decodes history payloads for an administrator, and audits who did it without the content', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const input = encryptedFromHistory();
      const body = await expectJson<{ payloads: Required<PayloadJson>[] }>(
        await decode(USERS.admin, input, { 'x-namespace': 'default' }),
        200,
      );
      expect(body.payloads).toHaveLength(input.length);
      const text = body.payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
      expect(text).toContain(NAME);
      expect(text).toContain(QUESTION);
      expect(Buffer.from(body.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');

      const lines = log.mock.calls.map((args) => String(args[0]));
      const audit = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((e) => e.msg === 'codec endpoint used');
      expect(audit).toMatchObject({
        operation: 'decode',
        sub: USERS.admin,
        namespace: 'default',
        payloads: input.length,
        keyIds: ['test-2026b'],
      });
      expect(lines.join('\n')).not.toContain(NAME);
    } finally {
      log.mockRestore();
    }
  });

  it('encodes for an administrator (what the UI sends when starting or signalling a workflow)', async () => {
    const plain = payloadToJson(defaultPayloadConverter.toPayload({ question: QUESTION }));
    const encoded = await expectJson<{ payloads: Required<PayloadJson>[] }>(
      await h.call('POST', '/codec/encode', { as: USERS.admin, body: { payloads: [plain] } }),
      200,
    );
    expect(Buffer.from(encoded.payloads[0]!.metadata['encryption-key-id']!, 'base64').toString()).toBe(
      'test-2026b',
    );
    expect(Buffer.from(encoded.payloads[0]!.data, 'base64').toString('utf8')).not.toContain('sốt xuất huyết');
    const decoded = await expectJson<{ payloads: Required<PayloadJson>[] }>(
      await decode(USERS.admin, encoded.payloads),
      200,
    );
    expect(decoded.payloads).toEqual([plain]);
  });

  it('passes plain payloads through, including ones larger than the API’s usual 256 KB limit', async () => {
    const big = payloadToJson(defaultPayloadConverter.toPayload({ text: 'x'.repeat(300 * 1024) }));
    const body = await expectJson<{ payloads: PayloadJson[] }>(await decode(USERS.admin, [big]), 200);
    expect(body.payloads).toEqual([big]);
  });

  it('takes an empty X-Namespace (the Temporal CLI without --namespace) as ours', async () => {
    const body = await expectJson<{ payloads: PayloadJson[] }>(
      await decode(USERS.admin, encryptedFromHistory(), { 'x-namespace': '' }),
      200,
    );
    expect(body.payloads).toHaveLength(encryptedFromHistory().length);
  });

  it('answers bad input with problems', async () => {
    await expectProblem(
      await decode(USERS.admin, encryptedFromHistory(), { 'x-namespace': 'other' }),
      400,
      'namespace_not_served',
    );
    await expectProblem(
      await decode(USERS.admin, [{ metadata: { encoding: 'not base64!' } }]),
      422,
      'invalid_input',
    );
    await expectProblem(await decode(USERS.admin, [{ data: 42 }]), 422, 'invalid_input');
    const tooMany = Array.from({ length: 101 }, () => ({ data: '' }));
    await expectProblem(await decode(USERS.admin, tooMany), 422, 'invalid_input');
    await expectProblem(
      await h.call('POST', '/codec/decode', { as: USERS.admin, body: { items: [] } }),
      422,
      'invalid_input',
    );
    const malformed = await h.app.request('/api/v1/codec/decode', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.tokenFor(USERS.admin)}`,
        'content-type': 'application/json',
      },
      body: '{"payloads": [',
    });
    await expectProblem(malformed, 400, 'malformed_json');
    const huge = [{ data: 'A'.repeat(4 * 1024 * 1024 + 4) }];
    await expectProblem(await decode(USERS.admin, huge), 413, 'payload_too_large');
  });

  it('refuses a tampered payload naming its key, never its content', async () => {
    const [first] = encryptedFromHistory();
    const bytes = Buffer.from(first!.data, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    const problem = await expectProblem(
      await decode(USERS.admin, [{ ...first, data: bytes.toString('base64') }]),
      422,
      'payload_not_decryptable',
    );
    expect(problem.detail).toMatch(/key 'test-2026b': authentication failed/);
    expect((problem as unknown as { keyId: string }).keyId).toBe('test-2026b');
  });

  it('lets the Temporal UI origin call it from the browser, and no other origin', async () => {
    const preflight = (origin: string) =>
      h.app.request('/api/v1/codec/decode', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-namespace');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const actual = await decode(USERS.admin, [], { origin: UI_ORIGIN });
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  });

  it('is documented in /openapi.json', async () => {
    const doc = await expectJson<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>(
      await h.call('GET', '/openapi.json'),
      200,
    );
    for (const path of ['/codec/decode', '/codec/encode']) {
      expect(doc.paths[path]?.post?.security).toEqual([{ bearer: [] }]);
    }
  });
});
