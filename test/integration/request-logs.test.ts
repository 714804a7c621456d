// Structured request logs (issue 9): one JSON line per request with its id, and the contact and workflow it is
// about, never the body or a person's name.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
const lines: string[] = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  vi.restoreAllMocks();
  delete process.env.LOG_REQUESTS;
  await h?.close();
});

describe('request logs', () => {
  it('carry the request id, the contact id and the workflow id, and no personal data', async () => {
    const contact = await openRequest(h, {
      subject: 'Nhật ký yêu cầu',
      question: 'Câu hỏi riêng tư của Nguyễn Văn An',
    });
    process.env.LOG_REQUESTS = '1';
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await act(h, contact.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    vi.restoreAllMocks();
    delete process.env.LOG_REQUESTS;
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['path'] === `/api/v1/contacts/${contact.id}/actions/assign`);
    expect(entry).toMatchObject({
      level: 'info',
      method: 'POST',
      status: 200,
      contactId: contact.id,
      workflowId: contact.id,
    });
    expect(entry!['requestId']).toEqual(expect.any(String));
    expect(lines.join('\n')).not.toContain('Nguyễn Văn An');
  });
});
