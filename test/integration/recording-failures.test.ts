// Regression tests for issue 6 (1, 6): a projection write that failed was retried forever, about once a
// minute, printing the whole SQL with the journalist's name and question each time; the contact answered 503
// to every later action and the list disagreed with the workflow. Now a data error is refused at once and the
// step undone, a transient error is retried a few times and then noted on the timeline and retried later,
// and neither the logs nor the history carry what people wrote.
//
// The database is made to refuse on purpose with a CHECK constraint (a data error, SQLSTATE 23514) or a
// trigger that raises a serialization failure (40001, transient): the text policy keeps the characters that
// did this in production from ever reaching the workflow, so the failure paths are driven from below.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContactView, InformationRequestState } from '../../domain/information-request/index.ts';
import { contactStateQuery, retryRecordingUpdate } from '../../workflows/messages.ts';
import { act, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { recordHistory } from '../support/histories.ts';
import { flakyContactWrites, type FlakyWrites } from '../support/flaky-writes.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
let flaky: FlakyWrites;
const printed: string[] = [];

beforeAll(async () => {
  // Recording retries take about 15 s before the workflow answers: give actions time to come back.
  h = await startHarness({ updateTimeoutMs: 60_000 });
  await h.orm.em.fork().execute(`
    alter table contact add constraint test_refuse_subject check (subject not like '%POISON%');
    alter table timeline_entry add constraint test_refuse_text check (text is null or text not like '%POISON%');
  `);
  flaky = await flakyContactWrites(h.orm);
  for (const stream of ['log', 'error', 'warn'] as const)
    vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
}, 180_000);
afterEach(async () => flaky.recover());
afterAll(async () => {
  vi.restoreAllMocks();
  await h?.close();
});

async function workflowState(id: string): Promise<InformationRequestState> {
  return (await h.client.workflow.getHandle(id).query(contactStateQuery)) as InformationRequestState;
}

async function projection(id: string) {
  const rows = await h.orm.em
    .fork()
    .execute<{ status: string; last_seq: number }[]>('select status, last_seq from contact where id = ?', [
      id,
    ]);
  return rows[0];
}

describe('a database that refuses the data', () => {
  it('answers a create with 422 at once and leaves no contact behind', async () => {
    const started = Date.now();
    const response = await h.call('POST', '/contacts', {
      as: USERS.reporter,
      headers: { 'idempotency-key': 'refused-create-0001' },
      body: {
        kind: 'information_request',
        agencyId: 'qt-so-yte',
        subject: 'Chủ đề POISON',
        question: 'Câu hỏi đủ dài để hợp lệ theo quy định.',
      },
    });
    await expectProblem(response, 422, 'unstorable_input');
    expect(Date.now() - started).toBeLessThan(10_000);
    const list = await expectJson<{ items: { subject: string }[] }>(
      await h.call('GET', '/contacts?q=poison', { as: USERS.reporter }),
      200,
    );
    expect(list.items).toEqual([]);
  });

  it('undoes a refused action, notes it on the timeline, and takes the next action normally', async () => {
    const contact = await openRequest(h);
    const response = await h.call('POST', `/contacts/${contact.id}/actions/request_clarification`, {
      as: USERS.clerk,
      body: { question: 'Xin làm rõ POISON giúp chúng tôi' },
    });
    await expectProblem(response, 422, 'unstorable_input');

    const seen = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.clerk }),
      200,
    );
    expect(seen.status).toBe('submitted');
    expect(seen.timeline.at(-1)).toMatchObject({
      type: 'activity_failed',
      data: { activity: 'recordContactEvent', failure: 'DataError', retryable: false },
    });
    // Not for the reporter: it is about the agency's system, not their request.
    const reporterView = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.reporter }),
      200,
    );
    expect(reporterView.timeline.map((e) => e.type)).not.toContain('activity_failed');

    const assigned = await act(h, contact.id, USERS.clerk, 'assign', {
      assigneeSub: USERS.officer,
      assigneeName: 'Chuyên viên',
    });
    expect(assigned.status).toBe('in_progress');
    // The workflow and the projection agree.
    const state = await workflowState(contact.id);
    expect(await projection(contact.id)).toMatchObject({
      status: state.status,
      last_seq: state.timeline.at(-1)!.seq,
    });
    await recordHistory(h.client, contact.id, 'recording-refused');
  });

  it('prints neither the text nor the name, and keeps them out of the failure in the history', async () => {
    const contact = await openRequest(h);
    await h.call('POST', `/contacts/${contact.id}/actions/request_clarification`, {
      as: USERS.clerk,
      body: { question: 'Lại POISON một lần nữa nhé' },
    });
    const text = printed.join('\n');
    expect(text).toContain('SQLSTATE 23514'); // the failure was logged…
    expect(text).not.toContain('POISON'); // …without the text,
    expect(text).not.toContain('Nguyễn Văn An'); // the journalist's name
    expect(text).not.toMatch(/insert into/i); // or the statement.
    const history = JSON.stringify(await h.client.workflow.getHandle(contact.id).fetchHistory());
    expect(history).toContain('DataError');
    expect(history).not.toContain('POISON');
    expect(history).not.toMatch(/insert into/i);
  });
});

describe('a database that fails for a while', () => {
  it('keeps the step, says the recording is delayed, and records it all once retried', async () => {
    const contact = await openRequest(h);
    await flaky.fail();
    const assigned = await act(h, contact.id, USERS.clerk, 'assign', {
      assigneeSub: USERS.officer,
      assigneeName: 'Chuyên viên',
    });
    // The workflow decided: the action stands, and its view says the recording failed and will be retried.
    expect(assigned.status).toBe('in_progress');
    expect(assigned.timeline.at(-1)).toMatchObject({
      type: 'activity_failed',
      data: { failure: 'TransientDatabaseError', retryable: true },
    });
    expect(await projection(contact.id)).toMatchObject({ status: 'submitted' });

    // The cause is fixed; a supervisor (or the workflow's own schedule) retries.
    await flaky.recover();
    const handle = h.client.workflow.getHandle(contact.id);
    await expect(
      handle.executeUpdate(retryRecordingUpdate, {
        args: [{ actor: { sub: 'x', name: 'x', roles: ['journalist'] } }],
      }),
    ).rejects.toThrow();
    const health = await handle.executeUpdate(retryRecordingUpdate, {
      args: [{ actor: { sub: USERS.admin, name: 'Quản trị', roles: ['admin'] }, reason: 'Đã sửa CSDL' }],
    });
    expect(health).toEqual({ delayedEvents: 0 });
    const state = await workflowState(contact.id);
    expect(state.timeline.map((e) => e.type)).toEqual([
      'submitted',
      'assign',
      'activity_failed',
      'activity_recovered',
      'retry_requested',
    ]);
    // The intervention is audited: who, when and why.
    expect(state.timeline.at(-1)).toMatchObject({
      actor: { sub: USERS.admin },
      text: 'Đã sửa CSDL',
      audience: 'agency',
    });
    expect(await projection(contact.id)).toMatchObject({ status: 'in_progress', last_seq: 5 });
    const seen = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.clerk }),
      200,
    );
    expect(seen.timeline.map((e) => e.type)).toEqual([
      'submitted',
      'assign',
      'activity_failed',
      'activity_recovered',
      'retry_requested',
    ]);
    await recordHistory(h.client, contact.id, 'recording-delayed');
  }, 120_000);
});
