// OpenTelemetry traces (issue 9): nothing followed one journalist's request from the HTTP API through the
// Temporal Update into the workflow and its activity. Checked here with `npm run api` and `npm run worker` as
// separate processes exporting to a small OTLP/HTTP receiver: one trace, continuing the caller's `traceparent`,
// holds the HTTP server span, the client's Temporal span, the workflow's Update span and the activity's span,
// parent to child; no span holds a person's name, the request's text or a query string; the request log line
// names the trace. And a malformed endpoint stops the process, naming the variable.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';
import { DEMO_USERS } from '../../db/seeders/demo-data.ts';
import { seedDemoData } from '../../db/seeders/demo.ts';
import { tracingConfig } from '../../server/tracing.ts';
import { freePort } from '../support/global-setup.ts';
import { ready, start, type Child } from '../support/processes.ts';
import { eventually } from '../support/api-helpers.ts';
import { TEST_PAYLOAD_KEYS } from '../support/payload-encryption.ts';

/** The parts of an OTLP/JSON export body this test reads. */
interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's SpanKind: 2 is SERVER. */
  kind: number;
  attributes?: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

/** A received span with its service and its attributes as a plain record. */
interface Received {
  service: string | undefined;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, string | number | undefined>;
}

function attributesOf(list: OtlpAttribute[] = []): Record<string, string | number | undefined> {
  return Object.fromEntries(
    list.map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue)),
    ]),
  );
}

/** A collector's OTLP/HTTP traces endpoint (JSON bodies), keeping every body it is sent. */
async function startReceiver(): Promise<{ server: Server; port: number; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const ok = request.method === 'POST' && request.url === '/v1/traces';
      if (ok) bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port, bodies };
}

/** Every string in a parsed JSON value (keys and values), escapes decoded. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  }
  return [];
}

function spansIn(bodies: string[]): Received[] {
  return bodies.flatMap((body) =>
    (JSON.parse(body) as OtlpExport).resourceSpans.flatMap(({ resource, scopeSpans }) => {
      const service = attributesOf(resource.attributes)['service.name'];
      return scopeSpans.flatMap(({ spans }) =>
        spans.map((span) => ({
          service: typeof service === 'string' ? service : undefined,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          attributes: attributesOf(span.attributes),
        })),
      );
    }),
  );
}

describe('tracing settings', () => {
  it('are off without an endpoint, and take the base or the traces URL, and the service name', () => {
    expect(tracingConfig('press-liaison-api', {})).toBeUndefined();
    expect(tracingConfig('press-liaison-api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toEqual({
      url: 'http://c:4318/v1/traces',
      serviceName: 'press-liaison-api',
    });
    expect(
      tracingConfig('press-liaison-worker', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://c/otlp',
        OTEL_SERVICE_NAME: 'liaison-hue',
      }),
    ).toEqual({ url: 'https://c/otlp/v1/traces', serviceName: 'liaison-hue' });
    // The signal-specific URL wins, used as given.
    expect(
      tracingConfig('press-liaison-api', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/custom',
      })?.url,
    ).toBe('http://t:4318/custom');
    expect(
      tracingConfig('press-liaison-api', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeUndefined();
  });

  it('refuse a malformed endpoint or another OTLP protocol, naming the variable', () => {
    expect(() => tracingConfig('x', { OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' })).toThrow(
      /^OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL .*got 'localhost:4318'/,
    );
    expect(() => tracingConfig('x', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' })).toThrow(
      /^OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http\(s\) URL/,
    );
    expect(() =>
      tracingConfig('x', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(/^OTEL_EXPORTER_OTLP_PROTOCOL must be 'http\/json'/);
  });
});

// `npm run api` and `npm run worker` run on PostgreSQL only.
describe.skipIf(!process.env.DATABASE_URL)('traces of npm run api and npm run worker', () => {
  const children: Child[] = [];
  let db: ScratchDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    receiver = await startReceiver();
    db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_trace');
    await seedDemoData(db.orm.em.fork());
    env = {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATA_DIR: await mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'pl-trace-')),
      DATABASE_URL: db.url!,
      AUTH_MODE: 'dev',
      HOST: '127.0.0.1',
      // Encrypted payloads: the trace travels in a header of its own, which the codec must leave readable.
      PAYLOAD_ENCRYPTION: 'on',
      PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      // Export within a fraction of a second rather than the SDK's 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_REQUESTS: '1',
    };
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    receiver?.server.close();
    await db?.drop();
  });

  it('refuse to start with a malformed endpoint', async () => {
    const api = start('server/api-main.ts', {
      ...env,
      PORT: String(await freePort()),
      OTEL_EXPORTER_OTLP_ENDPOINT: '127.0.0.1:4318',
    });
    children.push(api);
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL');
  }, 60_000);

  it('follow one request from the API through the Update into the workflow and its activity', async () => {
    const port = await freePort();
    const worker = start('worker/main.ts', env);
    const api = start('server/api-main.ts', { ...env, PORT: String(port) });
    children.push(worker, api);
    await ready(worker, 'Press Liaison worker polling');
    await ready(api, 'Press Liaison API on');
    const base = `http://127.0.0.1:${port}/api/v1`;

    // The caller's own trace: every span below must continue it.
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const traceparent = `00-${traceId}-${callerSpanId}-01`;
    const journalist = DEMO_USERS.find((u) => u.sub === 'pv-nguyen-van-an')!;
    const clerk = DEMO_USERS.find((u) => u.sub === 'yte-van-thu')!;
    const tokenFor = async (user: (typeof DEMO_USERS)[number]) => {
      const response = await fetch(`${base}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          sub: user.sub,
          name: user.name,
          roles: user.roles,
          ...(user.agencyId ? { agencyId: user.agencyId } : {}),
        }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    const call = async (user: (typeof DEMO_USERS)[number], method: string, p: string, body?: unknown) =>
      fetch(`${base}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${await tokenFor(user)}`,
          'content-type': 'application/json',
          'idempotency-key': `trace-${traceId}-${p}`,
          traceparent,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const subject = `Vết truy vết ${traceId.slice(0, 6)}`;
    const question = `Câu hỏi riêng của ${journalist.name} về vết ${traceId.slice(0, 6)}`;
    const created = await call(journalist, 'POST', '/contacts', {
      kind: 'information_request',
      agencyId: 'qt-so-yte',
      subject,
      question,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const assigned = await call(clerk, 'POST', `/contacts/${id}/actions/assign`, {
      assigneeSub: 'yte-chuyen-vien',
    });
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    const queryMarker = `marker${randomBytes(4).toString('hex')}`;
    expect((await call(clerk, 'GET', `/contacts/${id}?${queryMarker}=1`)).status).toBe(200);

    const named = (spans: Received[], prefix: string) => spans.filter((s) => s.name.startsWith(prefix));
    const spans = await eventually(
      () => Promise.resolve(spansIn(receiver.bodies).filter((s) => s.traceId === traceId)),
      (found) =>
        named(found, 'HandleUpdate:').length >= 2 &&
        named(found, 'RunActivity:').length >= 2 &&
        named(found, 'GET ').length >= 1,
      20_000,
    );
    const one = (name: string) => {
      const matching = spans.filter((s) => s.name === name);
      expect(
        matching.map((s) => s.name),
        `${name} in ${spans.map((s) => s.name).join(', ')}`,
      ).toEqual([name]);
      return matching[0]!;
    };

    // The HTTP server spans continue the caller's span, named by route pattern, never by URL.
    const createHttp = one('POST /api/v1/contacts');
    const actionHttp = one('POST /api/v1/contacts/:id/actions/assign');
    for (const http of [createHttp, actionHttp]) {
      expect(http.parentSpanId).toBe(callerSpanId);
      expect(http.service).toBe('press-liaison-api');
      expect(http.kind).toBe(2);
    }
    expect(actionHttp.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/api/v1/contacts/:id/actions/assign',
      'http.response.status_code': 200,
    });
    expect(one('GET /api/v1/contacts/:id').attributes['http.response.status_code']).toBe(200);

    // The API's Temporal client: update-with-start for the create, an Update for the action.
    const createClient = spans.find((s) => s.name.startsWith('UpdateWithStartWorkflow:'));
    expect(createClient?.parentSpanId).toBe(createHttp.spanId);
    const actionClient = spans.find(
      (s) => s.name.startsWith('StartWorkflowUpdate:') && s.parentSpanId === actionHttp.spanId,
    );
    expect(actionClient, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(actionClient!.attributes['temporalWorkflowId']).toBe(id);
    expect(actionClient!.service).toBe('press-liaison-api');

    // In the worker: the Update handler, child of the client's span, and the activities it scheduled.
    const handler = spans.find(
      (s) => s.name.startsWith('HandleUpdate:') && s.parentSpanId === actionClient!.spanId,
    );
    expect(handler, spans.map((s) => `${s.name}<-${s.parentSpanId}`).join(', ')).toBeDefined();
    expect(handler!.service).toBe('press-liaison-worker');
    expect(handler!.attributes['workflowId']).toBe(id);
    const starts = new Map(named(spans, 'StartActivity:').map((s) => [s.spanId, s]));
    const activities = named(spans, 'RunActivity:');
    for (const activity of activities) {
      expect(activity.service).toBe('press-liaison-worker');
      expect(activity.attributes['temporalWorkflowId']).toBe(id);
      expect(starts.get(activity.parentSpanId!)?.name.replace('StartActivity:', '')).toBe(
        activity.name.replace('RunActivity:', ''),
      );
    }
    // One activity descends from the action's Update handler (the recording of the assignment).
    const ancestors = (span: Received): string[] => {
      const parent = spans.find((s) => s.spanId === span.parentSpanId);
      return parent ? [parent.spanId, ...ancestors(parent)] : [span.parentSpanId ?? ''];
    };
    expect(activities.some((a) => ancestors(a).includes(handler!.spanId))).toBe(true);

    // Everything this contact's workflow exported is in the caller's trace.
    const all = spansIn(receiver.bodies);
    const ofContact = all.filter(
      (s) => s.attributes['workflowId'] === id || s.attributes['temporalWorkflowId'] === id,
    );
    expect(ofContact.length).toBeGreaterThan(0);
    expect(ofContact.every((s) => s.traceId === traceId)).toBe(true);

    // No personal data, request text or query string anywhere in what was exported.
    const exported = receiver.bodies.flatMap((body) => stringsIn(JSON.parse(body))).join('\n');
    expect(exported).toContain(id); // the strings were read
    for (const secret of [journalist.name, clerk.name, subject, question, queryMarker]) {
      expect(exported).not.toContain(secret);
    }

    // The request's log line names its trace.
    const logLine = api
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['path'] === `/api/v1/contacts/${id}/actions/assign`);
    expect(logLine).toMatchObject({ status: 200, contactId: id, trace_id: traceId });

    // SIGTERM flushes what is still queued and stops cleanly.
    for (const c of [worker, api]) {
      c.process.kill('SIGTERM');
      expect(await c.exited).toBe(0);
    }
  }, 180_000);
});
