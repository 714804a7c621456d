/**
 * @module
 * The bare-Update baseline of the `load` group (issue 9): its own workflow bundle, task queue and worker (in a
 * process of its own, as the product's parts run, or in the bench process with `inProcess`), driven like the
 * product's lifecycles (one update-with-start, then four Updates) by concurrent clients on the dev server the
 * product uses in the same run.
 */
import { quietBundlerLogger } from '../worker/worker.ts';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { addToCounterUpdate, type bareCounterWorkflow } from './bare-update.workflow.ts';
import { historyEventCounts, type CpuMeter, type CpuReading } from './load-probes.ts';
import { spawnPart } from './part-process.ts';
import { runAtRate, runConcurrently, summary, type OfferedLoad } from './stats.ts';

/** Operations per lifecycle: one update-with-start and four Updates, as create + four product actions. */
export const BARE_OPERATIONS = 5;

const WORKFLOWS_PATH = fileURLToPath(new URL('./bare-update.workflow.ts', import.meta.url));

export interface BareUpdateOptions {
  /** The dev server's `host:port` (loopback). */
  address: string;
  lifecycles: number;
  concurrency: number;
  /** Lifecycles run (at concurrency 8) before timing starts. */
  warmup: number;
  /** The worker in the bench process instead of its own (the arrangement before issue 9's split). */
  inProcess?: boolean;
  /** Measures the run; its worker process is added once it polls, and it is read before that process stops. */
  meter: CpuMeter;
  /** A second phase after the measured one: lifecycles started at a fixed rate, for latency below saturation. */
  offered?: OfferedLoad | undefined;
}

/** Starts the bare worker where asked; returns how to stop it. */
async function startBareWorker(options: BareUpdateOptions, taskQueue: string): Promise<() => Promise<void>> {
  if (!options.inProcess) {
    const part = await spawnPart('./bare-worker.ts', 'bare-worker', {
      TEMPORAL_ADDRESS: options.address,
      BENCH_TASK_QUEUE: taskQueue,
    });
    await options.meter.add(part.pid);
    return () => part.stop();
  }
  const workerConnection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger }),
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
  };
}

export interface BareUpdateResult {
  /** Update-with-start round trips (the first operation of a lifecycle). */
  start: ReturnType<typeof summary>;
  /** The four plain Updates of each lifecycle. */
  update: ReturnType<typeof summary>;
  /** All five operations together. */
  all: ReturnType<typeof summary>;
  lifecycles: number;
  seconds: number;
  updatesPerS: number;
  /** Failed operations by error name (a failed operation ends its lifecycle). */
  errors: Record<string, number>;
  /** History events by type of one completed lifecycle's workflow. */
  history: Record<string, number>;
  cpu: CpuReading;
  /** The fixed-rate phase, when asked for. */
  offered?: BareOfferedResult;
}

export interface BareOfferedResult {
  start: ReturnType<typeof summary>;
  update: ReturnType<typeof summary>;
  seconds: number;
  maxStartLagMs: number;
  errors: Record<string, number>;
}

/** Round-trip times of one phase, by operation, and its failures by error name. */
interface Tally {
  starts: number[];
  updates: number[];
  errors: Record<string, number>;
}

const newTally = (): Tally => ({ starts: [], updates: [], errors: {} });

export async function runBareUpdates(options: BareUpdateOptions): Promise<BareUpdateResult> {
  const taskQueue = `bench-bare-${randomBytes(3).toString('hex')}`;
  const stopWorker = await startBareWorker(options, taskQueue);
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: 'default' });
  let lastCompleted: string | undefined;

  async function timed(tally: Tally, into: number[], operation: () => Promise<number>): Promise<boolean> {
    const started = performance.now();
    try {
      await operation();
      into.push(performance.now() - started);
      return true;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'unknown';
      tally.errors[name] = (tally.errors[name] ?? 0) + 1;
      return false;
    }
  }

  async function lifecycle(workflowId: string, tally: Tally): Promise<void> {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof bareCounterWorkflow>(
      'bareCounterWorkflow',
      {
        workflowId,
        taskQueue,
        args: [{ operations: BARE_OPERATIONS }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      },
    );
    const started = await timed(tally, tally.starts, () =>
      client.workflow.executeUpdateWithStart(addToCounterUpdate, {
        args: [{ by: 1 }],
        startWorkflowOperation,
      }),
    );
    if (!started) return;
    const handle = client.workflow.getHandle(workflowId);
    for (let i = 1; i < BARE_OPERATIONS; i++) {
      const done = await timed(tally, tally.updates, () =>
        handle.executeUpdate(addToCounterUpdate, { args: [{ by: 1 }] }),
      );
      if (!done) return;
    }
    lastCompleted = workflowId;
  }

  try {
    const warmup = newTally();
    await runConcurrently(options.warmup, 8, (i) => lifecycle(`${taskQueue}-warmup-${i}`, warmup));
    const measured = newTally();
    const t0 = performance.now();
    await runConcurrently(options.lifecycles, options.concurrency, (i) =>
      lifecycle(`${taskQueue}-${i}`, measured),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = await options.meter.stop();
    const history = lastCompleted ? await historyEventCounts(client.workflow.getHandle(lastCompleted)) : {};
    return {
      start: summary(measured.starts),
      update: summary(measured.updates),
      all: summary([...measured.starts, ...measured.updates]),
      lifecycles: options.lifecycles,
      seconds,
      updatesPerS: (measured.starts.length + measured.updates.length) / seconds,
      errors: measured.errors,
      cpu,
      history,
      ...(options.offered ? { offered: await offeredPhase(options.offered) } : {}),
    };
  } finally {
    await stopWorker();
    await connection.close();
  }

  async function offeredPhase(offered: OfferedLoad): Promise<BareOfferedResult> {
    const tally = newTally();
    const t0 = performance.now();
    const { maxStartLagMs } = await runAtRate(offered.lifecycles, offered.perSecond, (i) =>
      lifecycle(`${taskQueue}-offered-${i}`, tally),
    );
    return {
      start: summary(tally.starts),
      update: summary(tally.updates),
      seconds: (performance.now() - t0) / 1000,
      maxStartLagMs,
      errors: tally.errors,
    };
  }
}
