/**
 * @module
 * OpenTelemetry traces, exported by OTLP/HTTP (JSON), configured by the standard `OTEL_*` variables:
 *
 * - `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the full URL, e.g. `http://collector:4318/v1/traces`) or
 *   `OTEL_EXPORTER_OTLP_ENDPOINT` (the collector's base URL; `/v1/traces` is appended). Neither set: tracing is
 *   off and nothing here is installed.
 * - `OTEL_SERVICE_NAME`: the `service.name` of every span; by default the part's own name
 *   (`press-liaison-api`, `press-liaison-worker`).
 * - `OTEL_SDK_DISABLED=true` turns tracing off whatever else is set.
 *
 * The SDK itself reads the rest: `OTEL_EXPORTER_OTLP_HEADERS` (a collector's credentials),
 * `OTEL_TRACES_SAMPLER[_ARG]`, `OTEL_BSP_SCHEDULE_DELAY` and the other batch settings, `OTEL_RESOURCE_ATTRIBUTES`.
 *
 * Each part (API, worker) gets a tracer provider of its own, so that `npm start` (both parts in one process)
 * still names their spans apart; the context manager and the W3C propagator are process-wide and installed once.
 */
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingConfig {
  /** Where spans are POSTed (OTLP/HTTP, JSON). */
  url: string;
  serviceName: string;
}

/** A part's tracing: its tracer, and what the Temporal worker needs to export workflow spans the same way. */
export interface Tracing {
  tracer: Tracer;
  /** Receives the workflow sandbox's spans (through the worker's sink) beside this process's own. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends the spans still queued, then stops exporting. */
  shutdown(): Promise<void>;
}

/** An absolute http(s) URL, or an error naming the variable it came from. */
function endpointUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL such as http://127.0.0.1:4318, got '${value}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must be an http(s) URL such as http://127.0.0.1:4318, got '${value}'.`);
  }
  return url;
}

/**
 * The tracing settings of a part from the environment, or `undefined` when tracing is off. A malformed
 * endpoint, or a protocol other than OTLP/HTTP with JSON, stops the process with the variable to fix.
 */
export function tracingConfig(
  defaultServiceName: string,
  env: NodeJS.ProcessEnv = process.env,
): TracingConfig | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!traces && !base) return undefined;
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = env[name]?.trim();
    // Silently sending JSON to a gRPC port would lose every span: say so instead.
    if (protocol && protocol !== 'http/json') {
      throw new Error(
        `${name} must be 'http/json' (the only OTLP protocol exported here), got '${protocol}'.`,
      );
    }
  }
  // The signal-specific URL is used as given; the base URL gets the traces path, as the OTLP spec says.
  const url = traces
    ? endpointUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces)
    : new URL('v1/traces', withTrailingSlash(endpointUrl('OTEL_EXPORTER_OTLP_ENDPOINT', base!)));
  return { url: url.href, serviceName: env.OTEL_SERVICE_NAME?.trim() || defaultServiceName };
}

function withTrailingSlash(url: URL): URL {
  return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}

let contextInstalled = false;

/**
 * Context follows `await`s (AsyncLocalStorage), and crosses processes as W3C `traceparent` only: no baggage,
 * which could carry anything a caller put in it.
 */
function installContext(): void {
  if (contextInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  contextInstalled = true;
}

/**
 * Starts exporting a part's spans. `global`: this provider also answers `trace.getTracer()` anywhere in the
 * process (the API's HTTP middleware and Temporal client use it); only one part per process may ask for that.
 */
export function startTracing(config: TracingConfig, options: { global?: boolean } = {}): Tracing {
  installContext();
  const resource = Resource.default()
    .merge(envDetectorSync.detect())
    .merge(new Resource({ [ATTR_SERVICE_NAME]: config.serviceName }));
  // Batched: a request never waits for the collector, and a collector that is down costs only dropped spans.
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: config.url }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  if (options.global) trace.setGlobalTracerProvider(provider);
  return {
    tracer: provider.getTracer('press-liaison'),
    spanProcessor,
    resource,
    shutdown: () => provider.shutdown(),
  };
}
