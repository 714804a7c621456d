/**
 * @module
 * The worker's side of OpenTelemetry tracing, from the Temporal SDK's own interceptors:
 * - in the workflow sandbox, `RunWorkflow`, `HandleUpdate`/`ValidateUpdate` and `StartActivity` spans, children
 *   of the client's span that travelled in the workflow's headers; they leave the sandbox through the
 *   `exporter` sink;
 * - around each activity, a `RunActivity` span, child of its `StartActivity`.
 *
 * The workflow interceptors are in every bundle, traced or not, so a worker's workflow code never depends on
 * its tracing settings (replay, and workers with tracing on and off sharing a task queue, see the same code).
 * Their spans are recorded only under a traced caller; with tracing off none are, and the sink drops any.
 */
import { fileURLToPath } from 'node:url';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { WorkflowInfo } from '@temporalio/workflow';
import type { Tracing } from '../server/tracing.ts';

/**
 * The workflow interceptor module, for `bundleWorkflowCode({ workflowInterceptorModules })`: the SDK's
 * interceptors, sampled by the caller's trace context (workflows/tracing-interceptors.ts).
 */
export const TRACING_WORKFLOW_INTERCEPTORS = fileURLToPath(
  new URL('../workflows/tracing-interceptors.ts', import.meta.url),
);

/** The activity interceptors that open `RunActivity` spans; none when tracing is off. */
export function tracingActivityInterceptors(tracing: Tracing | undefined): ActivityInterceptorsFactory[] {
  if (!tracing) return [];
  return [
    (ctx) => ({
      inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
      // Puts trace_id/span_id on the activity's log lines.
      outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
    }),
  ];
}

/**
 * The SDK's exporter copies the whole `WorkflowInfo` onto every workflow span as attributes, last failures and
 * results included; these identifiers are all a trace needs, and none of them is personal data.
 */
function identifiersOf(info: WorkflowInfo): WorkflowInfo {
  const { workflowId, runId, workflowType, taskQueue, namespace } = info;
  // Only the keys the exporter spreads onto attributes are read from it: a partial info is enough.
  return { workflowId, runId, workflowType, taskQueue, namespace } as WorkflowInfo;
}

/** The sink the bundled workflow interceptors export their spans to; a sink that drops them when off. */
export function tracingSinks(tracing: Tracing | undefined): InjectedSinks<OpenTelemetrySinks> {
  if (!tracing) return { exporter: { export: { fn: () => undefined } } };
  const exporter = makeWorkflowExporter(tracing.spanProcessor, tracing.resource);
  return {
    exporter: {
      export: { ...exporter.export, fn: (info, spans) => exporter.export.fn(identifiersOf(info), spans) },
    },
  };
}
