// Regressions from a review of the widgets, in Chromium on the real API, worker, Temporal and database:
// - `pl-contact`: the answer to an action on contact A that arrives after the clerk opened contact B (in the
//   inbox) was written into the panel, which then showed A under B's `contact-id`, so the next action went to A;
//   a failure of A's action read as B's; A's "sending" state disabled B's buttons; a file uploaded for A landed in
//   B's file picker.
// - `pl-request-form`: a question the text rules refuse (a control character pasted in) got only the generic
//   "invalid" box, no field marked; and `/me` or `/agencies` landing while the journalist typed could switch the
//   form to an appointment, taking away the question box and what was typed in it.
// Each test holds one response with `page.route` until the race is set up.
import type { Locator, Page, Request, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { act, expectJson, openRequest, USERS } from '../support/api-helpers.ts';
import {
  chooseFilesWithKeyboard,
  expectAttribute,
  expectText,
  startStack,
  switchUser,
  textFile,
  type Stack,
} from './support.ts';

const CLERK = USERS.clerk;
const OFFICER = USERS.officer;
const NON_RESIDENT = USERS.otherReporter;
const DOCUMENT = 'bang-so-lieu-a.txt';
const HIDDEN_CHARACTER =
  'Nội dung có ký tự không gửi được (thường là ký tự ẩn khi dán từ tài liệu khác). Vui lòng xóa hoặc gõ lại đoạn vừa dán.';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

/**
 * The holds a test set, let go after it (also when it failed half-way), so the next test starts clean. Their
 * routes stay: once released they let every request through.
 */
const releases: (() => void)[] = [];

afterEach(() => {
  for (const release of releases.splice(0)) release();
});

/** Requests matching `pattern` wait until `release()`; `requested` settles when the first one arrives. */
async function hold(page: Page, pattern: string, method = 'GET') {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  releases.push(release);
  let arrived!: (request: Request) => void;
  const requested = new Promise<Request>((resolve) => (arrived = resolve));
  await page.route(pattern, async (route: Route) => {
    if (route.request().method() !== method) return route.fallback();
    arrived(route.request());
    await released;
    await route.continue();
  });
  return { requested, release };
}

const read = async (id: string) =>
  expectJson<ContactView>(await stack.h.call('GET', `/contacts/${id}`, { as: CLERK }), 200);

/** The `pl-contact` inside the IOffice inbox, and a way to open a row of the inbox in it. */
function inboxOf(page: Page) {
  const contact = page.locator('pl-inbox pl-contact [data-testid=contact]');
  const open = async (id: string, subject: string) => {
    await page.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${id}"]`).click();
    await expectAttribute(contact, 'data-contact-id', id);
    await expectText(contact.getByTestId('subject'), subject);
  };
  return { contact, open };
}

/** Opens `action`'s disclosure in `contact` (the primary one starts open). */
async function openAction(contact: Locator, action: string): Promise<Locator> {
  const details = contact.locator(`details[data-action=${action}]`);
  if ((await details.getAttribute('open')) === null)
    await contact.getByTestId(`action-toggle-${action}`).click();
  return details;
}

/** Where focus is inside the inbox's `pl-contact`: the focused element's `name`, or its tag. */
const focusInContact = (page: Page) =>
  page.evaluate<string | null>(`(() => {
    const el = document.querySelector('pl-inbox').shadowRoot.querySelector('pl-contact').shadowRoot.activeElement;
    return el ? el.getAttribute('name') ?? el.localName : null;
  })()`);

describe('pl-contact: an action answered after the clerk opened another contact', () => {
  let page: Page;

  it('keeps the panel on the contact opened, names the other in the outcome, and leaves its buttons free', async () => {
    page = await stack.context.newPage();
    await page.goto(`${stack.baseUrl}/demo/ioffice.html`);
    await switchUser(page, CLERK);
    const a = await openRequest(stack.h, { subject: 'Kế hoạch tiêm chủng đợt 1' });
    const b = await openRequest(stack.h, { subject: 'Tình hình cung ứng thuốc' });
    const { contact, open } = inboxOf(page);
    await open(a.id, a.subject);
    const assign = await openAction(contact, 'assign');
    await assign.locator('select[name=assigneeSub]').selectOption(OFFICER);
    const held = await hold(page, `**/api/v1/contacts/${a.id}/actions/assign`, 'POST');
    await contact.getByTestId('submit-assign').click();
    await held.requested;

    // B's load finishes while A's assignment is still on its way.
    await open(b.id, b.subject);
    // A's "sending" is not B's: B's buttons are free.
    const submitB = contact.getByTestId('submit-assign');
    expect(await submitB.isDisabled()).toBe(false);
    expect(await submitB.getAttribute('aria-busy')).toBe('false');
    // The clerk is choosing B's assignee when A's answer comes.
    const assignB = await openAction(contact, 'assign');
    await assignB.locator('select[name=assigneeSub]').focus();
    held.release();

    // Hosts still hear of A's action, to refresh their lists.
    await expectText(page.locator('#event-log'), `(assign): ${a.id} → in_progress`);
    // Still B, in B's state; A's outcome names A; focus stays where the clerk works.
    await expectAttribute(contact, 'data-contact-id', b.id);
    await expectAttribute(contact, 'data-status', 'submitted');
    await expectText(contact.getByTestId('subject'), b.subject);
    await expectText(contact.getByTestId('elsewhere-done'), `Hồ sơ ${a.id}: đã thực hiện “Phân công xử lý”.`);
    expect(await contact.getByTestId('action-success').count()).toBe(0);
    expect(await focusInContact(page)).toBe('assigneeSub');
    expect((await read(a.id)).status).toBe('in_progress');

    // The next action goes to B.
    await assignB.locator('select[name=assigneeSub]').selectOption(OFFICER);
    await contact.getByTestId('submit-assign').click();
    await expectAttribute(contact, 'data-status', 'in_progress');
    await expectText(contact.getByTestId('action-success'), 'Đã thực hiện: Phân công xử lý.');
    expect((await read(b.id)).status).toBe('in_progress');
  });

  it('says which contact a failed action was on, not as if it were the one shown', async () => {
    const a = await openRequest(stack.h, { subject: 'Số ca sốt xuất huyết tuần 48' });
    const b = await openRequest(stack.h, { subject: 'Lịch tiêm vắc xin sởi' });
    const { contact, open } = inboxOf(page);
    await open(a.id, a.subject);
    const assign = await openAction(contact, 'assign');
    await assign.locator('select[name=assigneeSub]').selectOption(OFFICER);
    const held = await hold(page, `**/api/v1/contacts/${a.id}/actions/assign`, 'POST');
    await contact.getByTestId('submit-assign').click();
    await held.requested;
    await open(b.id, b.subject);
    // Meanwhile the reporter withdraws A: the held assignment is then refused by the API (409).
    await act(stack.h, a.id, USERS.reporter, 'withdraw', {});
    held.release();

    const failed = contact.getByTestId('elsewhere-error');
    await expectText(failed, `Hồ sơ ${a.id}: chưa thực hiện được “Phân công xử lý”.`);
    // Why, without claiming that A was reloaded (only the contact shown is).
    await expectText(failed, 'mở lại hồ sơ để xem hiện trạng');
    expect(await failed.textContent()).not.toContain('đã được tải lại');
    await expectAttribute(failed, 'data-contact-id', a.id);
    await expectAttribute(contact, 'data-contact-id', b.id);
    await expectAttribute(contact, 'data-status', 'submitted');
    expect(await contact.getByTestId('action-error').count()).toBe(0);
    expect(await contact.locator('[aria-invalid=true]').count()).toBe(0);
    expect((await read(a.id)).status).toBe('withdrawn');
  });

  it('does not put a file uploaded for one contact into the next contact’s picker', async () => {
    const a = await openRequest(stack.h, { subject: 'Số liệu khám chữa bệnh quý 3' });
    const b = await openRequest(stack.h, { subject: 'Dự án bệnh viện tuyến tỉnh' });
    for (const c of [a, b]) await act(stack.h, c.id, CLERK, 'assign', { assigneeSub: OFFICER });
    await switchUser(page, OFFICER);
    const { contact, open } = inboxOf(page);
    await open(a.id, a.subject);
    const draft = await openAction(contact, 'submit_answer');
    await draft.locator('textarea[name=text]').fill('Quý 3 khám 120.000 lượt, điều trị nội trú 9.800 lượt.');
    await chooseFilesWithKeyboard(
      page,
      draft.getByRole('button', { name: 'Đính kèm văn bản, tài liệu trả lời' }),
      [await textFile(DOCUMENT, 'Khám chữa bệnh quý 3/2026.\n')],
    );
    await expectText(draft.getByTestId('submit_answer-files'), DOCUMENT);
    const held = await hold(page, `**/api/v1/contacts/${a.id}/attachments`, 'POST');
    await contact.getByTestId('submit-submit_answer').click();
    await held.requested;
    await open(b.id, b.subject);
    held.release();

    await expectText(
      contact.getByTestId('elsewhere-done'),
      `Hồ sơ ${a.id}: đã thực hiện “Trình dự thảo trả lời”.`,
    );
    await expectAttribute(contact, 'data-contact-id', b.id);
    expect(await contact.locator('details[data-action=submit_answer]').textContent()).not.toContain(DOCUMENT);
    const after = await read(a.id);
    expect(after.status).toBe('pending_approval');
    expect(after.kind === 'information_request' && after.draftAttachments?.map((f) => f.name)).toEqual([
      DOCUMENT,
    ]);
  });
});

describe('pl-request-form: the API’s reasons beside the fields, and loads that land while typing', () => {
  it('marks, describes and focuses the question the text rules refuse', async () => {
    const page = await stack.context.newPage();
    await page.goto(`${stack.baseUrl}/demo/portal.html`);
    await switchUser(page, USERS.reporter);
    const form = page.locator('pl-request-form');
    await form.getByTestId('agency').selectOption('qt-so-yte');
    await form.getByTestId('subject').fill('Số liệu tiêm chủng mở rộng');
    // Pasted from a document: a vertical tab in the middle (trimming would not remove it).
    const pasted = 'Đề nghị cho biết tỷ lệ tiêm chủng mở rộng\u000bnăm 2026 của tỉnh.';
    const question = form.getByTestId('question');
    await question.fill(pasted);
    await form.getByTestId('submit').click();

    await expectText(form.getByTestId('question-error'), HIDDEN_CHARACTER);
    await expectAttribute(question, 'aria-invalid', 'true');
    expect(await question.getAttribute('aria-describedby')).toBe('question-hint question-error');
    await expect
      .poll(() =>
        page.evaluate(
          `document.querySelector('pl-request-form').shadowRoot.activeElement?.getAttribute('name') ?? null`,
        ),
      )
      .toBe('question');
    expect(await form.getByTestId('subject').getAttribute('aria-invalid')).toBe('false');

    // Retyped: the mark goes as soon as the question changes, and the request goes through.
    await question.fill(pasted.replace('\u000b', ' '));
    expect(await form.getByTestId('question-error').count()).toBe(0);
    expect(await question.getAttribute('aria-invalid')).toBe('false');
    await form.getByTestId('submit').click();
    await expectText(form.getByTestId('created'), 'Đã gửi yêu cầu thành công.');
    await page.close();
  });

  it('takes no question until /me tells the kind (a non-resident journalist)', async () => {
    const page = await stack.context.newPage();
    const me = await hold(page, '**/api/v1/me');
    await page.goto(`${stack.baseUrl}/demo/portal.html`);
    await switchUser(page, NON_RESIDENT);
    const form = page.locator('pl-request-form');
    await me.requested;
    // Until the kind is known the question box takes no typing (it keeps its place), and nothing can be sent.
    const question = form.getByTestId('question');
    await question.waitFor();
    expect(await question.isEditable()).toBe(false);
    await expectText(form.getByTestId('kind-loading'), 'Đang tải…');
    expect(await form.getByTestId('submit').isDisabled()).toBe(true);
    // The subject is the same for either kind: what is typed there stays.
    await form.getByTestId('subject').fill('Làm việc về dự án đường ven biển');
    me.release();

    await expectText(form.getByTestId('ir-unavailable'), 'chỉ dành cho phóng viên thường trú');
    expect(await form.getByTestId('questions').isEditable()).toBe(true);
    expect(await question.count()).toBe(0);
    expect(await form.getByTestId('kind-loading').count()).toBe(0);
    expect(await form.getByTestId('subject').inputValue()).toBe('Làm việc về dự án đường ven biển');
    expect(await form.getByTestId('submit').isDisabled()).toBe(false);
    await page.close();
  });

  it('takes no question until the agencies tell where a preset agency is', async () => {
    const page = await stack.context.newPage();
    const agencies = await hold(page, '**/api/v1/agencies');
    await page.goto(`${stack.baseUrl}/demo/portal.html`);
    // An agency of another province (Huế), preset by the host: a resident of Quảng Trị may only propose a meeting.
    await page.evaluate(`document.querySelector('pl-request-form').setAttribute('agency-id', 'hue-so-yte')`);
    await switchUser(page, USERS.reporter);
    const form = page.locator('pl-request-form');
    await agencies.requested;
    const question = form.getByTestId('question');
    await question.waitFor();
    expect(await question.isEditable()).toBe(false);
    await expectText(form.getByTestId('kind-loading'), 'Đang tải…');
    agencies.release();

    await expectText(form.getByTestId('ir-unavailable'), 'chỉ dành cho phóng viên thường trú');
    expect(await form.getByTestId('questions').isEditable()).toBe(true);
    expect(await question.count()).toBe(0);
    expect(await form.getByTestId('agency').inputValue()).toBe('hue-so-yte');
    await page.close();
  });

  it('raised no script errors', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
