// The whole information-request journey across the two demo pages in Chromium, on the real API, worker,
// Temporal and database: a reporter asks on the portal, the agency assigns, drafts and approves in IOffice,
// the reporter sees the answer arrive live and acknowledges it; a non-resident reporter is offered a work
// appointment instead, whose times must be on working days within office hours (the usual 07:30–17:00 here).
// Screenshots go to test-results/browser/.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkingDays, nextDayOff, nextWorkingDays, type LocalSlot } from './appointment-support.ts';
import {
  chooseFilesWithKeyboard,
  expectAccessible,
  expectActions,
  expectAttribute,
  expectText,
  screenshot,
  startStack,
  switchUser,
  textFile,
  type Stack,
} from './support.ts';

const REPORTER = 'pv-nguyen-van-an';
const NON_RESIDENT = 'pv-tran-thi-binh';
const CLERK = 'yte-van-thu';
const OFFICER = 'yte-chuyen-vien';
const SPOKESPERSON = 'yte-phat-ngon';

const SUBJECT = 'Tình hình sốt xuất huyết tại Quảng Trị';
const QUESTION =
  'Đề nghị Sở Y tế cho biết số ca sốt xuất huyết ghi nhận trong tháng 11 và các biện pháp phòng chống.';
const ANSWER =
  'Tháng 11 ghi nhận 42 ca sốt xuất huyết, giảm 10% so với tháng 10; Sở đã phun hóa chất tại 5 ổ dịch.';
const DOCUMENT = 'so-lieu-sot-xuat-huyet-t11.txt';
const DOCUMENT_TEXT = 'Số ca sốt xuất huyết tháng 11/2026: 42.\n';

let stack: Stack;
let portal: Page;
let ioffice: Page;
let contactId: string | undefined;
/** What the confirmation said after sending (step 1), checked against the agency's view in step 2. */
let confirmation = '';

beforeAll(async () => {
  stack = await startStack();
  portal = await stack.context.newPage();
  ioffice = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

/** Fills row `index` of a `pl-slot-picker`, adding rows as needed. */
async function fillSlot(picker: Locator, index: number, slot: LocalSlot): Promise<void> {
  const rows = picker.getByTestId('slot');
  while ((await rows.count()) <= index) await picker.getByTestId('slot-add').click();
  const row = rows.nth(index);
  await row.getByTestId('slot-date').fill(slot.date);
  await row.getByTestId('slot-start').fill(slot.start);
  await row.getByTestId('slot-end').fill(slot.end);
}

/** The contacts `sub` can see, from the API. */
async function contactsOf(sub: string): Promise<unknown[]> {
  const response = await stack.h.call('GET', '/contacts', { as: sub });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: unknown[] }).items;
}

/** The contact created in step 1; later steps cannot run without it. */
function theContact(): string {
  if (!contactId) throw new Error('Step 1 did not create a contact.');
  return contactId;
}

describe('information request journey in the demo pages', () => {
  it('1. the resident reporter sends a request on the portal', async () => {
    // The IOffice screen is open (as the clerk) before the request exists, so its inbox must pick it up live.
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html`);
    await switchUser(ioffice, CLERK);
    await expectText(ioffice.locator('#demo-user-name'), 'Lê Thị Cúc');
    await expectText(ioffice.locator('pl-inbox [data-testid=list-status]'), 'Chưa có hồ sơ nào.');

    // Chromium throttles animation frames in background tabs, which slows Playwright's actionability checks.
    await portal.bringToFront();
    await portal.goto(`${stack.baseUrl}/demo/portal.html`);
    expect(await portal.title()).toBe('Báo chí — Cổng thông tin điện tử tỉnh Quảng Trị (demo)');
    await switchUser(portal, REPORTER);
    await expectText(portal.locator('#demo-user-info'), 'Phóng viên thường trú tại Quảng Trị');
    const form = portal.locator('pl-request-form');
    await expectText(form.locator('h2'), 'Gửi yêu cầu cung cấp thông tin');
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), 'Chưa có hồ sơ nào.');
    // A resident reporter gets no early warning.
    expect(await form.getByTestId('eligibility-notice').count()).toBe(0);
    await expectAccessible(form);
    await expectAccessible(portal.locator('pl-my-contacts'), { withControls: false });

    // Client-side validation first: nothing is sent with a too-short subject.
    await form.getByTestId('agency').selectOption('qt-so-yte');
    await form.getByTestId('subject').fill('ab');
    await form.getByTestId('question').fill(QUESTION);
    await form.getByTestId('submit').click();
    await expectText(form.getByTestId('subject-error'), 'Cần từ 3 đến 300 ký tự.');
    expect(await form.getByTestId('subject').getAttribute('aria-invalid')).toBe('true');

    await form.getByTestId('subject').fill(SUBJECT);
    await screenshot(portal, '01-portal-request-filled');
    await form.getByTestId('submit').click();

    const created = form.getByTestId('created');
    await created.waitFor();
    await expectText(created, 'Đã gửi yêu cầu thành công.');
    const id = ((await form.getByTestId('contact-id').textContent()) ?? '').trim();
    expect(id).toMatch(/^YC-[0-9A-Z]+$/);
    contactId = id;
    await expectAttribute(created.locator('[part=status]'), 'data-status', 'submitted');
    await expectText(created, 'Hạn trả lời dự kiến');
    confirmation = (await created.textContent()) ?? '';

    const row = portal.locator(`pl-my-contacts [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-status', 'submitted');
    await expectText(row, SUBJECT);
    await expectText(row, 'Sở Y tế tỉnh Quảng Trị');
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), '1 hồ sơ');
    // The host page heard the widget's event.
    await expectText(portal.locator('#event-log'), `pl-contact-created: ${id}`);
    await screenshot(portal, '02-portal-request-created');
  });

  it('2. the clerk sees it in the IOffice inbox and assigns it to the officer', async () => {
    const id = theContact();
    await ioffice.bringToFront();
    // Arrived through the live stream: the page was not reloaded since before the request was sent.
    const row = ioffice.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-status', 'submitted');
    await expectText(row, SUBJECT);
    await expectText(row, 'Nguyễn Văn An');
    await expectText(row, 'Chưa phân công');
    await row.click();

    const contact = ioffice.locator('pl-inbox pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectAttribute(contact, 'data-status', 'submitted');
    await expectText(contact.getByTestId('question'), QUESTION);
    // The "expected answer by" date the reporter was given is the answer deadline, not the first-response one.
    const answerDue = (await contact.locator('li[data-clock=answer] time').textContent()) ?? '';
    expect(answerDue).toMatch(/^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    expect(confirmation).toContain(answerDue);
    // A clerk may assign, ask for clarification or forward; approving or declining is for approvers.
    await expectActions(ioffice.locator('pl-inbox'), ['assign', 'request_clarification', 'forward']);

    const assign = contact.locator('details[data-action=assign]');
    if ((await assign.getAttribute('open')) === null)
      await contact.getByTestId('action-toggle-assign').click();
    await assign.locator('select[name=assigneeSub]').selectOption(OFFICER);
    await expectAccessible(ioffice.locator('pl-inbox'));
    await screenshot(ioffice, '03-ioffice-assign');
    await contact.getByTestId('submit-assign').click();

    await expectAttribute(contact, 'data-status', 'in_progress');
    await expectText(contact.getByTestId('action-success'), 'Đã thực hiện: Phân công xử lý.');
    await expectText(contact.getByTestId('assignee'), 'Phạm Văn Dũng');
    await expectText(
      contact.locator('[data-testid=timeline] li[data-type=assign]'),
      'Giao cho: Phạm Văn Dũng',
    );
    await expectAttribute(row, 'data-status', 'in_progress');
    await expectText(row, 'Phạm Văn Dũng');
    // Still a clerk's choices: no draft, no approval.
    await expectActions(ioffice.locator('pl-inbox'), ['assign', 'request_clarification', 'forward']);
    await expectText(ioffice.locator('#event-log'), `(assign): ${id} → in_progress`);
    await screenshot(ioffice, '04-ioffice-assigned');
  });

  it('3. the officer drafts the answer and the spokesperson approves it', async () => {
    const id = theContact();
    const inbox = ioffice.locator('pl-inbox');
    const contact = inbox.locator('pl-contact [data-testid=contact]');

    await switchUser(ioffice, OFFICER);
    await expectText(ioffice.locator('#demo-user-name'), 'Phạm Văn Dũng');
    // The assignee may now draft; approving is still not theirs.
    await expectActions(inbox, ['submit_answer', 'assign', 'request_clarification', 'forward']);
    await expectAttribute(contact, 'data-contact-id', id);
    const submit = contact.locator('details[data-action=submit_answer]');
    expect(await submit.getAttribute('open')).not.toBeNull();
    await submit.locator('textarea[name=text]').fill(ANSWER);
    // The answer's document, chosen with the keyboard.
    await chooseFilesWithKeyboard(
      ioffice,
      submit.getByRole('button', { name: 'Đính kèm văn bản, tài liệu trả lời' }),
      [await textFile(DOCUMENT, DOCUMENT_TEXT)],
    );
    await expectText(submit.getByTestId('submit_answer-files'), DOCUMENT);
    await screenshot(ioffice, '05-ioffice-officer-draft');
    await contact.getByTestId('submit-submit_answer').click();
    await expectAttribute(contact, 'data-status', 'pending_approval');
    await expectText(contact.getByTestId('draft'), ANSWER);
    await expectText(contact.getByTestId('draft-attachments'), DOCUMENT);
    await expectActions(inbox, []);
    await contact.getByTestId('no-actions').waitFor();

    await switchUser(ioffice, SPOKESPERSON);
    await expectText(ioffice.locator('#demo-user-name'), 'Hoàng Minh Đức');
    // Approvers approve, return or decline; drafting and assigning are no longer on offer.
    await expectActions(inbox, ['approve_answer', 'return_answer', 'decline']);
    await expectText(contact.getByTestId('draft'), ANSWER);
    const approve = contact.locator('details[data-action=approve_answer]');
    expect(await approve.getAttribute('open')).not.toBeNull();
    // The destructive action never starts open.
    expect(await contact.locator('details[data-action=decline]').getAttribute('open')).toBeNull();
    await expectAccessible(inbox);
    await screenshot(ioffice, '06-ioffice-spokesperson-approve');
    await contact.getByTestId('submit-approve_answer').click();

    await expectAttribute(contact, 'data-status', 'answered');
    await expectText(contact.getByTestId('answer'), ANSWER);
    await expectText(contact.getByTestId('answer'), 'Duyệt bởi Hoàng Minh Đức');
    await expectText(contact.getByTestId('answer-attachments'), DOCUMENT);
    await contact.getByTestId('no-actions').waitFor();
    await expectAttribute(
      inbox.locator(`[data-testid=contact-row][data-contact-id="${id}"]`),
      'data-status',
      'answered',
    );
    await screenshot(ioffice, '07-ioffice-answered');
  });

  it('4. the reporter sees the answer arrive live on the portal and acknowledges it', async () => {
    const id = theContact();
    await portal.bringToFront();
    const widget = portal.locator('pl-my-contacts');
    const row = widget.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    // No reload since step 1: the change stream must have brought this.
    await expectAttribute(row, 'data-status', 'answered', 10_000);
    await expectAttribute(row.locator('[part=status]'), 'data-status', 'answered');
    await expectText(row.locator('[part=status]'), 'Đã trả lời');

    await row.click();
    expect(await row.getAttribute('aria-expanded')).toBe('true');
    const contact = widget.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-status', 'answered');
    await expectText(contact.getByTestId('answer'), ANSWER);
    // The answer's document reaches the reporter, byte for byte.
    const download = portal.waitForEvent('download');
    await contact.getByTestId('answer-attachments').locator('button').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(DOCUMENT);
    expect(await readFile(await saved.path(), 'utf8')).toBe(DOCUMENT_TEXT);
    // The internal draft step is not the reporter's business.
    expect(await contact.getByTestId('draft').count()).toBe(0);
    const types: (string | null)[] = [];
    for (const item of await contact.locator('[data-testid=timeline] li[data-type]').all())
      types.push(await item.getAttribute('data-type'));
    expect(types).toContain('approve_answer');
    expect(types).not.toContain('submit_answer');
    await expectActions(widget, ['acknowledge', 'follow_up']);
    await expectAccessible(widget);
    await screenshot(portal, '08-portal-answer-received');

    await contact.getByTestId('submit-acknowledge').click();
    await expectAttribute(contact, 'data-status', 'closed');
    await expectText(contact.getByTestId('action-success'), 'Đã thực hiện: Xác nhận đã nhận trả lời.');
    await contact.getByTestId('no-actions').waitFor();
    await expectAttribute(row, 'data-status', 'closed');
    await expectText(row.locator('[part=status]'), 'Đã kết thúc');
    await screenshot(portal, '09-portal-closed');

    // The agency side follows too.
    await expectAttribute(
      ioffice.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${id}"]`),
      'data-status',
      'closed',
    );
  });

  it('5. a non-resident reporter is offered a work appointment instead', async () => {
    const id = theContact();
    await switchUser(portal, NON_RESIDENT);
    await expectText(portal.locator('#demo-user-info'), 'Không thường trú');
    const form = portal.locator('pl-request-form');
    // Switching people clears the last confirmation; the early hint shows before anything is sent.
    await expectText(form.getByTestId('eligibility-notice'), 'chưa đăng ký thường trú');
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), 'Chưa có hồ sơ nào.');
    expect(await portal.locator(`pl-my-contacts [data-contact-id="${id}"]`).count()).toBe(0);
    expect(await form.getByTestId('created').count()).toBe(0);

    // No information request on offer, and the form says why: a work appointment is the way in.
    await form.getByTestId('agency').selectOption('qt-so-yte');
    await expectText(form.getByTestId('ir-unavailable'), 'chỉ dành cho phóng viên thường trú');
    expect(await form.getByTestId('kind-information_request').count()).toBe(0);
    expect(await form.getByTestId('kind-appointment').isChecked()).toBe(true);
    await expectText(form.locator('h2'), 'Đề nghị làm việc với cơ quan');
    await expectText(form.getByTestId('submit'), 'Gửi đề nghị làm việc');
    await form.getByTestId('subject').fill('Lịch tiêm chủng mở rộng');
    await form.getByTestId('questions').fill('Đề nghị cho biết lịch tiêm chủng mở rộng quý IV tại các xã.');
    await form.getByTestId('format-in_person').check();
    await form.getByTestId('participants').fill('Phóng viên Trần Thị Bình');

    // The usual office hours: the picker says them, bounds its time fields, and refuses a day off and a time
    // outside them, before anything is sent.
    const picker = form.locator('pl-slot-picker');
    await expectText(picker.getByTestId('slot-hint'), 'từ 07:30 đến 17:00');
    await expectAttribute(picker.getByTestId('slot-start'), 'min', '07:30');
    await expectAttribute(picker.getByTestId('slot-end'), 'max', '17:00');
    const isWorking = await loadWorkingDays(stack.baseUrl);
    await fillSlot(picker, 0, { date: nextDayOff(isWorking), start: '09:00', end: '10:00' });
    await expectAttribute(picker.getByTestId('slot-day').first(), 'data-working', 'false');
    await expectText(picker.getByTestId('slot-error').first(), 'Đây là ngày nghỉ');
    await form.getByTestId('submit').click();
    await expectText(picker.getByTestId('slot-error').first(), 'Đây là ngày nghỉ');
    expect(await form.getByTestId('created').count()).toBe(0);

    const [workingDay] = nextWorkingDays(isWorking, 1) as [string];
    await fillSlot(picker, 0, { date: workingDay, start: '19:00', end: '20:00' });
    await expectAttribute(picker.getByTestId('slot-day').first(), 'data-working', 'true');
    await expectText(
      picker.getByTestId('slot-error').first(),
      'Chỉ chọn trong giờ hành chính, từ 07:30 đến 17:00',
    );
    await form.getByTestId('submit').click();
    await expectText(picker.getByTestId('slot-error').first(), 'Chỉ chọn trong giờ hành chính');
    expect(await picker.getByTestId('slot-start').first().getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByTestId('created').count()).toBe(0);
    expect(await form.getByTestId('error').count()).toBe(0);
    // Nothing reached the API.
    expect(await contactsOf(NON_RESIDENT)).toEqual([]);
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), 'Chưa có hồ sơ nào.');
    await expectAccessible(form);
    await screenshot(portal, '10-portal-non-resident-appointment');
  });

  it('6. the language toggle switches the page and the widgets to English', async () => {
    const toggle = portal.locator('#lang-toggle');
    expect(((await toggle.textContent()) ?? '').trim()).toBe('English');
    await toggle.click();
    await expectAttribute(portal.locator('html'), 'lang', 'en');
    await expectText(portal.locator('h1'), 'Quang Tri Province e-Portal');
    const form = portal.locator('pl-request-form');
    await expectText(form.locator('h2'), 'Propose a work appointment');
    await expectText(form.getByTestId('submit'), 'Send the proposal');
    await expectText(portal.locator('pl-my-contacts h2'), 'My requests');
    // The agency names follow the page language too.
    await expectText(form.locator('option[value=qt-so-yte]'), 'Quang Tri Department of Health');
    // The hints and the picker's refusal still on screen from step 5 are retold in English.
    await expectText(form.getByTestId('eligibility-notice'), 'not registered as a resident reporter');
    await expectText(form.getByTestId('ir-unavailable'), "resident in the agency's province");
    const picker = form.locator('pl-slot-picker');
    await expectText(picker.getByTestId('slot-hint'), 'Working days, 07:30 to 17:00, Vietnam time.');
    await expectText(picker.getByTestId('slot-error').first(), 'Choose office hours only, 07:30 to 17:00.');
    await expectText(picker.getByTestId('slot-day').first(), 'Working day');
    expect(((await toggle.textContent()) ?? '').trim()).toBe('Tiếng Việt');
    await expectAccessible(form);
    await screenshot(portal, '11-portal-english');
  });

  it('raised no script errors on either page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
