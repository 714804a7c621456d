/**
 * @module
 * The bare baseline's worker as its own process (`load` group, issue 9), so the bare Update and the product
 * are measured alike: clients in the bench process, the service side in processes of their own. Polls
 * `BENCH_TASK_QUEUE` on `TEMPORAL_ADDRESS`; prints `READY worker`; stops on SIGTERM.
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { stopOnSignals } from '../server/parts.ts';
import { quietBundlerLogger } from '../worker/worker.ts';

const address = process.env.TEMPORAL_ADDRESS;
const taskQueue = process.env.BENCH_TASK_QUEUE;
if (!address || !taskQueue)
  throw new Error('bench/bare-worker.ts needs TEMPORAL_ADDRESS and BENCH_TASK_QUEUE.');

// The SDK's own signal handling would stop the worker before stopOnSignals prints; this process owns it.
Runtime.install({ shutdownSignals: [] });
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue,
  workflowBundle: await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./bare-update.workflow.ts', import.meta.url)),
    logger: quietBundlerLogger,
  }),
});
const running = worker.run();
console.log('READY worker');
stopOnSignals(async () => {
  worker.shutdown();
  await running;
  await connection.close();
});
