/**
 * @module
 * Builds the Temporal worker for the press-contact workflows and their activities. The process that owns
 * it (server/main.ts, or a standalone `worker/main.ts` in production) decides where it connects.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  DefaultLogger,
  type DataConverter,
  IllegalStateError,
  NativeConnection,
  Runtime,
  Worker,
  type LogLevel,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import webpack from 'webpack';
import { createActivities } from '../activities/index.ts';
import { logLine } from '../logging/redact.ts';
import type { Orm } from '../db/orm.ts';
import type { OutboundPolicy } from '../activities/outbound/safe-fetch.ts';
import type { NotificationDeliveryConfig } from '../activities/notification-delivery.activities.ts';
import type { TemporalConnectionOptions } from '../server/temporal-connection.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { classifyActivityFailures } from './activity-failures.ts';
import type { Tracing } from '../server/tracing.ts';
import { TRACING_WORKFLOW_INTERCEPTORS, tracingActivityInterceptors, tracingSinks } from './tracing.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Runs once per worker thread before any workflow (see the module's comment). */
const SANDBOX_SETTINGS_PATH = fileURLToPath(new URL('../workflows/sandbox-settings.ts', import.meta.url));

/**
 * `WORKFLOW_STACK_FRAMES` (default 1, at most 100): the stack frames V8 keeps in the workflow sandbox, read
 * when the bundle is built (at worker start, or by `npm run build:workflows`). Every promise a workflow
 * creates costs a stack trace of this many frames; one frame keeps the place an error was thrown. Raise it
 * (10 is V8's default) to read a stuck workflow's `__stack_trace` query in full.
 */
export function workflowStackFrames(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberSetting(env, 'WORKFLOW_STACK_FRAMES', { fallback: 1, min: 0, max: 100 });
}

/** A whole-number setting of the worker: `fallback` when unset or empty; outside `min`–`max` stops the start. */
function wholeNumberSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  range: { fallback: number; min: number; max: number },
): number {
  const raw = env[name]?.trim();
  if (!raw) return range.fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < range.min || n > range.max)
    throw new Error(`${name} must be a whole number from ${range.min} to ${range.max}, got '${raw}'`);
  return n;
}

let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code (seconds, more on a busy machine), as `npm run build:workflows` writes it. */
export function bundleWorkflows(env: NodeJS.ProcessEnv = process.env): Promise<WorkflowBundleWithSourceMap> {
  const stackFrames = workflowStackFrames(env);
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // Always bundled, traced or not: see worker/tracing.ts.
    workflowInterceptorModules: [TRACING_WORKFLOW_INTERCEPTORS],
    preloadModules: [SANDBOX_SETTINGS_PATH],
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        new webpack.DefinePlugin({ __WORKFLOW_STACK_FRAMES__: JSON.stringify(stackFrames) }),
      ],
    }),
    logger: quietBundlerLogger,
  });
}

/**
 * The workflow code, once per process: the bundle `WORKFLOW_BUNDLE` names (built at deployment by
 * `npm run build:workflows`, from the same checkout), or bundled now. A prebuilt bundle makes a restarted
 * worker poll within seconds instead of after bundling, which was most of a worker's restart under load.
 */
export function workflowBundle(env: NodeJS.ProcessEnv = process.env): Promise<WorkflowBundleWithSourceMap> {
  const file = env.WORKFLOW_BUNDLE?.trim();
  bundlePromise ??= file ? loadWorkflowBundle(file) : bundleWorkflows();
  return bundlePromise;
}

/** Reads a bundle written by `npm run build:workflows`; anything else is refused, naming the variable. */
export async function loadWorkflowBundle(file: string): Promise<WorkflowBundleWithSourceMap> {
  let code: string;
  try {
    code = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `WORKFLOW_BUNDLE: cannot read '${file}' (${(error as Error).message}); build it with npm run build:workflows.`,
    );
  }
  // The reusable V8 context needs the bundler's module cache rewrite; its inline source map maps stack traces.
  if (!code.includes('globalThis.__webpack_module_cache__') || !code.includes('//# sourceMappingURL=data:'))
    throw new Error(`WORKFLOW_BUNDLE: '${file}' is not a workflow bundle from npm run build:workflows.`);
  return { code, sourceMap: '' };
}

/** The bundler's logger: warnings and errors only (it logs every module at INFO). */
export const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface WorkerOptions {
  address: string;
  namespace: string;
  orm: Orm;
  taskQueue?: string;
  /** Outbound HTTP policy for webhooks (allow-list from `OUTBOUND_ALLOW_HOSTS`; a resolver in tests). */
  outbound?: OutboundPolicy | undefined;
  /** TLS and credentials for a Temporal cluster or Temporal Cloud (`server/temporal-connection.ts`). */
  connectionOptions?: TemporalConnectionOptions | undefined;
  /** Must be the client's converter (payload encryption): see `codec/data-converter.ts`. */
  dataConverter?: DataConverter | undefined;
  /** OpenTelemetry spans for workflows and activities (`server/tracing.ts`); absent, tracing is off. */
  tracing?: Tracing | undefined;
  /** Notification channels outside the app (e-mail over SMTP) and their timing; absent: in-app only. */
  notifications?: NotificationDeliveryConfig | undefined;
}

let runtimeInstalled = false;

/**
 * `WORKER_METRICS_ADDRESS` (`host:port`, e.g. `127.0.0.1:9464`): where the SDK serves its own Prometheus
 * metrics (`http://<address>/metrics`: `temporal_*` worker, poller, slot and request metrics), apart from the
 * API's `/metrics`. Unset or empty: off. Names follow Prometheus conventions (counters end in `_total`,
 * durations in `_seconds`), as Temporal's alerting guide writes them.
 */
export function workerMetricsAddress(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const address = env.WORKER_METRICS_ADDRESS?.trim();
  if (!address) return undefined;
  if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/.test(address)) {
    throw new Error(`WORKER_METRICS_ADDRESS must be host:port (e.g. 127.0.0.1:9464), got '${address}'`);
  }
  return address;
}

/**
 * Open contacts a worker keeps in memory (`WORKER_MAX_CACHED_WORKFLOWS`, default 1,000); the others replay
 * from their history when their next task comes. Each cached contact workflow costs ~2 MB here (the reusable
 * V8 context gives each workflow its own instance of the bundled modules — zod and the domain — and they cannot
 * be shared: the SDK freezes shared modules, and zod defines its methods lazily). The SDK's default, sized from
 * the heap at ~600 workflows per GiB, let a worker run out of heap at about 2,300 open contacts.
 */
export function maxCachedWorkflows(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberSetting(env, 'WORKER_MAX_CACHED_WORKFLOWS', { fallback: 1_000, min: 2, max: 100_000 });
}

/**
 * Installs the SDK runtime once per process: logging, and Prometheus metrics when `WORKER_METRICS_ADDRESS` is
 * set. The SDK logs every worker state change at INFO; operators want warnings and errors unless they ask.
 */
function installRuntime(): void {
  if (runtimeInstalled) return;
  const level = (process.env.TEMPORAL_LOG_LEVEL ?? 'WARN') as LogLevel;
  const bindAddress = workerMetricsAddress();
  // Structured, redacted lines: the SDK's warnings about failed activities carry their errors and inputs.
  const logger = new DefaultLogger(level, ({ level, message, meta }) =>
    logLine(level.toLowerCase() as Parameters<typeof logLine>[0], message, meta),
  );
  const metrics = bindAddress
    ? {
        prometheus: {
          bindAddress,
          countersTotalSuffix: true,
          unitSuffix: true,
          useSecondsForDurations: true,
        },
      }
    : undefined;
  try {
    // The process owning the worker handles signals itself (server/main.ts), so the SDK installs none.
    Runtime.install({ logger, shutdownSignals: [], telemetryOptions: { metrics } });
  } catch (error) {
    // Already installed by the host process: keep its choice. Anything else (the metrics port taken) stops here.
    if (!(error instanceof IllegalStateError)) throw error;
  }
  runtimeInstalled = true;
}

export async function createWorker(
  options: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntime();
  const connection = await NativeConnection.connect({
    address: options.address,
    ...options.connectionOptions,
  });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      orm: options.orm,
      outbound: options.outbound,
      notifications: options.notifications,
    }),
    dataConverter: options.dataConverter,
    // Tracing outermost: its spans see activity failures as they leave the worker, already sanitised.
    interceptors: { activity: [...tracingActivityInterceptors(options.tracing), classifyActivityFailures] },
    sinks: tracingSinks(options.tracing),
    // Running activities get this long to finish when the process is asked to stop.
    shutdownGraceTime: '10 seconds',
    maxCachedWorkflows: maxCachedWorkflows(),
  });
  return { worker, connection };
}
