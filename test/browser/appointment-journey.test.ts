// The work-appointment journey across the two demo pages in Chromium, on the real API, worker, Temporal and
// database: a journalist who is not resident in the province proposes a meeting on the portal, the agency's
// clerk counter-proposes a time with a host in IOffice, the journalist confirms it and downloads it as an
// .ics, the agency records that the meeting was held, and the journalist acknowledges the result. The stack
// runs with office hours `always` (OFFICE_HOURS=always), so the meeting can be held a minute after it is agreed,
// at any hour of any day; the refusals of days off and out-of-hours times are in journey.test.ts, which runs
// with the usual hours. Screenshots go to test-results/browser/.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAhead, icsLocal, soonSlot, vnParts, type LocalSlot } from './appointment-support.ts';
import {
  expectAccessible,
  expectAttribute,
  expectText,
  screenshot,
  startStack,
  switchUser,
  type Stack,
} from './support.ts';

const JOURNALIST = 'pv-tran-thi-binh';
const CLERK = 'yte-van-thu';
const AGENCY = 'qt-so-yte';
const HOST = 'sp-qt-yte';

const SUBJECT = 'Phỏng vấn về công tác phòng chống sốt xuất huyết';
const QUESTIONS =
  'Đề nghị được phỏng vấn lãnh đạo Sở Y tế về tình hình sốt xuất huyết và kế hoạch phun hóa chất tháng 12.';
const PARTICIPANTS = 'Phóng viên Trần Thị Bình và một quay phim, Báo Tuổi Trẻ';
const PLACE = 'Phòng họp tầng 2, Sở Y tế, 34 Hùng Vương, Đông Hà';
const SUMMARY = 'Lãnh đạo Sở trả lời 5 câu hỏi về sốt xuất huyết; cung cấp số liệu tháng 11.';
const INFORMATION = 'Báo cáo số 215/BC-SYT về tình hình dịch bệnh tháng 11.';

let stack: Stack;
let portal: Page;
let ioffice: Page;
let contactId: string | undefined;
/** The time the agency proposes and the journalist confirms (step 2): soon, so that its result can be recorded. */
let meeting: (LocalSlot & { startsAt: number }) | undefined;
/** The .ics SEQUENCE once the meeting was agreed. */
let sequence = Number.NaN;

beforeAll(async () => {
  stack = await startStack({ officeHours: 'always' });
  portal = await stack.context.newPage();
  ioffice = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

function theContact(): string {
  if (!contactId) throw new Error('Step 1 did not create an appointment.');
  return contactId;
}

function theMeeting(): LocalSlot & { startsAt: number } {
  if (!meeting) throw new Error('Step 2 did not propose a meeting time.');
  return meeting;
}

/** Fills row `index` of a `pl-slot-picker`, adding rows as needed. */
async function fillSlot(picker: Locator, index: number, slot: LocalSlot): Promise<void> {
  const rows = picker.getByTestId('slot');
  // The picker's code loads when its form is first shown; once it has, it shows at least one row.
  await rows.first().waitFor();
  while ((await rows.count()) <= index) await picker.getByTestId('slot-add').click();
  const row = rows.nth(index);
  await row.getByTestId('slot-date').fill(slot.date);
  await row.getByTestId('slot-start').fill(slot.start);
  await row.getByTestId('slot-end').fill(slot.end);
}

/** The actions a `pl-contact` inside `scope` offers, in display order. */
async function offered(scope: Locator): Promise<string[]> {
  const out: string[] = [];
  for (const d of await scope.locator('pl-contact details[data-action]').all())
    out.push((await d.getAttribute('data-action')) ?? '?');
  return out;
}

async function expectOffered(scope: Locator, action: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => offered(scope), { timeout, message: `${action} offered` }).toContain(action);
}

/** Opens an action's disclosure if it is closed. */
async function openAction(contact: Locator, action: string): Promise<Locator> {
  const details = contact.locator(`details[data-action=${action}]`);
  if ((await details.getAttribute('open')) === null)
    await contact.getByTestId(`action-toggle-${action}`).click();
  return details;
}

/** The contact's `.ics`, fetched in the page with the token the host page gave the widgets. */
async function fetchIcs(page: Page, id: string): Promise<{ status: number; type: string; text: string }> {
  // A string, not a function: the test project has no DOM types.
  return page.evaluate<{ status: number; type: string; text: string }>(`(async () => {
    const token = await document.querySelector('pl-my-contacts').tokenProvider();
    const response = await fetch('/api/v1/contacts/${encodeURIComponent(id)}/calendar.ics', {
      headers: { authorization: 'Bearer ' + token },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  })()`);
}

/** Unfolds iCalendar content lines (RFC 5545 §3.1) and returns them. */
function icsLines(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

/** The lines of each VEVENT (the VTIMEZONE has DTSTARTs of its own). */
function icsEvents(lines: string[]): string[][] {
  const events: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') {
      current = [];
    } else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else {
      current?.push(line);
    }
  }
  return events;
}

describe('work appointment journey in the demo pages', () => {
  it('1. a non-resident journalist proposes an appointment on the portal', async () => {
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html`);
    await switchUser(ioffice, CLERK);

    await portal.bringToFront();
    await portal.goto(`${stack.baseUrl}/demo/portal.html`);
    await switchUser(portal, JOURNALIST);
    const form = portal.locator('pl-request-form');
    await form.getByTestId('agency').selectOption(AGENCY);
    // Not resident in Quảng Trị: the information request is not offered, and the form says why.
    await expectText(form.getByTestId('ir-unavailable'), 'chỉ dành cho phóng viên thường trú');
    expect(await form.getByTestId('kind-information_request').count()).toBe(0);
    expect(await form.getByTestId('kind-appointment').isChecked()).toBe(true);
    await expectText(form.locator('h2'), 'Đề nghị làm việc với cơ quan');

    await form.getByTestId('subject').fill(SUBJECT);
    await form.getByTestId('questions').fill(QUESTIONS);
    await form.getByTestId('format-in_person').check();
    await form.getByTestId('participants').fill(PARTICIPANTS);

    // Office hours `always`: every day and hour may be proposed, and the picker says so.
    const picker = form.locator('pl-slot-picker');
    await expectText(picker.getByTestId('slot-hint'), 'Nhận lịch vào mọi ngày, mọi giờ');
    expect(await picker.getByTestId('slot-start').first().getAttribute('min')).toBeNull();
    expect(await picker.getByTestId('slot-end').first().getAttribute('max')).toBeNull();
    // Still refused before anything is sent: a time that has passed, and an end before the start.
    const today = vnParts(Date.now()).date;
    const [day1, day2] = [daysAhead(1), daysAhead(2)];
    await fillSlot(picker, 0, { date: today, start: '00:00', end: '00:01' });
    await expectText(picker.getByTestId('slot-error').first(), 'Thời gian này đã qua');
    await expectAttribute(picker.getByTestId('slot-day').first(), 'data-working', 'true');
    await fillSlot(picker, 0, { date: day1, start: '22:00', end: '21:30' });
    await form.getByTestId('submit').click();
    await expectText(picker.getByTestId('slot-error').first(), 'Giờ kết thúc phải sau giờ bắt đầu');
    expect(await picker.getByTestId('slot-start').first().getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByTestId('created').count()).toBe(0);

    // Late evening and early morning are fine under `always`.
    await fillSlot(picker, 0, { date: day1, start: '21:00', end: '22:00' });
    await fillSlot(picker, 1, { date: day2, start: '06:00', end: '06:45' });
    await expectAttribute(picker.getByTestId('slot-day').nth(1), 'data-working', 'true');
    expect(await picker.getByTestId('slot-error').count()).toBe(0);
    await expectAccessible(form);
    await screenshot(portal, '21-portal-appointment-filled');
    await form.getByTestId('submit').click();

    const created = form.getByTestId('created');
    await created.waitFor();
    await expectText(created, 'Đã gửi đề nghị làm việc.');
    const id = ((await form.getByTestId('contact-id').textContent()) ?? '').trim();
    expect(id).toMatch(/^LV-[0-9A-Z]+$/);
    contactId = id;
    await expectAttribute(created.locator('[part=status]'), 'data-status', 'submitted');

    const row = portal.locator(`pl-my-contacts [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-kind', 'appointment');
    await expectText(row.getByTestId('kind'), 'Đề nghị làm việc');
    await expectText(portal.locator('#event-log'), `pl-contact-created: ${id}`);
    await screenshot(portal, '22-portal-appointment-created');
  });

  it('2. the clerk counter-proposes a time with a host in IOffice', async () => {
    const id = theContact();
    await ioffice.bringToFront();
    const inbox = ioffice.locator('pl-inbox');
    const row = inbox.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-kind', 'appointment');
    await expectText(row, 'Trần Thị Bình');
    // The kind filter: not among information requests, back among appointments.
    await inbox.getByTestId('filter-kind').selectOption('information_request');
    await expectText(inbox.getByTestId('list-status'), 'Không có hồ sơ phù hợp với bộ lọc.');
    expect(await row.count()).toBe(0);
    await inbox.getByTestId('filter-kind').selectOption('appointment');
    await expectText(inbox.getByTestId('list-status'), '1 hồ sơ');
    await expectText(row.getByTestId('kind'), 'Đề nghị làm việc');
    await row.click();

    const contact = inbox.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectText(contact.getByTestId('questions'), QUESTIONS);
    await expectText(contact.getByTestId('format'), 'Gặp trực tiếp');
    await expectText(contact.getByTestId('participants'), PARTICIPANTS);
    await expectAttribute(contact.getByTestId('proposal'), 'data-by', 'journalist');
    expect(await contact.getByTestId('proposal-slot').count()).toBe(2);
    await expectOffered(inbox, 'propose_time');
    expect(await offered(inbox)).toContain('accept');

    // A time a minute or so ahead, whatever the hour: the result can only be recorded once the meeting has
    // started.
    meeting = soonSlot();
    const form = await openAction(contact, 'propose_time');
    await fillSlot(form.locator('pl-slot-picker'), 0, meeting);
    await form.locator('input[name=place]').fill(PLACE);
    await expect.poll(() => form.locator(`select[name=hostId] option[value=${HOST}]`).count()).toBe(1);
    await form.locator('select[name=hostId]').selectOption(HOST);
    await form.locator('textarea[name=note]').fill('Đề nghị đến sớm 10 phút để làm thủ tục.');
    await expectAccessible(inbox);
    await screenshot(ioffice, '23-ioffice-propose-time');
    await contact.getByTestId('submit-propose_time').click();

    await expectAttribute(contact, 'data-status', 'awaiting_journalist');
    await expectAttribute(contact.getByTestId('proposal'), 'data-by', 'agency');
    await expectText(contact.getByTestId('proposal-host'), 'Hoàng Minh Đức');
    await expectText(contact.getByTestId('proposal-place'), PLACE);
    await expectText(ioffice.locator('#event-log'), `(propose_time): ${id} → awaiting_journalist`);
  });

  it('3. the journalist confirms the time and downloads it as an .ics', async () => {
    const id = theContact();
    await portal.bringToFront();
    const widget = portal.locator('pl-my-contacts');
    const row = widget.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    // Live: no reload since step 1.
    await expectAttribute(row, 'data-status', 'awaiting_journalist');
    await expectText(row.locator('[part=status]'), 'Chờ phóng viên xác nhận lịch');
    await row.click();
    const contact = widget.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-status', 'awaiting_journalist');
    await expectOffered(widget, 'confirm');
    const confirm = await openAction(contact, 'confirm');
    await confirm.getByTestId('confirm-slot-0').check();
    await expectAccessible(widget);
    await screenshot(portal, '24-portal-confirm');
    await contact.getByTestId('submit-confirm').click();

    await expectAttribute(contact, 'data-status', 'scheduled');
    await expectText(contact.getByTestId('meeting-place'), PLACE);
    await expectText(contact.getByTestId('meeting-host'), 'Hoàng Minh Đức');
    await expectAttribute(row, 'data-status', 'scheduled');
    await row.getByTestId('next-meeting').waitFor();

    // "Add to calendar" fetches with the token and saves a file.
    const download = portal.waitForEvent('download');
    await contact.getByTestId('add-to-calendar').click();
    expect((await download).suggestedFilename()).toMatch(/\.ics$/);
    await expectText(contact.getByTestId('action-success'), 'Đã tải tệp lịch');

    const ics = await fetchIcs(portal, id);
    expect(ics.status).toBe(200);
    expect(ics.type).toContain('text/calendar');
    const lines = icsLines(ics.text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('END:VCALENDAR');
    const [event, ...others] = icsEvents(lines);
    expect(others).toEqual([]);
    expect(event?.some((l) => /^UID:.+/.test(l))).toBe(true);
    const dtstart = event?.find((l) => l.startsWith('DTSTART'));
    expect(dtstart).toMatch(/^DTSTART;TZID=Asia\/Ho_Chi_Minh:\d{8}T\d{6}$/);
    const agreed = theMeeting();
    expect(dtstart).toBe(`DTSTART;TZID=Asia/Ho_Chi_Minh:${icsLocal(agreed.date, agreed.start)}`);
    expect(
      lines.some((l) => l.startsWith('BEGIN:VTIMEZONE')) && lines.includes('TZID:Asia/Ho_Chi_Minh'),
    ).toBe(true);
    sequence = Number(event?.find((l) => l.startsWith('SEQUENCE:'))?.slice('SEQUENCE:'.length));
    expect(Number.isInteger(sequence)).toBe(true);
    await screenshot(portal, '25-portal-scheduled');

    // The private calendar address: shown once, readable without a token, dead once revoked.
    const feed = widget.getByTestId('calendar-feed');
    await feed.locator('summary').click();
    await widget.getByTestId('feed-create').click();
    await expectText(widget.getByTestId('feed-status'), 'Đã tạo địa chỉ lịch riêng.');
    const url = await widget.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/[^/]+\.ics$/);
    const subscribed = await fetch(url);
    expect(subscribed.status).toBe(200);
    const feedLines = icsLines(await subscribed.text());
    expect(feedLines[0]).toBe('BEGIN:VCALENDAR');
    expect(feedLines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    await widget.getByTestId('feed-revoke').click();
    await expectText(widget.getByTestId('feed-status'), 'Đã thu hồi địa chỉ lịch riêng.');
    expect(await widget.getByTestId('feed-url').count()).toBe(0);
    expect((await fetch(url)).status).toBe(404);
    await feed.locator('summary').click();
  });

  it('4. once the meeting has started, the agency records that it was held', async () => {
    const id = theContact();
    const wait = theMeeting().startsAt - Date.now() + 2_000;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    await ioffice.bringToFront();
    // The contact open since step 2 followed the confirmation live, and reloads itself when the meeting starts
    // (no event announces that the result may now be recorded).
    const inbox = ioffice.locator('pl-inbox');
    const contact = inbox.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectAttribute(contact, 'data-status', 'scheduled');
    await expectText(contact.getByTestId('meeting-host'), 'Hoàng Minh Đức');
    await expectOffered(inbox, 'record_result', 15_000);
    const form = await openAction(contact, 'record_result');
    await form.getByTestId('record_result-held-true').check();
    await form.locator('textarea[name=summary]').fill(SUMMARY);
    await form.locator('textarea[name=informationProvided]').fill(INFORMATION);
    await expectAccessible(inbox);
    await screenshot(ioffice, '26-ioffice-record-result');
    await contact.getByTestId('submit-record_result').click();

    await expectAttribute(contact, 'data-status', 'completed');
    await expectAttribute(contact.getByTestId('result'), 'data-held', 'true');
    await expectText(contact.getByTestId('result-summary'), SUMMARY);
  }, 180_000);

  it('5. the journalist acknowledges the result', async () => {
    const id = theContact();
    await portal.bringToFront();
    const widget = portal.locator('pl-my-contacts');
    const row = widget.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-status', 'completed');
    const contact = widget.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-status', 'completed');
    await expectText(contact.getByTestId('result-information'), INFORMATION);
    await expectOffered(widget, 'acknowledge');
    await openAction(contact, 'acknowledge');
    await contact.getByTestId('submit-acknowledge').click();
    await expectAttribute(contact, 'data-status', 'closed');
    await expectText(contact.getByTestId('action-success'), 'Xác nhận kết quả làm việc');
    await expectAttribute(row, 'data-status', 'closed');

    // The calendar file still describes the same meeting (same UID); its SEQUENCE never goes back.
    const ics = icsLines((await fetchIcs(portal, id)).text);
    expect(ics[0]).toBe('BEGIN:VCALENDAR');
    const [event] = icsEvents(ics);
    const after = Number(event?.find((l) => l.startsWith('SEQUENCE:'))?.slice('SEQUENCE:'.length));
    expect(after).toBeGreaterThanOrEqual(sequence);
    await screenshot(portal, '27-portal-acknowledged');
  });

  it('6. the appointment reads in English when the page switches language', async () => {
    const id = theContact();
    await portal.bringToFront();
    await portal.locator('#lang-toggle').click();
    await expectAttribute(portal.locator('html'), 'lang', 'en');
    const form = portal.locator('pl-request-form');
    await form.getByTestId('new-request').click();
    await form.getByTestId('agency').selectOption(AGENCY);
    await expectText(form.locator('h2'), 'Propose a work appointment');
    await expectText(form.getByTestId('ir-unavailable'), "resident in the agency's province");
    await expectText(form.locator('pl-slot-picker legend').first(), 'Proposed times (1 to 5)');
    const widget = portal.locator('pl-my-contacts');
    const row = widget.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectText(row.getByTestId('kind'), 'Work appointment');
    const contact = widget.locator('pl-contact [data-testid=contact]');
    await expectText(contact.getByTestId('result'), 'Result of the meeting: Held');
    await expectText(contact.getByTestId('meeting'), 'Add to calendar');
    await expectText(contact.getByTestId('format'), 'In person');
    await expectAccessible(form);
    await screenshot(portal, '28-portal-english');
  });

  it('raised no script errors on either page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
