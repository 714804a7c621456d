/**
 * @module
 * One OpenTelemetry server span per HTTP request, named by method and route *pattern*
 * (`POST /api/v1/contacts/:id/actions/:action`), continuing the caller's W3C `traceparent` when it sends one.
 * The span is the active context while the request is handled, so the Temporal client's interceptors carry it
 * into the workflow's Update and on to its activities: one trace from the HTTP request to the database write.
 *
 * The span holds the method, the route pattern and the status only: never the URL (ids, query strings), a
 * header, the body or who asked. With no tracer provider installed (`server/tracing.ts`: tracing off) every span
 * is a non-recording no-op and this costs next to nothing.
 *
 * @example
 * ```ts
 * app.use('/api/*', traceRequests({ except: ['/api/v1/stream'] }));
 * ```
 */
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routeLabel } from '../metrics/http.ts';

export interface TraceRequestsOptions {
  /** Paths not traced: long-lived streams, whose span would stay open for hours. */
  except?: string[];
}

/** Reads `traceparent`/`tracestate` from a Fetch `Headers`. */
const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** The trace id of the request being handled, for its log line; absent when tracing is off. */
export function traceIdField(): { trace_id?: string } {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? { trace_id: span.spanContext().traceId } : {};
}

export function traceRequests(options: TraceRequestsOptions = {}): MiddlewareHandler {
  const except = new Set(options.except ?? []);
  return async function traceRequests(c, next) {
    if (except.has(c.req.path)) return next();
    // Resolved per request: the API part installs the provider after the app module is loaded.
    const tracer = trace.getTracer('press-liaison-api');
    const parent = propagation.extract(context.active(), c.req.raw.headers, headerGetter);
    const method = c.req.method;
    const span = tracer.startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      // Errors reach here already answered by `onError` (Hono's compose), so `c.res` holds the real status.
      const route = routeLabel(c);
      const status = c.res.status;
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      // Only server errors mark the span failed: a 4xx is the client's mistake, answered as designed.
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
