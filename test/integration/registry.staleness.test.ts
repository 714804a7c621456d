// Agencies are prompted to re-confirm stale spokesperson entries by a daily Temporal Schedule; the sweep is
// idempotent per agency and day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchedules, STALENESS_SCHEDULE_ID } from '../../server/schedules.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { recordHistory } from '../support/histories.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

async function sweep(months: number): Promise<{ agencies: number; entries: number }> {
  const workflowId = `staleness-test-${Date.now()}-${Math.random()}`;
  const result = (await h.client.workflow.execute('spokespersonStalenessWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ months }],
  })) as { agencies: number; entries: number };
  if (months === 0) await recordHistory(h.client, workflowId, 'staleness-sweep');
  return result;
}

describe('spokesperson staleness', () => {
  it('prompts each agency with stale entries once a day', async () => {
    expect(await sweep(6)).toEqual({ agencies: 0, entries: 0 });
    const result = await sweep(0);
    expect(result.agencies).toBeGreaterThanOrEqual(7);
    await sweep(0);
    const rows = await h.orm.em
      .fork()
      .execute<{ key: string; recipient_agency_id: string; link: string }[]>(
        `select key, recipient_agency_id, link from notification where type = 'spokespersons_stale' order by key`,
      );
    expect(rows).toHaveLength(result.agencies);
    expect(rows.find((r) => r.recipient_agency_id === 'qt-so-yte')?.link).toBe('registry:qt-so-yte');
  });

  it('is started by a schedule in Vietnam time, not by a timer in the API process', async () => {
    await ensureSchedules(h.client, h.taskQueue);
    await ensureSchedules(h.client, h.taskQueue, 3);
    const handle = h.client.schedule.getHandle(STALENESS_SCHEDULE_ID);
    try {
      const description = await handle.describe();
      expect(description.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(description.action).toMatchObject({ type: 'startWorkflow', args: [{ months: 3 }] });
    } finally {
      await handle.delete();
    }
  });
});
