// The walk-in visit journey across the two demo pages in Chromium, on the real API, worker, Temporal and
// database: a resident reporter came to the Department of Health in person and was received at once; the
// clerk records the visit in IOffice's walk-in form (finding the reporter in the registry without diacritics,
// after the form refused what the API would refuse, and sending again after a lost answer with the same
// Idempotency-Key), opens it from the inbox and records its result; the reporter sees it among their contacts
// on the portal and acknowledges it, which closes it. Then a visitor the registry does not know is recorded in
// English. Screenshots go to test-results/browser/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnParts } from './appointment-support.ts';
import {
  chooseFilesWithKeyboard,
  expectAccessible,
  expectAttribute,
  expectText,
  screenshot,
  startStack,
  switchUser,
  textFile,
  type Stack,
} from './support.ts';

const JOURNALIST = 'pv-nguyen-van-an';
const JOURNALIST_ID = 'nb-0001';
const CLERK = 'yte-van-thu';
const HOST = 'sp-qt-yte';

const SUBJECT = 'Tìm hiểu tình hình cung ứng thuốc tại Bệnh viện Đa khoa tỉnh';
const CONTENT =
  'Phóng viên đến Sở đề nghị cung cấp số liệu về tình trạng thiếu thuốc, vật tư y tế tại bệnh viện tuyến tỉnh trong quý IV.';
const SUMMARY = 'Người phát ngôn trả lời trực tiếp về kế hoạch đấu thầu thuốc năm 2027.';
const INFORMATION = 'Báo cáo số 230/BC-SYT về cung ứng thuốc quý IV.';
const MINUTES = 'bien-ban-lam-viec.txt';
const MINUTES_TEXT = 'Biên bản làm việc với phóng viên Báo Nhân Dân, ngày làm việc.\n';

let stack: Stack;
let ioffice: Page;
let portal: Page;
let contactId: string | undefined;
/** The time of the visit as the clerk entered it (`YYYY-MM-DDTHH:MM`, Vietnam time). */
let visitedAt = '';

beforeAll(async () => {
  // Any hour: the journey must not depend on when it runs (a visit 45 minutes ago may be outside office hours).
  stack = await startStack({ officeHours: 'always' });
  ioffice = await stack.context.newPage();
  portal = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

function theContact(): string {
  if (!contactId) throw new Error('Step 1 did not record a walk-in visit.');
  return contactId;
}

/** A datetime-local value `minutes` from now (negative: ago), Vietnam time. */
function vnLocal(minutes: number): string {
  const { date, time } = vnParts(Date.now() + minutes * 60_000);
  return `${date}T${time}`;
}

/** The actions a `pl-contact` inside `scope` offers, in display order. */
async function offered(scope: Locator): Promise<string[]> {
  const out: string[] = [];
  for (const d of await scope.locator('pl-contact details[data-action]').all())
    out.push((await d.getAttribute('data-action')) ?? '?');
  return out;
}

async function expectOffered(scope: Locator, action: string): Promise<void> {
  await expect.poll(() => offered(scope), { message: `${action} offered` }).toContain(action);
}

/** Chooses `file` in the form's file picker, opening it with the keyboard as a clerk without a mouse would. */
async function chooseFile(page: Page, form: Locator, file: string): Promise<void> {
  const picker = form.getByRole('button', { name: 'Đính kèm biên bản, tài liệu buổi làm việc' });
  await chooseFilesWithKeyboard(page, picker, [file], 'Enter');
  await expectText(form.getByTestId('record_result-files'), path.basename(file));
}

/** Opens an action's disclosure if it is closed. */
async function openAction(contact: Locator, action: string): Promise<Locator> {
  const details = contact.locator(`details[data-action=${action}]`);
  if ((await details.getAttribute('open')) === null)
    await contact.getByTestId(`action-toggle-${action}`).click();
  return details;
}

describe('walk-in visit journey in the demo pages', () => {
  it('1. the clerk records the visit of a registered reporter in IOffice', async () => {
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html#tiep-phong-vien`);
    await switchUser(ioffice, CLERK);
    const panelLink = ioffice.locator('a[data-panel-link=walk-in]');
    await expectAttribute(panelLink, 'aria-current', 'page');
    const widget = ioffice.locator('pl-walk-in-form');
    await expectAttribute(widget, 'data-ready', '');
    await expectText(widget.locator('h2'), 'Ghi nhận làm việc trực tiếp');
    // The agency's current spokespersons and head receive reporters.
    await expect.poll(() => widget.locator(`select[name=hostId] option[value=${HOST}]`).count()).toBe(1);
    // The time of the visit starts at now, Vietnam time, and may not be later.
    const max = await widget.getByTestId('visitedAt').getAttribute('max');
    expect(max).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await widget.getByTestId('visitedAt').inputValue()).toBe(max);

    // Nothing filled in: every rule the API applies, said beside its field, before anything is sent.
    const posts: Request[] = [];
    ioffice.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/contacts')) posts.push(r);
    });
    await widget.getByTestId('visitedAt').fill(vnLocal(120));
    await widget.getByTestId('subject').fill('ab');
    await widget.getByTestId('submit').click();
    await expectText(widget.getByTestId('journalistId-error'), 'Vui lòng chọn một mục.');
    await expectText(widget.getByTestId('visitedAt-error'), 'không được sau thời điểm hiện tại');
    await expectText(widget.getByTestId('subject-error'), 'Cần từ 3 đến 300 ký tự.');
    await expectText(widget.getByTestId('content-error'), 'Vui lòng nhập thông tin này.');
    await expectText(widget.getByTestId('hostId-error'), 'Vui lòng chọn một mục.');
    await expectText(widget.getByTestId('form-status'), 'Vui lòng kiểm tra lại các trường được đánh dấu.');
    const subject = widget.getByTestId('subject');
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    expect(await subject.getAttribute('aria-describedby')).toBe('subject-hint subject-error');
    // Focus goes to the first field to fix: the reporter search, as nobody has been found yet.
    // A string, not a function: the test project has no DOM types.
    const focused = `(() => document.querySelector('pl-walk-in-form').shadowRoot.activeElement?.getAttribute('name'))()`;
    await expect.poll(() => ioffice.evaluate<string | undefined>(focused)).toBe('journalistQuery');
    expect(posts).toHaveLength(0);

    // The registry search ignores diacritics and case; Enter searches without sending the form, and the
    // result is announced.
    const query = widget.getByTestId('journalist-q');
    await query.fill('NGUYEN van an');
    await query.press('Enter');
    await expectText(widget.getByTestId('journalist-status'), 'Tìm thấy 1 phóng viên');
    const result = widget.getByTestId(`journalist-${JOURNALIST_ID}`);
    await expectText(
      widget.locator('#journalist-results'),
      'Nguyễn Văn An — Báo Nhân Dân, thẻ nhà báo ND-12345',
    );
    await result.check();
    // By press card number too; the chosen reporter stays chosen.
    await query.fill('ND-12345');
    await widget.getByTestId('journalist-search').click();
    await expectText(widget.getByTestId('journalist-status'), 'Tìm thấy 1 phóng viên');
    expect(await result.isChecked()).toBe(true);
    expect(posts).toHaveLength(0);

    visitedAt = vnLocal(-45);
    await widget.getByTestId('visitedAt').fill(visitedAt);
    await subject.fill(SUBJECT);
    await widget.getByTestId('content').fill(CONTENT);
    await widget.getByTestId('hostId').selectOption(HOST);
    await expectAccessible(widget);
    await screenshot(ioffice, '31-ioffice-walk-in-filled');

    // The first answer is lost on the way back (the API did record the visit): sending again uses the same
    // Idempotency-Key, so the visit is recorded once.
    let lose = true;
    await ioffice.route('**/api/v1/contacts', async (route) => {
      if (route.request().method() !== 'POST' || !lose) return route.fallback();
      lose = false;
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await widget.getByTestId('submit').click();
    await expectText(widget.getByTestId('error'), 'Không kết nối được với máy chủ');
    await widget.getByTestId('submit').click();
    const created = widget.getByTestId('created');
    await created.waitFor();
    await ioffice.unroute('**/api/v1/contacts');
    expect(posts).toHaveLength(2);
    const keys = await Promise.all(posts.map((r) => r.headerValue('idempotency-key')));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);

    await expectText(created, 'Đã ghi nhận buổi làm việc trực tiếp.');
    await expectAttribute(created.locator('[part=status]'), 'data-status', 'draft');
    await expectText(created.locator('[part=status]'), 'Chờ ghi nhận kết quả');
    await expectText(created, 'Hạn ghi nhận kết quả');
    const id = ((await widget.getByTestId('contact-id').textContent()) ?? '').trim();
    expect(id).toMatch(/^[A-Z]{2}-[0-9A-Z]+$/);
    contactId = id;
    await expectText(ioffice.locator('#event-log'), `pl-contact-created: ${id} → draft`);
    await screenshot(ioffice, '32-ioffice-walk-in-recorded');
  });

  it('2. the clerk finds it in the inbox and records the result', async () => {
    const id = theContact();
    await ioffice.locator('a[data-panel-link=inbox]').click();
    const inbox = ioffice.locator('pl-inbox');
    const row = inbox.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-kind', 'walk_in');
    await expectAttribute(row, 'data-status', 'draft');
    await expectText(row.getByTestId('kind'), 'Làm việc trực tiếp');
    await expectText(row, 'Nguyễn Văn An');
    // Once only, although it was sent twice.
    await inbox.getByTestId('filter-kind').selectOption('walk_in');
    await expectText(inbox.getByTestId('list-status'), '1 hồ sơ');
    await row.click();

    const contact = inbox.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectText(contact.getByTestId('subject'), SUBJECT);
    await expectText(contact.getByTestId('visitor'), 'Nguyễn Văn An — Báo Nhân Dân, thẻ nhà báo ND-12345');
    await expectAttribute(contact.locator('[data-journalist-id]'), 'data-journalist-id', JOURNALIST_ID);
    await expectText(contact.getByTestId('visit-host'), 'Hoàng Minh Đức — Phó Giám đốc Sở Y tế');
    await expectText(contact.getByTestId('visit-content'), CONTENT);
    const [date = '', time = ''] = visitedAt.split('T');
    await expectText(contact.getByTestId('visited-at'), `${time} ${date.split('-').reverse().join('/')}`);
    await expectText(contact.locator('.timeline li[data-type=submitted]'), 'Ghi nhận làm việc trực tiếp');
    expect(await contact.getByTestId('result').count()).toBe(0);

    await expectOffered(inbox, 'record_result');
    const form = await openAction(contact, 'record_result');
    // Not held needs a reason: refused before anything is sent.
    await form.getByTestId('record_result-held-false').check();
    await form.locator('textarea[name=summary]').fill(SUMMARY);
    await form.locator('textarea[name=informationProvided]').fill(INFORMATION);
    await contact.getByTestId('submit-record_result').click();
    await expectText(form.locator('#record_result-reason-error'), 'Vui lòng nhập thông tin này.');
    await form.getByTestId('record_result-held-true').check();
    // A visit, not a planned meeting: the form asks whether the reporter was received.
    await expectText(form.locator('legend'), 'Cơ quan có tiếp, làm việc với phóng viên không?');
    // The minutes, chosen with the keyboard; a wrong file is taken off the list before sending.
    await chooseFile(ioffice, form, await textFile('nham-tep.txt', 'Tệp chọn nhầm.\n'));
    await chooseFile(ioffice, form, await textFile(MINUTES, MINUTES_TEXT));
    await form.getByRole('button', { name: 'Bỏ tệp nham-tep.txt' }).click();
    await expect.poll(() => form.getByTestId('record_result-files').locator('li').count()).toBe(1);
    await expectAccessible(inbox);
    await screenshot(ioffice, '33-ioffice-walk-in-result');
    await contact.getByTestId('submit-record_result').click();

    await expectAttribute(contact, 'data-status', 'completed');
    await expectAttribute(contact.getByTestId('result'), 'data-held', 'true');
    await expectText(contact.getByTestId('result-summary'), SUMMARY);
    await expectText(contact.getByTestId('result-information'), INFORMATION);
    await expectText(contact.getByTestId('result'), 'Lê Thị Cúc');
    await expectText(contact.getByTestId('result-attachments'), MINUTES);
    expect(await contact.getByTestId('result-attachments').textContent()).not.toContain('nham-tep.txt');
    await expectText(contact.locator('.timeline li[data-type=record_result]'), '1 tệp kèm theo');
    await expectAttribute(row, 'data-status', 'completed');
    await expectText(ioffice.locator('#event-log'), `(record_result): ${id} → completed`);
  });

  it('3. the reporter sees the visit on the portal and acknowledges it', async () => {
    const id = theContact();
    await portal.bringToFront();
    await portal.goto(`${stack.baseUrl}/demo/portal.html`);
    await switchUser(portal, JOURNALIST);
    const widget = portal.locator('pl-my-contacts');
    const row = widget.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(row, 'data-kind', 'walk_in');
    await expectAttribute(row, 'data-status', 'completed');
    await expectText(row.getByTestId('kind'), 'Làm việc trực tiếp');
    await row.click();

    const contact = widget.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectText(contact.getByTestId('visit-content'), CONTENT);
    await expectText(contact.getByTestId('result-information'), INFORMATION);
    // The minutes reach the reporter, byte for byte, from a keyboard.
    const download = portal.waitForEvent('download');
    await contact.getByTestId('result-attachments').locator('button').focus();
    await portal.keyboard.press('Enter');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(MINUTES);
    expect(await readFile(await saved.path(), 'utf8')).toBe(MINUTES_TEXT);
    await expectOffered(widget, 'acknowledge');
    expect(await offered(widget)).not.toContain('record_result');
    const form = await openAction(contact, 'acknowledge');
    await expectText(form.locator('summary'), 'Xác nhận kết quả làm việc');
    await form.locator('textarea[name=note]').fill('Cảm ơn Sở đã tiếp và cung cấp thông tin.');
    await expectAccessible(widget);
    await contact.getByTestId('submit-acknowledge').click();

    await expectAttribute(contact, 'data-status', 'closed');
    await expectText(contact.getByTestId('action-success'), 'Xác nhận kết quả làm việc');
    await expectAttribute(row, 'data-status', 'closed');
    await screenshot(portal, '34-portal-walk-in-acknowledged');

    // The agency sees it closed too, live.
    await ioffice.bringToFront();
    const inboxRow = ioffice.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${id}"]`);
    await expectAttribute(inboxRow, 'data-status', 'closed');
    await expectAttribute(
      ioffice.locator('pl-inbox pl-contact [data-testid=contact]'),
      'data-status',
      'closed',
    );
  });

  it('4. in English, a visitor the registry does not know is recorded as they introduced themselves', async () => {
    await ioffice.bringToFront();
    await ioffice.locator('#lang-toggle').click();
    await expectAttribute(ioffice.locator('html'), 'lang', 'en');
    await ioffice.locator('a[data-panel-link=walk-in]').click();
    const widget = ioffice.locator('pl-walk-in-form');
    await expectText(widget.locator('h2'), 'Record a walk-in visit');
    await widget.getByTestId('new-visit').click();
    await widget.getByTestId('visitor-unregistered').check();
    await widget.getByTestId('fullName').fill('John Smith');
    await widget.getByTestId('pressOrganisation').fill('Reuters');
    await widget.getByTestId('pressCardNumber').fill('X');
    await widget.getByTestId('visitedAt').fill(vnLocal(-91 * 24 * 60));
    await widget.getByTestId('subject').fill('Dengue fever season');
    await widget.getByTestId('content').fill('Asked for the number of dengue cases this month.');
    await widget.getByTestId('hostId').selectOption(HOST);
    await widget.getByTestId('submit').click();
    await expectText(widget.getByTestId('pressCardNumber-error'), 'Use 3 to 50 characters.');
    await expectText(
      widget.getByTestId('visitedAt-error'),
      'Only visits within the last 90 days can be recorded.',
    );
    await widget.getByTestId('pressCardNumber').fill('RT-2026-001');
    // A field the clerk changes loses its error.
    expect(await widget.getByTestId('pressCardNumber-error').count()).toBe(0);
    await widget.getByTestId('visitedAt').fill(vnLocal(-10));
    await expectAccessible(widget);

    // The clerk's computer clock is an hour slow: the API refuses the visit as in the future, and the form says
    // so beside the field, in the page's language.
    await ioffice.route('**/api/v1/contacts', (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      const body = request.postDataJSON() as Record<string, unknown>;
      return route.fallback({ postData: JSON.stringify({ ...body, visitedAt: Date.now() + 3_600_000 }) });
    });
    await widget.getByTestId('submit').click();
    await expectText(widget.getByTestId('visitedAt-error'), 'The visit is in the future.');
    await expectText(widget.getByTestId('error'), 'The visit is in the future.');
    expect(await widget.getByTestId('visitedAt').getAttribute('aria-describedby')).toBe(
      'visitedAt-hint visitedAt-error',
    );
    await ioffice.unroute('**/api/v1/contacts');
    await widget.getByTestId('submit').click();
    const created = widget.getByTestId('created');
    await expectText(created, 'The walk-in visit has been recorded.');
    await expectText(created.locator('[part=status]'), 'Result to be recorded');
    const id = ((await widget.getByTestId('contact-id').textContent()) ?? '').trim();

    await ioffice.locator('a[data-panel-link=inbox]').click();
    const inbox = ioffice.locator('pl-inbox');
    const row = inbox.locator(`[data-testid=contact-row][data-contact-id="${id}"]`);
    await expectText(row.getByTestId('kind'), 'Walk-in visit');
    await row.click();
    const contact = inbox.locator('pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', id);
    await expectText(contact.getByTestId('visitor'), 'John Smith — Reuters, press card RT-2026-001');
    await expectText(contact.getByTestId('visitor-unregistered'), 'Not in the journalist registry');
    await expectText(contact.getByTestId('visit'), 'Walk-in visit');
    await screenshot(ioffice, '35-ioffice-walk-in-english');
  });

  it('5. when the host page names another agency, the form offers that agency’s hosts', async () => {
    // The province's administrator manages every agency of the province: the host page lets them pick the
    // agency receiving the reporter after the form has loaded with their own.
    const page = await stack.context.newPage();
    try {
      await page.addInitScript(`sessionStorage.setItem('pl-demo-user:ioffice', 'admin-quang-tri')`);
      await page.goto(`${stack.baseUrl}/demo/ioffice.html#tiep-phong-vien`);
      const widget = page.locator('pl-walk-in-form');
      const hosts = widget.locator('select[name=hostId]');
      const offered = (id: string) => hosts.locator(`option[value=${id}]`).count();
      await expect.poll(() => offered('sp-qt-ubnd')).toBe(1);
      const setAgency = (id: string) =>
        page.evaluate(
          `document.querySelector('pl-walk-in-form').setAttribute('agency-id', ${JSON.stringify(id)})`,
        );
      await setAgency('qt-so-yte');
      await expect.poll(() => offered(HOST)).toBe(1);
      expect(await offered('sp-qt-ubnd')).toBe(0);
      expect(await hosts.isEnabled()).toBe(true);
      await setAgency('qt-so-xay-dung');
      await expect.poll(() => offered('sp-qt-xd')).toBe(1);
      expect(await offered(HOST)).toBe(0);
      expect(await hosts.isEnabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('raised no script errors on either page', () => {
    expect(stack.pageErrors).toEqual([]);
  });
});
