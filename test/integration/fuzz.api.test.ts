// Issue 6: every documented operation, driven with hostile values generated from its own schema in
// `/openapi.json`, answers a 2xx or a 4xx `application/problem+json` — never a 5xx, never another body for an
// error. Runs against the real API, database and Temporal worker. `npm test` sends a bounded number of
// requests (FUZZ_RUNS per operation, default 8); `npm run fuzz` sends many more. FUZZ_SEED reproduces a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../domain/vocabulary.ts';
import { DEMO_JOURNALISTS, DEMO_SPOKESPERSONS } from '../../db/seeders/demo-data.ts';
import { SAMPLE_INPUT } from '../domain/information-request/fixtures.ts';
import {
  documentedOperations,
  hostileRequest,
  type FuzzRequest,
  type OpenApiDocument,
  type SampleValues,
} from '../support/fuzz.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Who sends each request: every role, and nobody. */
const CALLERS = [
  undefined,
  'pv-nguyen-van-an',
  'yte-van-thu',
  'yte-phat-ngon',
  'yte-giam-doc',
  'vhttdl-giam-sat',
  'admin-quang-tri',
] as const;

let h: Harness;
let doc: OpenApiDocument;
let contactId: string;

beforeAll(async () => {
  // No rate limits: every request should reach as deep as its input allows (limits have their own tests).
  const off = false as const;
  h = await startHarness({
    limits: {
      requestsPerUser: off,
      requestsPerAddress: off,
      devTokensPerAddress: off,
      authFailuresPerAddress: off,
      contactCreatesPerUser: off,
    },
  });
  doc = (await (await h.call('GET', '/openapi.json')).json()) as OpenApiDocument;
  const created = await h.call('POST', '/contacts', {
    as: 'pv-nguyen-van-an',
    headers: { 'idempotency-key': 'fuzz-seed-contact' },
    body: {
      kind: 'information_request',
      agencyId: 'qt-so-yte',
      subject: 'Tiêm chủng mở rộng',
      question: 'Tỷ lệ tiêm chủng mở rộng của tỉnh năm nay là bao nhiêu?',
    },
  });
  expect(created.status).toBe(201);
  contactId = ((await created.json()) as { id: string }).id;
}, 180_000);
afterAll(async () => h?.close());

const samples: SampleValues = {
  forName(name) {
    if (name === 'agencyId' || name === 'toAgencyId') return 'qt-so-yte';
    if (name === 'provinceId' || name === 'residentIn') return 'quang-tri';
    if (name === 'kind') return undefined;
    return undefined;
  },
  forPathParameter(path, name) {
    if (name === 'action') return ACTIONS[Math.floor(Math.random() * ACTIONS.length)]!;
    if (name === 'year') return '2026';
    if (path.startsWith('/contacts')) return contactId;
    if (path.startsWith('/spokespersons')) return DEMO_SPOKESPERSONS[0]!.id;
    if (path.startsWith('/journalists')) return DEMO_JOURNALISTS[0]!.id;
    if (path.startsWith('/agencies')) return 'qt-so-yte';
    if (path.startsWith('/press-organisations')) return 'bao-nhan-dan';
    if (path.startsWith('/imports/{kind}')) return 'spokespersons';
    if (path.startsWith('/exports')) return 'spokespersons.csv';
    return 'no-such-id';
  },
  actionBody(action) {
    return (SAMPLE_INPUT as Record<string, Record<string, unknown> | undefined>)[action];
  },
};

interface Outcome {
  operation: string;
  request: FuzzRequest;
  caller: string | undefined;
  status: number;
  problem: string | undefined;
}

async function send(operation: string, request: FuzzRequest, caller: string | undefined): Promise<Outcome> {
  const headers = { ...request.headers };
  if (caller) headers.authorization = `Bearer ${await h.tokenFor(caller)}`;
  const response = await h.app.request(`/api/v1${request.path}`, {
    method: request.method,
    headers,
    body: request.body as string | Uint8Array<ArrayBuffer> | undefined,
  });
  const type = response.headers.get('content-type') ?? '';
  let problem: string | undefined;
  if (response.status >= 400) {
    const text = await response.text();
    if (!type.startsWith('application/problem+json')) problem = `error body is ${type || 'untyped'}`;
    else {
      const body = JSON.parse(text) as { status?: unknown; code?: unknown };
      if (body.status !== response.status) problem = `problem status ${String(body.status)}`;
      else if (typeof body.code !== 'string') problem = 'problem without a code';
    }
  } else {
    await response.body?.cancel();
  }
  return { operation, request, caller, status: response.status, problem };
}

describe('hostile requests generated from /openapi.json', () => {
  it(`answers every operation with a 2xx or a 4xx problem (seed ${SEED})`, async () => {
    const operations = documentedOperations(doc);
    expect(operations.length).toBeGreaterThan(30);
    const outcomes: Outcome[] = [];
    for (const [index, operation] of operations.entries()) {
      const requests = fc.sample(hostileRequest(doc, operation, samples), {
        numRuns: RUNS_PER_OPERATION,
        seed: SEED + index,
      });
      for (const [n, request] of requests.entries())
        outcomes.push(
          await send(`${operation.method} ${operation.path}`, request, CALLERS[(index + n) % CALLERS.length]),
        );
    }
    const byStatus = new Map<number, number>();
    for (const o of outcomes) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
    const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.log(
      `fuzz: ${outcomes.length} requests over ${operations.length} operations (seed ${SEED}); ${statuses.join(' ')}`,
    );
    // Informational: operations no generated request got through (their deeper layers went untested here).
    const reached = new Set(outcomes.filter((o) => o.status < 300).map((o) => o.operation));
    const unreached = operations.map((o) => `${o.method} ${o.path}`).filter((key) => !reached.has(key));
    console.log(`fuzz: no 2xx for ${unreached.length} operations: ${unreached.join(', ')}`);
    const failures = outcomes
      .filter((o) => o.status >= 500 || o.problem)
      .map(
        (o) =>
          `${o.status} ${o.request.method} ${o.request.path.slice(0, 120)} as ${o.caller ?? 'anonymous'}: ${o.problem ?? ''} [${o.request.label}]`,
      );
    expect(failures).toEqual([]);
  }, 900_000);
});
