// A working-day calendar change reaching open contacts (issue 11), through the HTTP API on real Temporal and
// a real database: an administrator confirms a year with one more day off; a durable fan-out sends it to
// every open contact, whose running due dates move by that day and whose timeline says why; the fan-out
// finishes after its worker was stopped and a new one started; every change is audited; bad calendars and
// other roles are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isWorkingDay,
  nextWorkingDay,
  toLocalDate,
  yearOf,
  type CalendarData,
  type YearSchedule,
} from '../../domain/calendar/index.ts';
import type { ContactView } from '../../domain/contact/views.ts';
import { eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

interface Change {
  id: string;
  year: number;
  status: string;
  total: number;
  done: number;
  moved: number;
  requestedBy: { sub: string; name: string };
  previous: YearSchedule;
  schedule: YearSchedule;
}

const read = (id: string) =>
  h.call('GET', `/contacts/${id}`, { as: USERS.clerk }).then((r) => expectJson<ContactView>(r, 200));
const yearOfCalendar = (year: number) =>
  h.call('GET', `/calendar/${year}`).then((r) => expectJson<YearSchedule & { status: string }>(r, 200));
const answerDue = (v: ContactView) => v.clocks.find((c) => c.name === 'answer')!.dueAt!;

/** The first working day after today, on the calendar the API serves. */
async function nextWorkingDate(): Promise<string> {
  const today = toLocalDate(Date.now());
  const year = yearOf(today);
  const cal: CalendarData = { schedules: [await yearOfCalendar(year), await yearOfCalendar(year + 1)] };
  const next = nextWorkingDay(cal, today);
  expect(isWorkingDay(cal, next)).toBe(true);
  return next;
}

async function finished(changeId: string): Promise<Change> {
  return eventually(
    () =>
      h
        .call('GET', `/calendar/changes/${changeId}`, { as: USERS.admin })
        .then((r) => expectJson<Change>(r, 200)),
    (c) => c.status === 'done' || c.status === 'failed',
    60_000,
  );
}

describe('a calendar change reaches open contacts', () => {
  it('moves their running due dates by a new day off, says why, and survives a worker restart', async () => {
    const contacts = [];
    for (let i = 0; i < 12; i++) contacts.push(await openRequest(h, { subject: `Lịch làm việc ${i}` }));
    const before = await Promise.all(contacts.map((c) => read(c.id)));
    const dayOff = await nextWorkingDate();
    const year = yearOf(dayOff);
    const current = await yearOfCalendar(year);

    // The worker goes away before the change: the fan-out waits for one and then completes.
    await h.stopWorker();
    const body = {
      ...current,
      daysOff: [
        ...current.daysOff,
        { date: dayOff, kind: 'extra_day_off', name: 'Nghỉ đột xuất (kiểm thử)' },
      ],
    };
    const confirmed = await expectJson<YearSchedule & { change: Change }>(
      await h.call('PUT', `/calendar/${year}`, { as: USERS.admin, body }),
      202,
    );
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.daysOff.map((d) => d.date)).toContain(dayOff);
    expect(confirmed.change).toMatchObject({ year, status: 'queued', requestedBy: { sub: USERS.admin } });
    expect((await yearOfCalendar(year)).status).toBe('confirmed');
    await h.startWorker();

    const change = await finished(confirmed.change.id);
    expect(change).toMatchObject({ status: 'done' });
    expect(change.done).toBeGreaterThanOrEqual(contacts.length);
    expect(change.moved).toBeGreaterThanOrEqual(contacts.length);

    for (const [i, c] of contacts.entries()) {
      const after = await read(c.id);
      // One working day later: the new day off falls inside every running answer period.
      expect(answerDue(after)).toBeGreaterThan(answerDue(before[i]!));
      const entry = after.timeline.find((e) => e.type === 'calendar_changed');
      expect(entry?.text).toContain(`năm ${year}`);
      expect(entry?.data).toMatchObject({ changeId: change.id, year, dueMoved: { reason: 'calendar' } });
    }
    // The journalist sees why the date moved too.
    const asJournalist = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contacts[0]!.id}`, { as: USERS.reporter }),
      200,
    );
    expect(asJournalist.timeline.map((e) => e.type)).toContain('calendar_changed');

    // The audit: who, when, from what to what.
    const audit = await expectJson<{ items: Change[] }>(
      await h.call('GET', `/calendar/${year}/changes`, { as: USERS.admin }),
      200,
    );
    expect(audit.items[0]).toMatchObject({ id: change.id, requestedBy: { sub: USERS.admin } });
    expect(audit.items[0]!.previous.daysOff.map((d) => d.date)).not.toContain(dayOff);
    expect(audit.items[0]!.schedule.daysOff.map((d) => d.date)).toContain(dayOff);

    // Sending the same year again moves nothing further: the due dates are already counted on it.
    const again = await expectJson<{ change: Change }>(
      await h.call('PUT', `/calendar/${year}`, { as: USERS.admin, body }),
      202,
    );
    expect((await finished(again.change.id)).moved).toBe(0);
    const last = await read(contacts[0]!.id);
    expect(last.timeline.filter((e) => e.type === 'calendar_changed')).toHaveLength(1);
  });

  it('refuses a calendar that does not hold together, and anyone but an administrator', async () => {
    const year = yearOf(toLocalDate(Date.now()));
    const current = await yearOfCalendar(year);
    const put = (body: unknown, as: string = USERS.admin, y = year) =>
      h.call('PUT', `/calendar/${y}`, { as, body });
    const weekday = nextWorkingDay({ schedules: [current] }, `${year}-01-05`);
    const cases: [unknown, string, string][] = [
      [
        { ...current, daysOff: [{ date: `${year + 1}-01-02`, kind: 'holiday', name: 'x' }] },
        'invalid_calendar',
        'daysOff.0.date',
      ],
      [
        { ...current, workingWeekendDays: [{ date: weekday, name: 'Làm bù' }] },
        'invalid_calendar',
        'workingWeekendDays.0.date',
      ],
      [{ ...current, year: year + 1 }, 'year_mismatch', 'year'],
    ];
    for (const [body, code, path] of cases) {
      const problem = await expectProblem(await put(body), 422, code);
      expect(problem.issues?.[0]?.path).toBe(path);
    }
    await expectProblem(
      await put({ ...current, daysOff: [{ date: 'ngày mai', kind: 'holiday', name: 'x' }] }),
      422,
    );
    await expectProblem(await put(current, USERS.admin, 1999), 400);
    for (const as of [USERS.clerk, USERS.supervisor, USERS.head, USERS.reporter])
      await expectProblem(await put(current, as), 403);
    await expectProblem(await h.call('PUT', `/calendar/${year}`, { body: current }), 401);
    // Nothing was confirmed by the refusals.
    expect((await yearOfCalendar(year)).daysOff).toEqual(current.daysOff);
  });
});
