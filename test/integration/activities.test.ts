// Idempotency of the recording activity against the real database: a retried or late activity writes
// nothing twice and never moves a contact backwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { defaultCalendar } from '../../domain/calendar/index.ts';
import { DEFAULT_DEADLINE_RULES } from '../../domain/deadlines/rules.ts';
import {
  openInformationRequest,
  performAction,
  type Transition,
} from '../../domain/information-request/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';

let db: ScratchDatabase;
beforeAll(async () => {
  db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_test');
});
afterAll(async () => db?.drop());

const clerk = {
  sub: 'c-1',
  name: 'Văn thư',
  roles: ['agency_staff' as const],
  agencyId: 'agency-1',
  provinceId: 'p-1',
};
const count = async (table: string, id: string) =>
  Number(
    (
      await db.orm.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) as n from ${table} where contact_id = ?`, [id])
    )[0]?.n,
  );

describe('recordContactEvent', () => {
  it('is idempotent under retries and ignores late, older events', async () => {
    const activities = createActivities({ orm: db.orm });
    const opened = openInformationRequest({
      contactId: 'YC-IDEMPOTENT',
      agencyId: 'agency-1',
      provinceId: 'p-1',
      journalist: { sub: 'j-1', name: 'Nguyễn Văn A' },
      subject: 'Chủ đề',
      question: 'Câu hỏi đủ dài.',
      submittedAt: Date.UTC(2026, 2, 9, 2),
      rules: { first_response: DEFAULT_DEADLINE_RULES[0]!, answer: DEFAULT_DEADLINE_RULES[1]! },
      calendar: defaultCalendar(),
    });
    const assigned: Transition = performAction(
      opened.state,
      clerk,
      'assign',
      { assigneeSub: 'o-1' },
      Date.UTC(2026, 2, 9, 3),
      { assignee: { sub: 'o-1', name: 'Chuyên viên', role: 'agency_staff' } },
    );
    const record = (t: Transition) =>
      activities.recordContactEvent({ state: t.state, entry: t.entry, notifications: t.notifications });

    await record(opened);
    await record(assigned);
    await record(assigned); // a retry after a lost completion
    await record(opened); // a late delivery of the older event

    expect(await count('timeline_entry', 'YC-IDEMPOTENT')).toBe(2);
    expect(await count('notification', 'YC-IDEMPOTENT')).toBe(2);
    const [row] = await db.orm.em
      .fork()
      .execute<{ status: string; last_seq: number; assignee_sub: string }[]>(
        'select status, last_seq, assignee_sub from contact where id = ?',
        ['YC-IDEMPOTENT'],
      );
    expect(row).toMatchObject({ status: 'in_progress', last_seq: 2, assignee_sub: 'o-1' });
  });
});
