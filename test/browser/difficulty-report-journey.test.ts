// The difficulty-report journey across the three demo pages in Chromium, on the real API, worker, Temporal and
// database: a reporter who asked the Department of Health for information reports on the portal that it stood
// in their way (the form refuses what the API would refuse first, and links the earlier request); the
// press-management department acknowledges the report in its queue and refers it to the Department of Health,
// whose clerk responds from the IOffice inbox; the department resolves it; the reporter asks for a review once,
// with a reason; the department acknowledges and resolves again, and the reporter sees the new resolution and
// may not reopen it a second time. Screenshots go to test-results/browser/.
import type { Locator, Page, Request } from 'playwright-core';
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

const JOURNALIST = 'pv-nguyen-van-an';
const SUPERVISOR = 'vhttdl-giam-sat';
const CLERK = 'yte-van-thu';
const DEPARTMENT = 'qt-so-vhttdl';
const HEALTH = 'qt-so-yte';

const EARLIER_SUBJECT = 'Số liệu tiêm chủng mở rộng năm 2026';
const SUBJECT = 'Sở Y tế không trả lời yêu cầu cung cấp thông tin về tiêm chủng';
const DESCRIPTION =
  'Ngày 20/11 tôi gửi yêu cầu cung cấp số liệu tiêm chủng mở rộng; cán bộ Sở Y tế đề nghị tôi liên hệ lại nhưng sau đó không nghe điện thoại và không trả lời.';
const REFER_NOTE =
  'Đề nghị Sở Y tế kiểm tra việc tiếp nhận yêu cầu của phóng viên và báo cáo Sở trước ngày 10/12.';
const RESPONSE = 'Sở Y tế đã giao phòng Nghiệp vụ trả lời phóng viên; văn bản trả lời gửi ngày 05/12.';
const RESOLUTION =
  'Sở Y tế đã trả lời yêu cầu của phóng viên; Sở VHTTDL nhắc nhở việc tiếp nhận đúng quy chế.';
const REOPEN = 'Văn bản trả lời của Sở Y tế chưa có số liệu theo từng huyện như tôi đề nghị.';
const RESOLUTION_2 =
  'Sở Y tế đã bổ sung số liệu theo từng địa bàn; Sở VHTTDL đã chuyển văn bản bổ sung cho phóng viên.';

let stack: Stack;
let portal: Page;
let department: Page;
let ioffice: Page;
/** The journalist's earlier request to the Department of Health, linked to the report. */
let earlierId = '';
let reportId: string | undefined;

beforeAll(async () => {
  stack = await startStack();
  const earlier = await stack.h.call('POST', '/contacts', {
    as: JOURNALIST,
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: {
      kind: 'information_request',
      agencyId: HEALTH,
      subject: EARLIER_SUBJECT,
      question: 'Đề nghị Sở Y tế cung cấp số liệu tiêm chủng mở rộng năm 2026 theo từng địa bàn.',
    },
  });
  expect(earlier.status).toBe(201);
  earlierId = ((await earlier.json()) as { id: string }).id;
  portal = await stack.context.newPage();
  department = await stack.context.newPage();
  ioffice = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

function theReport(): string {
  if (!reportId) throw new Error('Step 1 did not create a report.');
  return reportId;
}

/** Opens an action's disclosure if it is closed, and returns it. */
async function openAction(contact: Locator, action: string): Promise<Locator> {
  const details = contact.locator(`details[data-action=${action}]`);
  if ((await details.getAttribute('open')) === null)
    await contact.getByTestId(`action-toggle-${action}`).click();
  return details;
}

/** The department's queue on its page, with the report open beside it. */
async function openInQueue(): Promise<{ queue: Locator; contact: Locator }> {
  await department.bringToFront();
  const queue = department.locator('pl-inbox#difficulty-queue');
  const row = queue.locator(`[data-testid=contact-row][data-contact-id="${theReport()}"]`);
  await row.click();
  const contact = queue.locator('pl-contact [data-testid=contact]');
  await expectAttribute(contact, 'data-contact-id', theReport());
  return { queue, contact };
}

/** The journalist's own list on the portal, with the report open in it. */
async function openOnPortal(): Promise<{ widget: Locator; contact: Locator }> {
  await portal.bringToFront();
  const widget = portal.locator('pl-my-contacts');
  const contact = widget.locator('pl-contact [data-testid=contact]');
  if ((await contact.count()) === 0)
    await widget.locator(`[data-testid=contact-row][data-contact-id="${theReport()}"]`).click();
  await expectAttribute(contact, 'data-contact-id', theReport());
  return { widget, contact };
}

describe('difficulty report journey in the demo pages', () => {
  it('1. the reporter reports a difficulty on the portal', async () => {
    await portal.goto(`${stack.baseUrl}/demo/portal.html#phan-anh`);
    await switchUser(portal, JOURNALIST);
    const widget = portal.locator('pl-difficulty-form');
    await expectAttribute(widget, 'data-ready', '');
    await expectText(widget.locator('h2'), 'Phản ánh khó khăn với cơ quan quản lý báo chí');
    // The portal is the province's: its department is chosen; the agencies are that province's.
    expect(await widget.getByTestId('provinceId').inputValue()).toBe('quang-tri');
    expect(await widget.locator(`select[name=agencyId] option[value=${DEPARTMENT}]`).count()).toBe(0);
    expect(await widget.locator('select[name=agencyId] option[value=hue-so-yte]').count()).toBe(0);
    // The reporter's own earlier contacts may be linked.
    await expectText(widget.getByTestId('related'), EARLIER_SUBJECT);

    // Too short a subject and no description: said beside the fields, nothing sent.
    const posts: Request[] = [];
    portal.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/contacts')) posts.push(r);
    });
    await widget.getByTestId('subject').fill('ab');
    await widget.getByTestId('submit').click();
    await expectText(widget.getByTestId('subject-error'), 'Cần từ 3 đến 300 ký tự.');
    await expectText(widget.getByTestId('description-error'), 'Vui lòng nhập thông tin này.');
    await expectText(widget.getByTestId('form-status'), 'Vui lòng kiểm tra lại các trường được đánh dấu.');
    expect(await widget.getByTestId('subject').getAttribute('aria-describedby')).toBe(
      'subject-hint subject-error',
    );
    expect(posts).toHaveLength(0);

    await widget.getByTestId('agencyId').selectOption(HEALTH);
    await widget.getByTestId('subject').fill(SUBJECT);
    await widget.getByTestId('description').fill(DESCRIPTION);
    await widget.getByTestId(`related-${earlierId}`).check();
    await expectAccessible(widget);
    await screenshot(portal, '41-portal-difficulty-filled');
    await widget.getByTestId('submit').click();

    const created = widget.getByTestId('created');
    await expectText(created, 'Đã gửi phản ánh đến Sở.');
    await expectAttribute(created.locator('[part=status]'), 'data-status', 'submitted');
    await expectText(created.locator('[part=status]'), 'Chờ Sở tiếp nhận');
    expect(posts).toHaveLength(1);
    expect(await posts[0]?.headerValue('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[0]?.postDataJSON()).toEqual({
      kind: 'difficulty_report',
      provinceId: 'quang-tri',
      agencyId: HEALTH,
      subject: SUBJECT,
      description: DESCRIPTION,
      relatedContactIds: [earlierId],
    });
    const id = ((await widget.getByTestId('contact-id').textContent()) ?? '').trim();
    expect(id).toMatch(/^KN-[0-9A-Z]+$/);
    reportId = id;
    await expectText(portal.locator('#event-log'), `pl-contact-created: ${id} → submitted`);
    // It is among the reporter's contacts at once.
    const row = portal.locator(`pl-my-contacts [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-kind', 'difficulty_report');
    await expectText(row.getByTestId('kind'), 'Phản ánh khó khăn');
    await screenshot(portal, '42-portal-difficulty-sent');
  });

  it('2. the department acknowledges it in its queue and refers it to the Department of Health', async () => {
    const id = theReport();
    await department.goto(`${stack.baseUrl}/demo/department.html#phan-anh`);
    await switchUser(department, SUPERVISOR);
    await expectAttribute(department.locator('a[data-panel-link=difficulty]'), 'aria-current', 'page');
    const queue = department.locator('pl-inbox#difficulty-queue');
    await expectText(queue.locator('h2'), 'Phản ánh khó khăn của nhà báo');
    // A queue of one kind: no kind filter, the kind's statuses.
    expect(await queue.getByTestId('filter-kind').count()).toBe(0);
    await expectText(queue.locator('select[name=status] option[value=under_review]'), 'Đang xem xét');
    const row = queue.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-status', 'submitted');
    await expectText(row, 'Nguyễn Văn An');
    await expectText(queue.getByTestId('list-status'), '1 hồ sơ');

    const { contact } = await openInQueue();
    await expectText(contact.getByTestId('subject'), SUBJECT);
    await expectText(contact.getByTestId('report-description'), DESCRIPTION);
    await expectText(contact.getByTestId('involved-agency'), 'Sở Y tế tỉnh Quảng Trị');
    await expectAttribute(contact.getByTestId('open-related'), 'data-contact-id', earlierId);
    await expectText(contact.getByTestId('clocks'), 'Sở tiếp nhận');
    await expectActions(queue, ['acknowledge_report', 'extend', 'close']);
    await expectAccessible(queue);
    await screenshot(department, '43-department-difficulty-queue');

    const ack = await openAction(contact, 'acknowledge_report');
    await ack.locator('textarea[name=note]').fill('Sở đã tiếp nhận, đang xác minh với Sở Y tế.');
    await contact.getByTestId('submit-acknowledge_report').click();
    await expectAttribute(contact, 'data-status', 'under_review');
    // Whoever acknowledges handles it.
    await expectText(contact.getByTestId('assignee'), 'Đặng Quốc Huy');
    await expectText(contact.getByTestId('action-success'), 'Tiếp nhận phản ánh');

    // The agency the reporter named is offered first; the department itself is not.
    const refer = await openAction(contact, 'refer');
    const agency = refer.locator('select[name=toAgencyId]');
    expect(await agency.inputValue()).toBe(HEALTH);
    expect(await agency.locator(`option[value=${DEPARTMENT}]`).count()).toBe(0);
    await contact.getByTestId('submit-refer').click();
    await expectText(refer.locator('#refer-note-error'), 'Vui lòng nhập thông tin này.');
    await refer.locator('textarea[name=note]').fill(REFER_NOTE);
    await contact.getByTestId('submit-refer').click();
    await expectAttribute(contact, 'data-status', 'referred');
    await expectAttribute(contact.getByTestId('referral'), 'data-agency-id', HEALTH);
    await expectText(contact.getByTestId('referral-agency'), 'Sở Y tế tỉnh Quảng Trị');
    await expectText(contact.getByTestId('referral-note'), REFER_NOTE);
    await expectText(contact.getByTestId('referral-pending'), 'Chưa có trả lời của cơ quan.');
    await expectAttribute(row, 'data-status', 'referred');
    await expectText(department.locator('#event-log'), `(refer): ${id} → referred`);
  });

  it('3. the Department of Health responds from its IOffice inbox', async () => {
    const id = theReport();
    await ioffice.bringToFront();
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html`);
    await switchUser(ioffice, CLERK);
    const inbox = ioffice.locator('pl-inbox');
    const row = inbox.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-kind', 'difficulty_report');
    await expectAttribute(row, 'data-status', 'referred');
    await expectText(row.getByTestId('status'), 'Đã chuyển cơ quan liên quan');
    await row.click();
    const contact = inbox.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectText(contact.getByTestId('referral-note'), REFER_NOTE);
    await expectActions(inbox, ['respond']);
    const respond = await openAction(contact, 'respond');
    await expectText(respond.locator('summary'), 'Trả lời Sở về phản ánh');
    await respond.locator('textarea[name=text]').fill(RESPONSE);
    await expectAccessible(inbox);
    await screenshot(ioffice, '44-ioffice-difficulty-respond');
    await contact.getByTestId('submit-respond').click();
    await expectAttribute(contact, 'data-status', 'under_review');
    await expectText(contact.getByTestId('referral-response'), RESPONSE);
    await expectText(contact.getByTestId('referral-response'), 'Lê Thị Cúc');
    // Responded: nothing more for the agency to do.
    await expectActions(inbox, []);
  });

  it('4. the department sees the response arrive and resolves the report', async () => {
    const { queue, contact } = await openInQueue();
    await expectAttribute(contact, 'data-status', 'under_review');
    await expectText(contact.getByTestId('referral-response'), RESPONSE);
    const resolve = await openAction(contact, 'resolve');
    await resolve.locator('textarea[name=resolution]').fill(RESOLUTION);
    await contact.getByTestId('submit-resolve').click();
    await expectAttribute(contact, 'data-status', 'resolved');
    await expectText(contact.getByTestId('resolution-text'), RESOLUTION);
    await expectActions(queue, []);
    await screenshot(department, '45-department-difficulty-resolved');
  });

  it('5. the reporter reads the resolution and asks for a review, with a reason', async () => {
    await portal.bringToFront();
    const row = portal.locator(`pl-my-contacts [data-testid=contact-row][data-contact-id="${theReport()}"]`);
    await expectAttribute(row, 'data-status', 'resolved');
    const { widget, contact } = await openOnPortal();
    await expectText(contact.getByTestId('resolution-text'), RESOLUTION);
    await expectText(contact.getByTestId('referral-response'), RESPONSE);
    await expectActions(widget, ['reopen']);
    const reopen = await openAction(contact, 'reopen');
    await contact.getByTestId('submit-reopen').click();
    await expectText(reopen.locator('#reopen-reason-error'), 'Vui lòng nhập thông tin này.');
    await reopen.locator('textarea[name=reason]').fill(REOPEN);
    await expectAccessible(widget);
    await contact.getByTestId('submit-reopen').click();
    await expectAttribute(contact, 'data-status', 'reopened');
    await expectText(contact.getByTestId('reopen-reason'), REOPEN);
    await expectText(contact.getByTestId('status'), 'Đề nghị xem xét lại');
    await screenshot(portal, '46-portal-difficulty-reopened');
  });

  it('6. the department acknowledges the request for a review and resolves again', async () => {
    const { queue, contact } = await openInQueue();
    await expectAttribute(contact, 'data-status', 'reopened');
    await expectText(contact.getByTestId('reopen-reason'), REOPEN);
    await expectActions(queue, ['acknowledge_report', 'extend', 'reassign', 'close']);
    await contact.getByTestId('submit-acknowledge_report').click();
    await expectAttribute(contact, 'data-status', 'under_review');
    const resolve = await openAction(contact, 'resolve');
    await resolve.locator('textarea[name=resolution]').fill(RESOLUTION_2);
    await contact.getByTestId('submit-resolve').click();
    await expectAttribute(contact, 'data-status', 'resolved');
    await expectText(contact.getByTestId('resolution-text'), RESOLUTION_2);
  });

  it('7. the reporter sees the new resolution and may not reopen it again', async () => {
    const { widget, contact } = await openOnPortal();
    await expectAttribute(contact, 'data-status', 'resolved');
    await expectText(contact.getByTestId('resolution-text'), RESOLUTION_2);
    await expectText(contact.getByTestId('resolution'), 'Đã dùng quyền đề nghị xem xét lại (chỉ một lần).');
    await expectActions(widget, []);
    await expectText(contact.locator('.timeline li[data-type=reopen]'), REOPEN);
    expect(await contact.locator('.timeline li[data-type=resolve]').count()).toBe(2);
    await screenshot(portal, '47-portal-difficulty-final');

    // In English, the same report in the reporter's words.
    await portal.locator('#lang-toggle').click();
    await expectAttribute(portal.locator('html'), 'lang', 'en');
    await expectText(contact.getByTestId('status'), 'Resolved');
    await expectText(contact.getByTestId('resolution'), 'Resolution');
    await expectText(portal.locator('pl-difficulty-form h2'), 'Report a difficulty');
    await portal.locator('#lang-toggle').click();
  });

  it('raised no script errors on any page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
