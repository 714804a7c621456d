/**
 * Saves a workflow's history for the replay tests when `RECORD_HISTORIES=<version tag>` is set, as
 * `test/replay/histories/<tag>-<name>.json`. Record again whenever a workflow changes on purpose, and keep
 * the older files: they are the workflows already running in production.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  const tag = process.env.RECORD_HISTORIES;
  if (!tag) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await mkdir('test/replay/histories', { recursive: true });
  await writeFile(`test/replay/histories/${tag}-${name}.json`, historyToJSON(history));
}
