/**
 * Hostile requests generated from `/openapi.json`: for every documented operation, fast-check builds a
 * request whose path, query, headers and body start from values that fit the schema and then have one or
 * more parts replaced by something hostile — NUL, lone surrogates, control and bidi characters, huge or
 * negative numbers, wrong types, forged cursors, oversized text, extra members. The API must answer every
 * one with a 2xx or a 4xx problem document, never a 5xx.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  example?: unknown;
  default?: unknown;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: Operation;
}

export interface FuzzRequest {
  method: string;
  /** The path with its parameters filled in and percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What was done to the request, for the failure report. */
  label: string;
}

/** Strings that broke, or could break, a layer below the API. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'Sub\u0000ject',
  '\ud800',
  'a\udfffb',
  '\u001b[31m',
  '\u0085',
  '\u202eevil',
  '\u2028',
  '',
  ' ',
  '%00',
  '../../etc/passwd',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  'x'.repeat(70_000),
  'Nguyễn Văn An 😀',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  'P99999999999D',
  '-1',
  '1e300',
  'null',
] as const;

export const HOSTILE_NUMBERS = [1e300, -1e20, -1, 0, 1.5, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 100_000];

/** Cursors of the shapes the API hands out, forged. */
export const FORGED_CURSORS = [
  { u: 1e300, i: 'x' },
  { u: -1e20, i: 'x' },
  { u: 1, i: '\u0000' },
  { u: 'now', i: 1 },
  [],
].map((value) => Buffer.from(JSON.stringify(value)).toString('base64url'));

const hostileString = fc.constantFrom(...HOSTILE_STRINGS, ...FORGED_CURSORS);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}, [HOSTILE_STRINGS[0]], { '\u0000': 1 }) },
);

/** Follows `$ref`s into `components.schemas`. */
function resolve(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 20) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    return resolve(doc, doc.components?.schemas?.[name], depth + 1);
  }
  return schema;
}

/** A value that fits `schema` as far as a simple reading allows: examples, enums, defaults, minimal sizes. */
function plausible(doc: OpenApiDocument, raw: Schema | undefined, samples: SampleValues, depth = 0): unknown {
  const schema = resolve(doc, raw);
  if (depth > 6) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return plausible(doc, variants[0], samples, depth + 1);
  if (schema.allOf?.length) return plausible(doc, schema.allOf[0], samples, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {}))
        out[key] = samples.forName(key) ?? plausible(doc, value, samples, depth + 1);
      return out;
    }
    case 'array':
      return [plausible(doc, schema.items, samples, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string': {
      if (typeof schema.pattern === 'string') {
        const pattern = new RegExp(schema.pattern, 'u');
        const fits = ['qt-so-yte', 'sample-key-0001', 'YC-TEST00001', '2026-12-01'].find((c) =>
          pattern.test(c),
        );
        if (fits) return fits;
      }
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T09:00:00+07:00';
      if (schema.format === 'uri') return 'https://example.vn/hook';
      if (schema.format === 'email') return 'a@example.vn';
      return 'Nội dung thử nghiệm'.padEnd(Math.max(schema.minLength ?? 0, 18), '.');
    }
    default:
      return 'x';
  }
}

/** Values that reach deeper than schema-plausible ones: ids of records that exist in the test database. */
export interface SampleValues {
  forName(name: string): unknown;
  forPathParameter(path: string, name: string): string;
  /** A plausible body for `POST /contacts/{id}/actions/{action}` (its schema is a free-form record). */
  actionBody(action: string): Record<string, unknown> | undefined;
}

/** Every (path, key) location inside a JSON value, so one can be replaced. */
function locations(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...locations(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...locations(v, [...prefix, k]));
  return out;
}

function replaceAt(value: unknown, where: (string | number)[], replacement: unknown): unknown {
  if (where.length === 0) return replacement;
  const [head, ...rest] = where;
  if (Array.isArray(value))
    return (value as unknown[]).map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (value && typeof value === 'object') {
    const copy = { ...(value as Record<string, unknown>) };
    copy[head as string] = replaceAt(copy[head as string], rest, replacement);
    return copy;
  }
  return value;
}

export function documentedOperations(doc: OpenApiDocument): DocumentedOperation[] {
  const out: DocumentedOperation[] = [];
  for (const [path, operations] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(operations))
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        out.push({ method: method.toUpperCase(), path, operation });
  return out;
}

/**
 * Percent-encodes like `encodeURIComponent`, but a lone surrogate is sent as its 3-byte WTF-8 form (what a
 * careless client emits) instead of throwing.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(value[i]!);
  }
  return out;
}

/** Serialises a value as a query or path string the way a careless or hostile client would. */
function asParameter(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

let requestCounter = 0;

/** fast-check arbitrary of hostile requests to one operation. */
export function hostileRequest(
  doc: OpenApiDocument,
  { method, path, operation }: DocumentedOperation,
  samples: SampleValues,
): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const otherTypes = Object.keys(content).filter((t) => t !== 'application/json');
  const actionMatch = /\/actions\/\{action\}$/.test(path);

  return fc
    .record({
      // Which parameters to make hostile (each independently), and with what.
      // Each part is hostile one time in four, so some requests get through to the deeper layers too.
      hostileParameters: fc.array(
        fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        { minLength: parameters.length, maxLength: parameters.length },
      ),
      parameterValues: fc.array(hostileValue, { minLength: parameters.length, maxLength: parameters.length }),
      bodyMutations: fc.oneof(
        fc.constant([] as [number, unknown][]),
        fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }),
      ),
      extraMember: fc.option(
        fc.tuple(fc.constantFrom('\u0000', 'extra', '__proto__', 'constructor'), hostileValue),
      ),
      // One request in eight sends a body that is not what the schema describes at all.
      rawBody: fc.oneof(
        { weight: 7, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            fc.constantFrom('{', '[]', 'null', '"\\u0000"', '{"a":"\\ud800"}', '\u0000', ''),
            fc.uint8Array({ maxLength: 256 }),
          ),
        },
      ),
    })
    .map(({ hostileParameters, parameterValues, bodyMutations, extraMember, rawBody }) => {
      const labels: string[] = [];
      const query: string[] = [];
      const headers: Record<string, string> = {};
      let filledPath = path;
      parameters.forEach((parameter, index) => {
        const hostile = hostileParameters[index];
        let value =
          parameter.in === 'path'
            ? samples.forPathParameter(path, parameter.name)
            : asParameter(samples.forName(parameter.name) ?? plausible(doc, parameter.schema, samples));
        if (hostile) {
          value = asParameter(parameterValues[index]);
          labels.push(`${parameter.in}:${parameter.name}=${JSON.stringify(value).slice(0, 60)}`);
        }
        if (parameter.in === 'path')
          filledPath = filledPath.replace(`{${parameter.name}}`, percentEncode(value));
        else if (parameter.in === 'query') {
          if (hostile || parameter.required) query.push(`${parameter.name}=${percentEncode(value)}`);
        } else if (parameter.in === 'header') {
          // Header values cannot carry control characters at all (fetch refuses them); send what can be sent.
          headers[parameter.name] = /^[\x20-\x7e]*$/.test(value) ? value : percentEncode(value);
        }
      });
      if (!headers['idempotency-key'] && parameters.some((p) => p.name === 'idempotency-key'))
        headers['idempotency-key'] = `fuzz-${++requestCounter}-${Date.now()}`;

      let body: string | Uint8Array | undefined;
      if (rawBody !== null && (jsonSchema || otherTypes.length)) {
        body = rawBody;
        headers['content-type'] = jsonSchema ? 'application/json' : otherTypes[0]!;
        labels.push(
          `raw body ${typeof rawBody === 'string' ? JSON.stringify(rawBody) : `${rawBody.length} bytes`}`,
        );
      } else if (jsonSchema || actionMatch) {
        const action = actionMatch ? filledPath.split('/').at(-1)! : undefined;
        let value: unknown = (action && samples.actionBody(action)) ?? plausible(doc, jsonSchema, samples);
        const places = locations(value);
        for (const [at, replacement] of bodyMutations) {
          const where = places[at % places.length]!;
          value = replaceAt(value, where, replacement);
          labels.push(`body.${where.join('.') || '(root)'}=${JSON.stringify(replacement)?.slice(0, 60)}`);
        }
        if (extraMember && value && typeof value === 'object' && !Array.isArray(value)) {
          value = { ...value, [extraMember[0]]: extraMember[1] };
          labels.push(`extra member ${JSON.stringify(extraMember[0])}`);
        }
        body = JSON.stringify(value);
        headers['content-type'] = 'application/json';
      } else if (otherTypes.length) {
        body = new TextEncoder().encode('name;phone\nNguyễn Văn A;0900\u0000000\n');
        headers['content-type'] = otherTypes[0]!;
      }
      const search = query.join('&');
      return {
        method,
        path: search ? `${filledPath}?${search}` : filledPath,
        headers,
        body,
        label: labels.join(', ') || 'plausible request',
      };
    });
}
