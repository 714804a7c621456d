// A working-day calendar change reaching open contacts (issue 11), through the HTTP API on real Temporal and
// a real database: an administrator confirms a year with one more day off; a durable fan-out sends it to
// every open contact, whose running due dates move by that day and whose timeline says why; the fan-out
// finishes after its worker was stopped and a new one started; every change is audited; bad calendars and
// other roles are refused.
import { createServer, type AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deriveYearSchedule,
  isCalendarRef,
  isWorkingDay,
  nextWorkingDay,
  toLocalDate,
  yearOf,
  type CalendarData,
  type CarriedCalendar,
  type YearSchedule,
} from '../../domain/calendar/index.ts';
import type { Opening } from '../../domain/contact/state.ts';
import { CalendarChange, CalendarVersionRow } from '../../db/entities/index.ts';
import type { createApp } from '../../api/app.ts';
import { ContactWorkflows } from '../../api/contact-workflows.ts';
import { createCalendarActivities } from '../../activities/calendar.activities.ts';
import { currentCalendar } from '../../api/services/calendar-versions.ts';
import type { ContactView } from '../../domain/contact/views.ts';
import { contactStateQuery } from '../../workflows/messages.ts';
import { calendarChangeWorkflow } from '../../workflows/calendar-change.workflow.ts';
import { openingSearchAttributes } from '../../workflows/search-attributes.ts';
import { testPayloadCodec } from '../support/payload-encryption.ts';
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

async function finished(changeId: string, timeoutMs = 60_000): Promise<Change> {
  return eventually(
    () =>
      h
        .call('GET', `/calendar/changes/${changeId}`, { as: USERS.admin })
        .then((r) => expectJson<Change>(r, 200)),
    (c) => c.status === 'done' || c.status === 'failed',
    timeoutMs,
  );
}

/** The input a contact's workflow was started with, decrypted. */
async function startInput(contactId: string): Promise<Opening> {
  const history = await h.client.workflow.getHandle(contactId).fetchHistory();
  const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  const [decoded] = await testPayloadCodec.decode([payload]);
  return defaultPayloadConverter.fromPayload<Opening>(decoded!);
}

/** The calendar as the projection stored it. */
async function storedCalendar(contactId: string): Promise<CarriedCalendar> {
  const [row] = await h.orm.em
    .fork()
    .execute<{ calendar: CarriedCalendar }[]>(
      `select state -> 'calendar' as calendar from contact where id = ?`,
      [contactId],
    );
  return row!.calendar;
}

/** Confirms `year` with `dayOff` added and waits for the fan-out to finish. */
async function addDayOff(dayOff: string): Promise<Change> {
  const year = yearOf(dayOff);
  const current = await yearOfCalendar(year);
  const body = {
    ...current,
    daysOff: [...current.daysOff, { date: dayOff, kind: 'extra_day_off', name: 'Nghỉ đột xuất (kiểm thử)' }],
  };
  const confirmed = await expectJson<{ change: Change }>(
    await h.call('PUT', `/calendar/${year}`, { as: USERS.centralAdmin, body }),
    202,
  );
  return finished(confirmed.change.id);
}

describe('contacts carry a calendar version, not its years', () => {
  it('opens a contact on the newest version: the input and the stored state hold its number only', async () => {
    const opened = await openRequest(h, { subject: 'Phiên bản lịch' });
    const input = await startInput(opened.id);
    expect(isCalendarRef(input.calendar)).toBe(true);
    const { version } = input.calendar as { version: number };
    expect(version).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(input.calendar)).not.toMatch(/daysOff|schedules/);
    expect(JSON.stringify(input.calendar).length).toBeLessThan(80);
    expect(await storedCalendar(opened.id)).toEqual(input.calendar);
    // The workflow read the version's years into memory (through a recorded local activity).
    const state = await h.client.workflow.getHandle(opened.id).query(contactStateQuery);
    expect(state.calendar.version).toBe(version);
    expect(state.calendar.schedules.map((s) => s.year)).toContain(yearOf(toLocalDate(Date.now())));
    // The API counts due dates on the same years.
    expect(answerDue(await read(opened.id))).toBeGreaterThan(Date.now());
  });

  it('moves a contact opened before versions (its years in its input) onto the new version', async () => {
    const model = await openRequest(h, { subject: 'Mẫu hồ sơ cũ' });
    const today = toLocalDate(Date.now());
    const year = yearOf(today);
    // Started as every contact was before calendar versions: the years themselves in the input.
    const legacy: Opening = {
      ...(await startInput(model.id)),
      contactId: `${model.id}-legacy`,
      calendar: { schedules: [await yearOfCalendar(year), await yearOfCalendar(year + 1)] },
    };
    const handle = await h.client.workflow.start('informationRequestWorkflow', {
      workflowId: legacy.contactId,
      taskQueue: h.taskQueue,
      args: [legacy],
      typedSearchAttributes: openingSearchAttributes('information_request', legacy.agencyId),
    });
    const before = await eventually(
      () => h.call('GET', `/contacts/${legacy.contactId}`, { as: USERS.clerk }),
      (r) => r.status === 200,
      30_000,
    ).then((r) => expectJson<ContactView>(r, 200));
    expect(isCalendarRef(await storedCalendar(legacy.contactId))).toBe(false);

    const change = await addDayOff(await nextWorkingDate());
    expect(change.status).toBe('done');
    const after = await read(legacy.contactId);
    expect(answerDue(after)).toBeGreaterThan(answerDue(before));
    expect(after.timeline.map((e) => e.type)).toContain('calendar_changed');
    // From now on it counts on the version, like every contact opened since.
    const state = await handle.query(contactStateQuery);
    expect(state.calendar.version).toBeGreaterThanOrEqual(1);
    expect(await storedCalendar(legacy.contactId)).toEqual({ version: state.calendar.version });
  });
});

describe('a fan-out started before versions (still running after the deploy)', () => {
  it('sends each contact the year itself, and the contact carries its years whole from then on', async () => {
    const opened = await openRequest(h, { subject: 'Đợt gửi lịch cũ' });
    const before = await read(opened.id);
    const dayOff = await nextWorkingDate();
    const current = await yearOfCalendar(yearOf(dayOff));
    const schedule = {
      ...current,
      status: 'confirmed' as const,
      daysOff: [...current.daysOff, { date: dayOff, kind: 'extra_day_off' as const, name: 'Nghỉ (đợt cũ)' }],
    };
    const changeId = `calendar-legacy-${Date.now()}`;
    // As its input was written before versions: the year's schedule, no version.
    const result = await h.client.workflow.execute(calendarChangeWorkflow, {
      workflowId: changeId,
      taskQueue: h.taskQueue,
      args: [{ changeId, schedule }],
    });
    expect(result.done).toBeGreaterThanOrEqual(1);
    const after = await read(opened.id);
    expect(answerDue(after)).toBeGreaterThan(answerDue(before));
    const state = await h.client.workflow.getHandle(opened.id).query(contactStateQuery);
    expect(state.calendar.version).toBeUndefined();
    expect(isCalendarRef(await storedCalendar(opened.id))).toBe(false);
  });
});

describe('calendar versions', () => {
  it('takes a new version when the newest no longer covers this year and the next, and only then', async () => {
    const em = h.orm.em.fork();
    const year = yearOf(toLocalDate(Date.now()));
    // A version from long ago (2021–2022) is the newest: a contact opened now needs a new one.
    const old = em.create(CalendarVersionRow, {
      schedules: [2021, 2022].map(deriveYearSchedule),
      changeId: null,
      createdAt: new Date(),
    });
    await em.flush();
    const current = await currentCalendar(h.orm.em.fork(), year);
    expect(current.version).toBeGreaterThan(old.version);
    expect(current.schedules.map((s) => s.year)).toEqual(
      expect.arrayContaining([year - 1, year, year + 1, year + 2]),
    );
    // Concurrent openings agree on one version and take no more.
    const again = await Promise.all([1, 2, 3].map(() => currentCalendar(h.orm.em.fork(), year)));
    expect(new Set(again.map((c) => c.version))).toEqual(new Set([current.version]));
  });

  it('holds a year confirmed far ahead in the version its confirmation takes', async () => {
    const far = yearOf(toLocalDate(Date.now())) + 5;
    const schedule = await yearOfCalendar(far);
    const confirmed = await expectJson<{ change: Change }>(
      await h.call('PUT', `/calendar/${far}`, { as: USERS.centralAdmin, body: schedule }),
      202,
    );
    await finished(confirmed.change.id);
    const [row] = await h.orm.em.fork().find(CalendarVersionRow, { changeId: confirmed.change.id });
    const held = (row!.schedules as YearSchedule[]).find((s) => s.year === far);
    expect(held?.status).toBe('confirmed');
    // New contacts start on it.
    const opened = await openRequest(h, { subject: 'Sau khi xác nhận lịch' });
    expect(await storedCalendar(opened.id)).toEqual({ version: row!.version });
  });

  it('finds, for the last pass, open contacts opened around a change that still reference an older version', async () => {
    const opened = await openRequest(h, { subject: 'Mở ngay trước khi đổi lịch' });
    const { version: before } = (await storedCalendar(opened.id)) as { version: number };
    // A day off far from its deadlines: the contact takes the new version but records nothing, so the
    // projection still holds the older reference — as a contact missed by the pages would.
    const far = yearOf(toLocalDate(Date.now())) + 6;
    const farYear = await yearOfCalendar(far);
    const dayOff = nextWorkingDay({ schedules: [farYear] }, `${far}-06-01`);
    const confirmed = await expectJson<{ change: Change }>(
      await h.call('PUT', `/calendar/${far}`, {
        as: USERS.centralAdmin,
        body: {
          ...farYear,
          daysOff: [...farYear.daysOff, { date: dayOff, kind: 'extra_day_off', name: 'Nghỉ' }],
        },
      }),
      202,
    );
    const change = await finished(confirmed.change.id);
    const [row] = await h.orm.em.fork().find(CalendarVersionRow, { changeId: change.id });
    expect(row!.version).toBeGreaterThan(before);
    const late = await createCalendarActivities({ orm: h.orm }).openContactIdsBeforeVersion({
      changeId: change.id,
      version: row!.version,
      limit: 1000,
    });
    expect(late).toContain(opened.id);
    // Contacts that already reference the new version are not sent it again.
    const after = await openRequest(h, { subject: 'Mở sau khi đổi lịch' });
    expect(await storedCalendar(after.id)).toEqual({ version: row!.version });
    expect(
      await createCalendarActivities({ orm: h.orm }).openContactIdsBeforeVersion({
        changeId: change.id,
        version: row!.version,
        limit: 1000,
      }),
    ).not.toContain(after.id);
  });
});

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
      await h.call('PUT', `/calendar/${year}`, { as: USERS.centralAdmin, body }),
      202,
    );
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.daysOff.map((d) => d.date)).toContain(dayOff);
    expect(confirmed.change).toMatchObject({
      year,
      status: 'queued',
      requestedBy: { sub: USERS.centralAdmin },
    });
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
    expect(audit.items[0]).toMatchObject({ id: change.id, requestedBy: { sub: USERS.centralAdmin } });
    expect(audit.items[0]!.previous.daysOff.map((d) => d.date)).not.toContain(dayOff);
    expect(audit.items[0]!.schedule.daysOff.map((d) => d.date)).toContain(dayOff);

    // Sending the same year again moves nothing further: the due dates are already counted on it.
    const again = await expectJson<{ change: Change }>(
      await h.call('PUT', `/calendar/${year}`, { as: USERS.centralAdmin, body }),
      202,
    );
    expect((await finished(again.change.id)).moved).toBe(0);
    const last = await read(contacts[0]!.id);
    expect(last.timeline.filter((e) => e.type === 'calendar_changed')).toHaveLength(1);
  });

  it('refuses a calendar that does not hold together, and anyone but a central administrator', async () => {
    const year = yearOf(toLocalDate(Date.now()));
    const current = await yearOfCalendar(year);
    const put = (body: unknown, as: string = USERS.centralAdmin, y = year) =>
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
    await expectProblem(await put(current, USERS.centralAdmin, 1999), 400);
    for (const as of [USERS.clerk, USERS.supervisor, USERS.head, USERS.reporter])
      await expectProblem(await put(current, as), 403);
    await expectProblem(await h.call('PUT', `/calendar/${year}`, { body: current }), 401);
    // The holidays are national (the Prime Minister decides them): a province's administrator may not confirm
    // them, which would re-time open contacts in every province. Before the fix any administrator could.
    await expectProblem(await put(current, USERS.admin), 403, 'central_admin_required');
    // Nothing was confirmed by the refusals.
    expect((await yearOfCalendar(year)).daysOff).toEqual(current.daysOff);
  });

  it('tells each reader whether they may confirm the year, so a form need not offer a button that answers 403', async () => {
    const year = yearOf(toLocalDate(Date.now()));
    const mayConfirm = async (as?: string) =>
      (await expectJson<{ mayConfirm: boolean }>(await h.call('GET', `/calendar/${year}`, { as }), 200))
        .mayConfirm;
    expect(await mayConfirm(USERS.centralAdmin)).toBe(true);
    for (const as of [USERS.admin, USERS.clerk, USERS.supervisor, undefined])
      expect(await mayConfirm(as)).toBe(false);
  });
});

describe('a recomputation that could not be started', () => {
  // Before the fix a confirmation committed while Temporal was unreachable answered 503 "try again" with the
  // year already confirmed: its change stayed `queued` for good and the open contacts were never counted
  // again on it. Now the change waits, queued, and the next confirmation starts it (once, by its id).
  it('is started by the next confirmation once Temporal answers again', async () => {
    const opened = await openRequest(h, { subject: 'Lịch khi Temporal ngừng' });
    const before = await read(opened.id);
    const dayOff = await nextWorkingDate();
    const year = yearOf(dayOff);
    const current = await yearOfCalendar(year);
    const body = {
      ...current,
      daysOff: [...current.daysOff, { date: dayOff, kind: 'extra_day_off', name: 'Nghỉ (Temporal ngừng)' }],
    };

    const down = await apiWithTemporalDown();
    try {
      const refused = await down.app.request(`/api/v1/calendar/${year}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${await h.tokenFor(USERS.centralAdmin)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      await expectProblem(refused, 503, 'service_unavailable');
    } finally {
      await down.close();
    }
    const [stuck] = await h.orm.em
      .fork()
      .find(CalendarChange, { year }, { orderBy: { createdAt: 'desc' }, limit: 1 });
    expect(stuck).toMatchObject({ status: 'queued', requestedBy: USERS.centralAdmin });
    expect((await yearOfCalendar(year)).daysOff.map((d) => d.date)).toContain(dayOff);

    // The administrator tries again, as the 503 said: both changes are recomputed.
    const retried = await expectJson<{ change: Change }>(
      await h.call('PUT', `/calendar/${year}`, { as: USERS.centralAdmin, body }),
      202,
    );
    expect(retried.change.id).not.toBe(stuck!.id);
    expect(await finished(stuck!.id, 25_000)).toMatchObject({ status: 'done' });
    expect(await finished(retried.change.id)).toMatchObject({ status: 'done' });
    const after = await read(opened.id);
    expect(answerDue(after)).toBeGreaterThan(answerDue(before));
    expect(after.timeline.filter((e) => e.type === 'calendar_changed')).toHaveLength(1);
  });
});

/** The same API with a Temporal client for a port nobody listens on: every start fails as in an outage. */
async function apiWithTemporalDown(): Promise<{ app: ReturnType<typeof createApp>; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const connection = Connection.lazy({ address: `127.0.0.1:${port}` });
  const client = new Client({ connection, namespace: 'default' });
  const app = h.appWith({
    workflows: new ContactWorkflows(client, { taskQueue: h.taskQueue, updateTimeoutMs: 2_000 }),
    temporalReady: () => Promise.resolve(false),
  });
  return { app, close: () => connection.close() };
}
