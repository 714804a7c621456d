/**
 * @module
 * The one place where errors become HTTP: `application/problem+json` (RFC 9457) with a stable `code`.
 * Domain errors map by name; anything unexpected is logged and answered with a 500 that leaks nothing.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../domain/errors.ts';
import { logLine } from '../logging/redact.ts';

/** The Temporal server or worker did not answer in time: the request may be retried. Maps to 503. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  readonly code = 'service_unavailable';
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  [extension: string]: unknown;
}

const STATUS_BY_ERROR_NAME: Record<string, ContentfulStatusCode> = {
  ActionNotAllowedError: 409,
  InvalidInputError: 422,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  DomainError: 400,
};

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  503: 'Service unavailable',
  500: 'Internal server error',
};

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Response {
  // The standard members come last, so no extension can overwrite them (RFC 9457: `status` is the HTTP code).
  const body: Problem = {
    ...extensions,
    type: `about:blank#${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
  };
  if (detail) body.detail = detail;
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json; charset=utf-8' });
}

/** `app.onError`: the single mapping of thrown errors to problem responses. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof DomainError) {
    return problem(c, STATUS_BY_ERROR_NAME[error.name] ?? 400, error.code, error.message, error.details);
  }
  if (error instanceof ServiceUnavailableError) {
    c.header('retry-after', '5');
    return problem(c, 503, error.code, error.message);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code =
      status === 400 && /json/i.test(error.message)
        ? 'malformed_json'
        : status === 401
          ? 'unauthorized'
          : `http_${status}`;
    if (status === 401) c.header('www-authenticate', 'Bearer');
    return problem(c, status, code, error.message || undefined);
  }
  // Redacted: a driver error's message holds the SQL statement and its parameters.
  logLine('error', 'unhandled error', { requestId: c.var.requestId as unknown, path: c.req.path, error });
  return problem(c, 500, 'internal_error', 'Something went wrong on our side. The error has been logged.');
}
