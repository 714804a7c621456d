/**
 * @module
 * The text policy's outer wall: before any route sees a request, every string in its path, query and JSON
 * body (keys too) is checked for characters that no field may hold — NUL and other control characters
 * (newline, tab and carriage return are allowed in bodies, where long text lives), unpaired surrogates, and
 * malformed percent-encoding. Field schemas then add their own limits (single line, length, NFC); this wall
 * makes sure a field someone forgot to tighten still cannot carry a character that PostgreSQL or a JSON
 * encoder refuses, which once jammed a contact's workflow for good.
 */
import type { MiddlewareHandler } from 'hono';
import { textProblem, type TextProblem } from '../../domain/text/policy.ts';
import type { AppEnv } from '../context.ts';
import { problem } from '../errors.ts';

/** Deeper or larger JSON than any of our schemas takes is refused before it is walked. */
const MAX_DEPTH = 32;
const MAX_NODES = 20_000;

interface Finding {
  where: string;
  problem: TextProblem | 'malformed_encoding' | 'too_deep' | 'too_large';
}

const DETAILS: Record<Finding['problem'], string> = {
  lone_surrogate: 'holds an invalid character (an unpaired surrogate)',
  control_character: 'holds a control character',
  disguising_character: 'holds a line separator or text-direction control character',
  malformed_encoding: 'is not valid percent-encoded UTF-8',
  too_deep: `nests deeper than ${MAX_DEPTH} levels`,
  too_large: `holds more than ${MAX_NODES} values`,
};

function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function checkUrl(url: URL): Finding | undefined {
  for (const segment of url.pathname.split('/')) {
    const value = decoded(segment);
    if (value === undefined) return { where: 'path', problem: 'malformed_encoding' };
    const found = textProblem(value);
    if (found) return { where: 'path', problem: found };
  }
  for (const part of url.search.slice(1).split('&')) {
    const value = decoded(part.replace(/\+/g, ' '));
    if (value === undefined) return { where: 'query', problem: 'malformed_encoding' };
    const found = textProblem(value);
    if (found) return { where: `query.${value.split('=')[0] ?? ''}`, problem: found };
  }
  return undefined;
}

/** Walks a parsed JSON value; strings may be multi-line, keys may not. */
export function findHostileJson(value: unknown): Finding | undefined {
  let nodes = 0;
  const walk = (node: unknown, where: string, depth: number): Finding | undefined => {
    if (++nodes > MAX_NODES) return { where, problem: 'too_large' };
    if (depth > MAX_DEPTH) return { where, problem: 'too_deep' };
    if (typeof node === 'string') {
      const found = textProblem(node, { multiline: true });
      return found ? { where, problem: found } : undefined;
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) {
        const found = walk(item, `${where}[${index}]`, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return { where: `${where} (a member name)`, problem: keyProblem };
        const found = walk(item, where ? `${where}.${key}` : key, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(value, '', 0);
}

/**
 * Refuses requests carrying characters no field may hold; see the module comment. `part: 'url'` checks the
 * path and query (mount it first); `part: 'body'` checks JSON bodies (mount it after the body-size limit,
 * so nothing larger than the limit is ever parsed here).
 */
export function refuseHostileText(part: 'url' | 'body'): MiddlewareHandler<AppEnv> {
  return async function refuseHostileText(c, next) {
    const inUrl = part === 'url' ? checkUrl(new URL(c.req.url)) : undefined;
    if (inUrl) {
      return problem(c, 400, 'invalid_text', `The ${inUrl.where} ${DETAILS[inUrl.problem]}.`, {
        issues: [{ path: inUrl.where, message: DETAILS[inUrl.problem] }],
      });
    }
    const type = c.req.header('content-type') ?? '';
    if (part === 'body' && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type) && c.req.method !== 'GET') {
      // Hono caches the parsed body, so the route's validator reads it again for free. A body that is not
      // JSON is left to the validator, which answers 400 `malformed_json`.
      const body: unknown = await c.req.json().catch(() => undefined);
      const inBody = body === undefined ? undefined : findHostileJson(body);
      if (inBody) {
        const where = inBody.where || 'body';
        return problem(c, 422, 'invalid_text', `The field '${where}' ${DETAILS[inBody.problem]}.`, {
          issues: [{ path: where, message: DETAILS[inBody.problem] }],
        });
      }
    }
    await next();
    return undefined;
  };
}
