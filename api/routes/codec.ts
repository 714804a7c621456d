/**
 * @module
 * Codec endpoint for the Temporal UI and CLI (the codec-server protocol): `POST /codec/decode` and
 * `POST /codec/encode` take and answer `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }`.
 * Administrators only — decoding shows journalists' names and questions — and every call is audited.
 * Point the UI at `<api base>/api/v1/codec` (it appends `/decode`), over HTTPS so it passes the access token.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { AesGcmPayloadCodec, KEY_ID_METADATA, PayloadDecryptionError } from '../../codec/aes-gcm-codec.ts';
import { KEY_ID_PATTERN } from '../../codec/keys.ts';
import { payloadFromJson, payloadToJson, type PayloadJson } from '../../codec/payload-json.ts';
import { DomainError, InvalidInputError, NotFoundError } from '../../domain/errors.ts';
import { router, type AppDeps, type AppEnv } from '../context.ts';
import { problem } from '../errors.ts';
import { allowRoles, requireRole } from '../middleware/auth.ts';
import { bearerSecurity, problemResponses } from '../schemas.ts';

/** One call of the codec endpoint, for the audit log: who, which namespace, how many payloads; no content. */
export interface CodecAuditEntry {
  operation: 'decode' | 'encode';
  sub: string;
  namespace: string;
  payloads: number;
  /** Key ids of the encrypted payloads involved (decode: read; encode: written). */
  keyIds: string[];
  requestId: string | undefined;
}

export interface CodecEndpointDeps {
  /** The same codec as the worker's and the client's data converter. */
  codec: PayloadCodec;
  /** The only namespace served; a request naming another one in `X-Namespace` is refused. */
  namespace: string;
  /** Browser origins (the Temporal UI) allowed to call the endpoint. */
  corsOrigins: readonly string[];
  /** Where audit entries go; a JSON log line by default. */
  audit?: (entry: CodecAuditEntry) => void;
}

/** The Temporal server refuses payloads over 2 MB; one such payload in base64 plus room for its neighbours. */
export const CODEC_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** The UI sends the payloads of one field or event at a time: a few, never hundreds. */
export const CODEC_MAX_PAYLOADS = 100;

const base64 = z
  .string()
  .max(CODEC_MAX_BODY_BYTES)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64')
  .openapi({ format: 'byte' });

const PayloadSchema = z
  .object({
    metadata: z
      .record(
        z.string().regex(/^[\x21-\x7e]{1,128}$/, 'a metadata key is 1-128 printable ASCII characters'),
        base64,
      )
      .refine((m) => Object.keys(m).length <= 32, 'at most 32 metadata entries')
      .optional(),
    data: base64.optional(),
  })
  .openapi('TemporalPayload', { description: 'A Temporal payload in protobuf JSON: bytes as base64.' });

const PayloadsSchema = z
  .object({ payloads: z.array(PayloadSchema).max(CODEC_MAX_PAYLOADS) })
  .openapi('TemporalPayloads');

const codecBodyLimit = bodyLimit({
  maxSize: CODEC_MAX_BODY_BYTES,
  onError: (c) => problem(c, 413, 'payload_too_large', 'The request body is larger than 4 MB.'),
});

function codecRoute(operation: 'decode' | 'encode') {
  return createRoute({
    method: 'post',
    path: `/codec/${operation}`,
    tags: ['Operations'],
    summary:
      operation === 'decode'
        ? 'Decrypt Temporal payloads for the Temporal UI or CLI (admin)'
        : 'Encrypt Temporal payloads for the Temporal UI or CLI (admin)',
    description:
      'The Temporal codec-server protocol. Payloads that are not encrypted pass through `decode` unchanged. ' +
      'Configure the Temporal UI with this endpoint without the final `/decode`.',
    security: bearerSecurity,
    // Authorization before the body is read: without the role the answer is 401/403 whatever was sent.
    middleware: [allowRoles('admin'), codecBodyLimit] as const,
    request: {
      headers: z.object({
        'x-namespace': z
          .string()
          .max(256)
          .optional()
          .openapi({ description: 'The Temporal namespace the payloads belong to (sent by the UI).' }),
      }),
      body: { content: { 'application/json': { schema: PayloadsSchema } }, required: true },
    },
    responses: {
      200: {
        description: 'The payloads, same order',
        content: { 'application/json': { schema: PayloadsSchema } },
      },
      ...problemResponses(400, 401, 403, 404, 413, 422),
    },
  });
}

function auditToLog(entry: CodecAuditEntry): void {
  console.log(JSON.stringify({ level: 'info', msg: 'codec endpoint used', ...entry }));
}

function keyIdsOf(payloads: Payload[]): string[] {
  const ids = new Set<string>();
  for (const p of payloads) {
    const id = p.metadata?.[KEY_ID_METADATA];
    const text = id ? Buffer.from(id).toString('utf8') : '';
    // Only well-formed ids reach the log: the metadata came from the caller.
    if (AesGcmPayloadCodec.isEncrypted(p) && KEY_ID_PATTERN.test(text)) ids.add(text);
  }
  return [...ids];
}

/** Runs the codec over one request's payloads; shared by both routes. */
async function convert(
  c: Context<AppEnv>,
  operation: 'decode' | 'encode',
  body: { payloads: PayloadJson[] },
  namespaceHeader: string | undefined,
) {
  const actor = requireRole(c, ['admin']);
  const endpoint = c.var.deps.codec;
  if (!endpoint) throw new NotFoundError('codec_disabled', 'This deployment serves no codec endpoint.');
  // The Temporal CLI sends an empty X-Namespace when no --namespace is given: that means the default one.
  if (namespaceHeader && namespaceHeader !== endpoint.namespace) {
    throw new DomainError(
      'namespace_not_served',
      `This codec endpoint serves the namespace '${endpoint.namespace}' only.`,
      { namespace: endpoint.namespace },
    );
  }
  const payloads = body.payloads.map(payloadFromJson);
  let output: Payload[];
  try {
    output =
      operation === 'decode' ? await endpoint.codec.decode(payloads) : await endpoint.codec.encode(payloads);
  } catch (error) {
    if (!(error instanceof PayloadDecryptionError)) throw error;
    // The message names the key id, never the content: safe to return to the operator.
    throw new InvalidInputError('payload_not_decryptable', error.message, { keyId: error.keyId ?? null });
  }
  (endpoint.audit ?? auditToLog)({
    operation,
    sub: actor.sub,
    namespace: endpoint.namespace,
    payloads: payloads.length,
    keyIds: keyIdsOf(operation === 'decode' ? payloads : output),
    requestId: c.var.requestId,
  });
  return c.json({ payloads: output.map(payloadToJson) }, 200);
}

export const codecRoutes = router()
  .openapi(codecRoute('decode'), (c) =>
    convert(c, 'decode', c.req.valid('json'), c.req.valid('header')['x-namespace']),
  )
  .openapi(codecRoute('encode'), (c) =>
    convert(c, 'encode', c.req.valid('json'), c.req.valid('header')['x-namespace']),
  );

/**
 * CORS for the codec endpoint, mounted before the API's own CORS: the Temporal UI runs on its own origin
 * and sends `X-Namespace`, which the widget hosts' allow-list neither knows nor needs.
 */
export function codecCors(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin) => (deps.codec?.corsOrigins.includes(origin) ? origin : null),
    allowMethods: ['POST'],
    allowHeaders: ['authorization', 'content-type', 'x-namespace'],
    maxAge: 600,
  });
}
