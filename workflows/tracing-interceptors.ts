/**
 * @module
 * The workflow side of OpenTelemetry tracing, bundled into every worker (see worker/tracing.ts): the SDK's
 * own workflow interceptors, with one change — their spans are recorded only under a sampled parent, the
 * trace context the API's Temporal client puts in the headers when tracing is on. A workflow with no traced
 * caller (tracing off, a schedule) gets non-recording spans: nothing is built or sent out of the sandbox,
 * which cut the cost of tracing-off to almost nothing.
 *
 * Sampling never changes the interceptors' code path (their awaits and SDK flags are the same recorded or
 * not), so replay does not depend on whether anything was traced.
 */
// First: it installs the globals OpenTelemetry needs in the sandbox (`performance`) before the SDK below loads.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter.js';
// By the package's name, as the interceptors import it: the bundler then resolves both to the same build (its
// browser ES module), and each workflow evaluates one copy of the tracing SDK, not two.
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  ParentBasedSampler,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** One tracer per workflow (module state is per workflow in the sandbox), sampling by the caller's decision. */
const tracer = new BasicTracerProvider({
  sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }),
  spanProcessors: [new SimpleSpanProcessor(new SpanExporter())],
}).getTracer('@temporalio/interceptor-workflow');

class SampledInboundInterceptor extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = tracer;
}

class SampledOutboundInterceptor extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = tracer;
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new SampledInboundInterceptor()],
  outbound: [new SampledOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
