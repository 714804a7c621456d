// The whole information-request journey across the two demo pages in Chromium, on the real API, worker,
// Temporal and database: a reporter asks on the portal, the agency assigns, drafts and approves in IOffice,
// the reporter sees the answer arrive live and acknowledges it. Screenshots go to test-results/browser/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectActions,
  expectAttribute,
  expectText,
  screenshot,
  startStack,
  switchUser,
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

let stack: Stack;
let portal: Page;
let ioffice: Page;
let contactId: string | undefined;

beforeAll(async () => {
  stack = await startStack();
  portal = await stack.context.newPage();
  ioffice = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

/** The contact created in step 1; later steps cannot run without it. */
function theContact(): string {
  if (!contactId) throw new Error('Step 1 did not create a contact.');
  return contactId;
}

describe('information request journey in the demo pages', () => {
  it('1. the resident reporter sends a request on the portal', async () => {
    process.stderr.write('TT 0 ' + Math.round(performance.now()) + '\n');
    // The IOffice screen is open (as the clerk) before the request exists, so its inbox must pick it up live.
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html`);
    process.stderr.write('TT 53 ' + Math.round(performance.now()) + '\n');
    await switchUser(ioffice, CLERK);
    process.stderr.write('TT 54 ' + Math.round(performance.now()) + '\n');
    await expectText(ioffice.locator('#demo-user-name'), 'Lê Thị Cúc');
    process.stderr.write('TT 55 ' + Math.round(performance.now()) + '\n');
    await expectText(ioffice.locator('pl-inbox [data-testid=list-status]'), 'Chưa có hồ sơ nào.');
    process.stderr.write('TT 56 ' + Math.round(performance.now()) + '\n');

    await portal.goto(`${stack.baseUrl}/demo/portal.html`);
    process.stderr.write('TT 58 ' + Math.round(performance.now()) + '\n');
    expect(await portal.title()).toBe('Báo chí — Cổng thông tin điện tử tỉnh Quảng Trị (demo)');
    await switchUser(portal, REPORTER);
    process.stderr.write('TT 60 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('#demo-user-info'), 'Phóng viên thường trú tại Quảng Trị');
    process.stderr.write('TT 61 ' + Math.round(performance.now()) + '\n');
    const form = portal.locator('pl-request-form');
    await expectText(form.locator('h2'), 'Gửi yêu cầu cung cấp thông tin');
    process.stderr.write('TT 63 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), 'Chưa có hồ sơ nào.');
    process.stderr.write('TT 64 ' + Math.round(performance.now()) + '\n');
    // A resident reporter gets no early warning.
    expect(await form.getByTestId('eligibility-notice').count()).toBe(0);
    await expectAccessible(form);
    process.stderr.write('TT 67 ' + Math.round(performance.now()) + '\n');
    await expectAccessible(portal.locator('pl-my-contacts'), { withControls: false });
    process.stderr.write('TT 68 ' + Math.round(performance.now()) + '\n');

    // Client-side validation first: nothing is sent with a too-short subject.
    await form.getByTestId('agency').selectOption('qt-so-yte');
    process.stderr.write('TT 71 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('subject').fill('ab');
    process.stderr.write('TT 72 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('question').fill(QUESTION);
    process.stderr.write('TT 73 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('submit').click();
    process.stderr.write('TT 74 ' + Math.round(performance.now()) + '\n');
    await expectText(form.getByTestId('subject-error'), 'Cần từ 3 đến 300 ký tự.');
    process.stderr.write('TT 75 ' + Math.round(performance.now()) + '\n');
    expect(await form.getByTestId('subject').getAttribute('aria-invalid')).toBe('true');

    await form.getByTestId('subject').fill(SUBJECT);
    process.stderr.write('TT 78 ' + Math.round(performance.now()) + '\n');
    await screenshot(portal, '01-portal-request-filled');
    process.stderr.write('TT 79 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('submit').click();
    process.stderr.write('TT 80 ' + Math.round(performance.now()) + '\n');

    const created = form.getByTestId('created');
    await created.waitFor();
    process.stderr.write('TT 83 ' + Math.round(performance.now()) + '\n');
    await expectText(created, 'Đã gửi yêu cầu thành công.');
    process.stderr.write('TT 84 ' + Math.round(performance.now()) + '\n');
    const id = ((await form.getByTestId('contact-id').textContent()) ?? '').trim();
    expect(id).toMatch(/^YC-[0-9A-Z]+$/);
    contactId = id;
    await expectAttribute(created.locator('[part=status]'), 'data-status', 'submitted');
    process.stderr.write('TT 88 ' + Math.round(performance.now()) + '\n');

    const row = portal.locator(`pl-my-contacts [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-status', 'submitted');
    process.stderr.write('TT 91 ' + Math.round(performance.now()) + '\n');
    await expectText(row, SUBJECT);
    process.stderr.write('TT 92 ' + Math.round(performance.now()) + '\n');
    await expectText(row, 'Sở Y tế tỉnh Quảng Trị');
    process.stderr.write('TT 93 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), '1 hồ sơ');
    process.stderr.write('TT 94 ' + Math.round(performance.now()) + '\n');
    // The host page heard the widget's event.
    await expectText(portal.locator('#event-log'), `pl-contact-created: ${id}`);
    process.stderr.write('TT 96 ' + Math.round(performance.now()) + '\n');
    await screenshot(portal, '02-portal-request-created');
    process.stderr.write('TT 97 ' + Math.round(performance.now()) + '\n');
  });

  it('2. the clerk sees it in the IOffice inbox and assigns it to the officer', async () => {
    const id = theContact();
    await ioffice.bringToFront();
    process.stderr.write('TT 102 ' + Math.round(performance.now()) + '\n');
    // Arrived through the live stream: the page was not reloaded since before the request was sent.
    const row = ioffice.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-status', 'submitted');
    process.stderr.write('TT 105 ' + Math.round(performance.now()) + '\n');
    await expectText(row, SUBJECT);
    process.stderr.write('TT 106 ' + Math.round(performance.now()) + '\n');
    await expectText(row, 'Nguyễn Văn An');
    process.stderr.write('TT 107 ' + Math.round(performance.now()) + '\n');
    await expectText(row, 'Chưa phân công');
    process.stderr.write('TT 108 ' + Math.round(performance.now()) + '\n');
    await row.click();
    process.stderr.write('TT 109 ' + Math.round(performance.now()) + '\n');

    const contact = ioffice.locator('pl-inbox pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    process.stderr.write('TT 112 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(contact, 'data-status', 'submitted');
    process.stderr.write('TT 113 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('question'), QUESTION);
    process.stderr.write('TT 114 ' + Math.round(performance.now()) + '\n');
    // A clerk may assign, ask for clarification or forward; approving or declining is for approvers.
    await expectActions(ioffice.locator('pl-inbox'), ['assign', 'request_clarification', 'forward']);
    process.stderr.write('TT 116 ' + Math.round(performance.now()) + '\n');

    const assign = contact.locator('details[data-action=assign]');
    if ((await assign.getAttribute('open')) === null)
      await contact.getByTestId('action-toggle-assign').click();
    await assign.locator('select[name=assigneeSub]').selectOption(OFFICER);
    process.stderr.write('TT 121 ' + Math.round(performance.now()) + '\n');
    await expectAccessible(ioffice.locator('pl-inbox'));
    process.stderr.write('TT 122 ' + Math.round(performance.now()) + '\n');
    await screenshot(ioffice, '03-ioffice-assign');
    process.stderr.write('TT 123 ' + Math.round(performance.now()) + '\n');
    await contact.getByTestId('submit-assign').click();
    process.stderr.write('TT 124 ' + Math.round(performance.now()) + '\n');

    await expectAttribute(contact, 'data-status', 'in_progress');
    process.stderr.write('TT 126 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('action-success'), 'Đã thực hiện: Phân công xử lý.');
    process.stderr.write('TT 127 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('assignee'), 'Phạm Văn Dũng');
    process.stderr.write('TT 128 ' + Math.round(performance.now()) + '\n');
    await expectText(
      contact.locator('[data-testid=timeline] li[data-type=assign]'),
      'Giao cho: Phạm Văn Dũng',
    );
    await expectAttribute(row, 'data-status', 'in_progress');
    process.stderr.write('TT 133 ' + Math.round(performance.now()) + '\n');
    await expectText(row, 'Phạm Văn Dũng');
    process.stderr.write('TT 134 ' + Math.round(performance.now()) + '\n');
    // Still a clerk's choices: no draft, no approval.
    await expectActions(ioffice.locator('pl-inbox'), ['assign', 'request_clarification', 'forward']);
    process.stderr.write('TT 136 ' + Math.round(performance.now()) + '\n');
    await expectText(ioffice.locator('#event-log'), `(assign): ${id} → in_progress`);
    process.stderr.write('TT 137 ' + Math.round(performance.now()) + '\n');
    await screenshot(ioffice, '04-ioffice-assigned');
    process.stderr.write('TT 138 ' + Math.round(performance.now()) + '\n');
  });

  it('3. the officer drafts the answer and the spokesperson approves it', async () => {
    const id = theContact();
    const inbox = ioffice.locator('pl-inbox');
    const contact = inbox.locator('pl-contact [data-testid=contact]');

    await switchUser(ioffice, OFFICER);
    process.stderr.write('TT 146 ' + Math.round(performance.now()) + '\n');
    await expectText(ioffice.locator('#demo-user-name'), 'Phạm Văn Dũng');
    process.stderr.write('TT 147 ' + Math.round(performance.now()) + '\n');
    // The assignee may now draft; approving is still not theirs.
    await expectActions(inbox, ['submit_answer', 'assign', 'request_clarification', 'forward']);
    process.stderr.write('TT 149 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(contact, 'data-contact-id', id);
    process.stderr.write('TT 150 ' + Math.round(performance.now()) + '\n');
    const submit = contact.locator('details[data-action=submit_answer]');
    expect(await submit.getAttribute('open')).not.toBeNull();
    await submit.locator('textarea[name=text]').fill(ANSWER);
    process.stderr.write('TT 153 ' + Math.round(performance.now()) + '\n');
    await screenshot(ioffice, '05-ioffice-officer-draft');
    process.stderr.write('TT 154 ' + Math.round(performance.now()) + '\n');
    await contact.getByTestId('submit-submit_answer').click();
    process.stderr.write('TT 155 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(contact, 'data-status', 'pending_approval');
    process.stderr.write('TT 156 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('draft'), ANSWER);
    process.stderr.write('TT 157 ' + Math.round(performance.now()) + '\n');
    await expectActions(inbox, []);
    process.stderr.write('TT 158 ' + Math.round(performance.now()) + '\n');
    await contact.getByTestId('no-actions').waitFor();
    process.stderr.write('TT 159 ' + Math.round(performance.now()) + '\n');

    await switchUser(ioffice, SPOKESPERSON);
    process.stderr.write('TT 161 ' + Math.round(performance.now()) + '\n');
    await expectText(ioffice.locator('#demo-user-name'), 'Hoàng Minh Đức');
    process.stderr.write('TT 162 ' + Math.round(performance.now()) + '\n');
    // Approvers approve, return or decline; drafting and assigning are no longer on offer.
    await expectActions(inbox, ['approve_answer', 'return_answer', 'decline']);
    process.stderr.write('TT 164 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('draft'), ANSWER);
    process.stderr.write('TT 165 ' + Math.round(performance.now()) + '\n');
    const approve = contact.locator('details[data-action=approve_answer]');
    expect(await approve.getAttribute('open')).not.toBeNull();
    // The destructive action never starts open.
    expect(await contact.locator('details[data-action=decline]').getAttribute('open')).toBeNull();
    await expectAccessible(inbox);
    process.stderr.write('TT 170 ' + Math.round(performance.now()) + '\n');
    await screenshot(ioffice, '06-ioffice-spokesperson-approve');
    process.stderr.write('TT 171 ' + Math.round(performance.now()) + '\n');
    await contact.getByTestId('submit-approve_answer').click();
    process.stderr.write('TT 172 ' + Math.round(performance.now()) + '\n');

    await expectAttribute(contact, 'data-status', 'answered');
    process.stderr.write('TT 174 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('answer'), ANSWER);
    process.stderr.write('TT 175 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('answer'), 'Duyệt bởi Hoàng Minh Đức');
    process.stderr.write('TT 176 ' + Math.round(performance.now()) + '\n');
    await contact.getByTestId('no-actions').waitFor();
    process.stderr.write('TT 177 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(
      inbox.locator(`[data-testid=contact-row][data-contact-id="${id}"]`),
      'data-status',
      'answered',
    );
    await screenshot(ioffice, '07-ioffice-answered');
    process.stderr.write('TT 183 ' + Math.round(performance.now()) + '\n');
  });

  it('4. the reporter sees the answer arrive live on the portal and acknowledges it', async () => {
    const id = theContact();
    await portal.bringToFront();
    process.stderr.write('TT 188 ' + Math.round(performance.now()) + '\n');
    const widget = portal.locator('pl-my-contacts');
    const row = widget.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    // No reload since step 1: the change stream must have brought this.
    await expectAttribute(row, 'data-status', 'answered', 10_000);
    process.stderr.write('TT 192 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(row.locator('[part=status]'), 'data-status', 'answered');
    process.stderr.write('TT 193 ' + Math.round(performance.now()) + '\n');
    await expectText(row.locator('[part=status]'), 'Đã trả lời');
    process.stderr.write('TT 194 ' + Math.round(performance.now()) + '\n');

    await row.click();
    process.stderr.write('TT 196 ' + Math.round(performance.now()) + '\n');
    expect(await row.getAttribute('aria-expanded')).toBe('true');
    const contact = widget.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-status', 'answered');
    process.stderr.write('TT 199 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('answer'), ANSWER);
    process.stderr.write('TT 200 ' + Math.round(performance.now()) + '\n');
    // The internal draft step is not the reporter's business.
    expect(await contact.getByTestId('draft').count()).toBe(0);
    const types: (string | null)[] = [];
    for (const item of await contact.locator('[data-testid=timeline] li[data-type]').all())
      types.push(await item.getAttribute('data-type'));
    expect(types).toContain('approve_answer');
    expect(types).not.toContain('submit_answer');
    await expectActions(widget, ['acknowledge', 'follow_up']);
    process.stderr.write('TT 208 ' + Math.round(performance.now()) + '\n');
    await expectAccessible(widget);
    process.stderr.write('TT 209 ' + Math.round(performance.now()) + '\n');
    await screenshot(portal, '08-portal-answer-received');
    process.stderr.write('TT 210 ' + Math.round(performance.now()) + '\n');

    await contact.getByTestId('submit-acknowledge').click();
    process.stderr.write('TT 212 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(contact, 'data-status', 'closed');
    process.stderr.write('TT 213 ' + Math.round(performance.now()) + '\n');
    await expectText(contact.getByTestId('action-success'), 'Đã thực hiện: Xác nhận đã nhận trả lời.');
    process.stderr.write('TT 214 ' + Math.round(performance.now()) + '\n');
    await contact.getByTestId('no-actions').waitFor();
    process.stderr.write('TT 215 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(row, 'data-status', 'closed');
    process.stderr.write('TT 216 ' + Math.round(performance.now()) + '\n');
    await expectText(row.locator('[part=status]'), 'Đã kết thúc');
    process.stderr.write('TT 217 ' + Math.round(performance.now()) + '\n');
    await screenshot(portal, '09-portal-closed');
    process.stderr.write('TT 218 ' + Math.round(performance.now()) + '\n');

    // The agency side follows too.
    await expectAttribute(
      ioffice.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${id}"]`),
      'data-status',
      'closed',
    );
  });

  it('5. a non-resident reporter is refused and told to propose an appointment', async () => {
    const id = theContact();
    await switchUser(portal, NON_RESIDENT);
    process.stderr.write('TT 230 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('#demo-user-info'), 'Không thường trú');
    process.stderr.write('TT 231 ' + Math.round(performance.now()) + '\n');
    const form = portal.locator('pl-request-form');
    // Switching people clears the last confirmation; the early hint shows before anything is sent.
    await expectText(form.getByTestId('eligibility-notice'), 'chưa đăng ký thường trú');
    process.stderr.write('TT 234 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('pl-my-contacts [data-testid=list-status]'), 'Chưa có hồ sơ nào.');
    process.stderr.write('TT 235 ' + Math.round(performance.now()) + '\n');
    expect(await portal.locator(`pl-my-contacts [data-contact-id="${id}"]`).count()).toBe(0);

    await form.getByTestId('agency').selectOption('qt-so-yte');
    process.stderr.write('TT 238 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('subject').fill('Lịch tiêm chủng mở rộng');
    process.stderr.write('TT 239 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('question').fill('Đề nghị cho biết lịch tiêm chủng mở rộng quý IV tại các xã.');
    process.stderr.write('TT 240 ' + Math.round(performance.now()) + '\n');
    await form.getByTestId('submit').click();
    process.stderr.write('TT 241 ' + Math.round(performance.now()) + '\n');

    const error = form.getByTestId('error');
    await expectText(error, 'Chỉ phóng viên thường trú');
    process.stderr.write('TT 244 ' + Math.round(performance.now()) + '\n');
    expect(await error.getAttribute('role')).toBe('alert');
    await expectText(form.getByTestId('appointment-hint'), 'đề xuất lịch làm việc');
    process.stderr.write('TT 246 ' + Math.round(performance.now()) + '\n');
    expect(await form.getByTestId('created').count()).toBe(0);
    await screenshot(portal, '10-portal-non-resident-refused');
    process.stderr.write('TT 248 ' + Math.round(performance.now()) + '\n');
  });

  it('6. the language toggle switches the page and the widgets to English', async () => {
    const toggle = portal.locator('#lang-toggle');
    expect(((await toggle.textContent()) ?? '').trim()).toBe('English');
    await toggle.click();
    process.stderr.write('TT 254 ' + Math.round(performance.now()) + '\n');
    await expectAttribute(portal.locator('html'), 'lang', 'en');
    process.stderr.write('TT 255 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('h1'), 'Quang Tri Province e-Portal');
    process.stderr.write('TT 256 ' + Math.round(performance.now()) + '\n');
    const form = portal.locator('pl-request-form');
    await expectText(form.locator('h2'), 'Request information');
    process.stderr.write('TT 258 ' + Math.round(performance.now()) + '\n');
    await expectText(form.getByTestId('submit'), 'Send request');
    process.stderr.write('TT 259 ' + Math.round(performance.now()) + '\n');
    await expectText(portal.locator('pl-my-contacts h2'), 'My requests');
    process.stderr.write('TT 260 ' + Math.round(performance.now()) + '\n');
    // The agency names follow the page language too.
    await expectText(form.locator('option[value=qt-so-yte]'), 'Quang Tri Department of Health');
    process.stderr.write('TT 262 ' + Math.round(performance.now()) + '\n');
    // The refusal still on screen from step 5 is retold in English, the server's reason included.
    await expectText(form.getByTestId('error'), "Only resident reporters of the agency's province");
    process.stderr.write('TT 264 ' + Math.round(performance.now()) + '\n');
    await expectText(form.getByTestId('appointment-hint'), 'proposing a work appointment');
    process.stderr.write('TT 265 ' + Math.round(performance.now()) + '\n');
    expect(((await toggle.textContent()) ?? '').trim()).toBe('Tiếng Việt');
    await expectAccessible(form);
    process.stderr.write('TT 267 ' + Math.round(performance.now()) + '\n');
    await screenshot(portal, '11-portal-english');
    process.stderr.write('TT 268 ' + Math.round(performance.now()) + '\n');
  });

  it('raised no script errors on either page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
