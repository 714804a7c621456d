// The department's page (issue 8) in Chromium on the real API, worker, Temporal and database: the supervisor of
// the provincial press-management department finds an overdue, escalated request on the board of stuck work,
// opens it, sends the agency a formal reminder with a message, reads the responsiveness statistics and a
// chart's data table; the read-only auditor then sees the same board with no action anywhere. Deadline rules
// of a few seconds make the request overdue without waiting days (as the workflow tests do).
// Screenshots go to test-results/browser/.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { act, eventually, expectJson, openRequest, USERS } from '../support/api-helpers.ts';
import { durationRule, PROVINCE_RULES } from '../support/rules.ts';
import {
  expectAccessible,
  expectAttribute,
  expectText,
  screenshot,
  startStack,
  switchUser,
  type Stack,
} from './support.ts';

const SUPERVISOR = USERS.supervisor;
const AUDITOR = 'vhttdl-kiem-tra';
const SUBJECT = 'Tình hình sạt lở bờ sông Thạch Hãn';
const REMINDER = 'Đề nghị Sở Y tế trả lời phóng viên trước ngày 10/12/2026 và báo cáo Sở VHTTDL.';

let stack: Stack;
let page: Page;
let overdueId = '';

const shortRule = (clock: string, span: string, warn: string, grace: string) =>
  durationRule('information_request', clock, span, warn, grace);

const read = async (id: string) =>
  expectJson<ContactView>(await stack.h.call('GET', `/contacts/${id}`, { as: SUPERVISOR }), 200);

beforeAll(async () => {
  // Office hours `always`: the escalation waits for the next working moment, which after 17:00 is tomorrow.
  stack = await startStack({ officeHours: 'always' });
  const h = stack.h;
  // A first response due two seconds after submission, escalated to the department two seconds later.
  await expectJson(
    await h.call('PUT', PROVINCE_RULES, {
      as: USERS.admin,
      body: {
        items: [
          shortRule('first_response', 'PT2S', 'PT1S', 'PT2S'),
          shortRule('answer', 'PT1H', 'PT10M', 'PT1H'),
        ],
      },
    }),
    200,
  );
  const overdue = await openRequest(h, { subject: SUBJECT });
  overdueId = overdue.id;
  // A second request, answered at once: the statistics then have an on-time answer to count and chart.
  const answered = await openRequest(h, { subject: 'Số liệu tiêm chủng tháng 11' });
  await act(h, answered.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
  await act(h, answered.id, USERS.officer, 'submit_answer', { text: 'Tháng 11 tiêm 12.400 liều vắc xin.' });
  await act(h, answered.id, USERS.spokesperson, 'approve_answer', {});
  const escalated = await eventually(
    () => read(overdueId),
    (v) => v.escalationLevel === 2,
  );
  expect(escalated.overdue).toBe(true);
  page = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

const board = () => page.locator('pl-supervisor-board');
const row = (id: string): Locator => board().locator(`[data-testid=board-row][data-contact-id="${id}"]`);
/** The `aria-label` of what has focus inside the board's shadow root. */
const focusedInBoard = () =>
  page.evaluate<string | null>(
    `document.querySelector('pl-supervisor-board').shadowRoot.activeElement?.getAttribute('aria-label') ?? null`,
  );

describe('the department page', () => {
  it('1. the supervisor sees the overdue contact on the board and opens it', async () => {
    await page.goto(`${stack.baseUrl}/demo/department.html`);
    expect(await page.title()).toBe('IOffice Sở VHTTDL — Quản lý báo chí (demo)');
    await switchUser(page, SUPERVISOR);
    await expectText(page.locator('#demo-user-name'), 'Đặng Quốc Huy');
    await expectText(page.locator('.io-top'), 'Sở Văn hóa, Thể thao và Du lịch');
    const r = row(overdueId);
    await expectText(r, SUBJECT);
    await expectText(r, 'Sở Y tế');
    await expect.poll(() => r.getAttribute('data-reasons')).toContain('overdue');
    await expectText(r.locator('[data-testid=reason][data-reason=overdue]'), 'Quá hạn');
    await expectText(r.locator('[data-testid=reason][data-reason=escalated]'), 'Đã chuyển cấp');
    await expectText(r.getByTestId('escalation'), 'Mức 2');
    // The due date is shown in Vietnam time, as the other widgets show deadlines.
    expect((await r.getByTestId('due').textContent()) ?? '').toMatch(/\d\d:\d\d \d\d\/\d\d\/\d{4}/);
    // Sortable headers say how they sort; the table has a caption.
    await expectAttribute(board().locator('th[aria-sort=ascending]'), 'aria-sort', 'ascending');
    await expectText(board().locator('caption'), 'Hồ sơ quá hạn');
    await expectAccessible(board());
    await screenshot(page, 'department-01-board');

    // Choosing the row opens the contact in the page's own panel (the host listens for pl-contact-select).
    await r.getByTestId('board-open').click();
    const contact = page.locator('#contact-panel pl-contact [data-testid=contact]');
    await expectAttribute(contact, 'data-contact-id', overdueId);
    await expectText(page.locator('#event-log'), `pl-contact-select: ${overdueId}`);
  });

  it('2. the supervisor sends the agency a reminder with a message', async () => {
    const r = row(overdueId);
    await r.locator('[data-testid=action-menu] summary').click();
    await r.getByTestId('action-remind').click();
    const dialog = board().getByTestId('board-dialog');
    await expectAttribute(dialog, 'data-mode', 'remind');
    expect(await dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    // The message is required: nothing is sent without it.
    await dialog.getByTestId('dialog-submit').click();
    await expectText(dialog.locator('.field-error'), 'Vui lòng nhập thông tin này.');
    await expectAttribute(dialog.getByTestId('dialog-message'), 'aria-invalid', 'true');
    await dialog.getByTestId('dialog-message').fill(REMINDER);
    await screenshot(page, 'department-02-remind');
    await dialog.getByTestId('dialog-submit').click();

    await expectText(board().getByTestId('notice'), 'Đã thực hiện: Đôn đốc.');
    // Focus returns to the menu that opened the dialog.
    await expect.poll(focusedInBoard).toBe(`Thao tác với hồ sơ ${overdueId}`);
    const after = await eventually(
      () => read(overdueId),
      (v) => v.timeline.some((e) => e.type === 'remind'),
    );
    const entry = after.timeline.find((e) => e.type === 'remind');
    expect(entry?.actor?.sub).toBe(SUPERVISOR);
    expect(JSON.stringify(entry)).toContain(REMINDER);
  });

  it('3. the supervisor reads the statistics and a chart’s data table', async () => {
    // The first statistics load is held until the supervisor has typed the minimum: a load finishing while
    // they type must not put the default back over their number (it once did, and the ranking stayed empty).
    let typed!: () => void;
    const minimumTyped = new Promise<void>((resolve) => (typed = resolve));
    const firstLoad = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/statistics/agencies',
    );
    await page.route('**/api/v1/statistics/agencies?**', async (route) => {
      await Promise.race([minimumTyped, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await route.continue();
    });
    await page.locator('a[data-panel-link=stats]').click();
    const stats = page.locator('pl-agency-stats');
    await expectText(stats.locator('h2'), 'Mức độ đáp ứng của cơ quan');
    // Two requests are fewer than the default minimum: rank from one contact up.
    const minimum = stats.locator('input[name=minimumN]');
    await minimum.fill('1');
    typed();
    await firstLoad;
    await page.unroute('**/api/v1/statistics/agencies?**');
    await expectText(stats.getByTestId('stats-table').locator('caption'), 'Số liệu từng cơ quan');
    expect(await minimum.inputValue()).toBe('1');
    await stats.getByTestId('stats-apply').click();
    const health = stats.locator('[data-testid=stats-row][data-agency-id=qt-so-yte]');
    await expectText(health.locator('td').first(), '2');
    await expectText(stats.getByTestId('stats-table').locator('caption'), 'Số liệu từng cơ quan');
    // The ranking and charts load their own code on first show: slower than the table on a loaded machine.
    await expectText(stats.getByTestId('ranking'), 'Sở Y tế', 30_000);
    const chart = stats.getByTestId('trend-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain('Biểu đồ đường');
    const data = stats.getByTestId('trend-data');
    await data.locator('summary').click();
    await expectText(data.locator('caption'), 'Tỷ lệ trả lời đúng hạn theo tháng');
    await expectText(data.locator('thead'), 'Sở Y tế');
    await expectText(data.locator('tbody'), '100,0%');
    await stats.getByTestId('distribution-chart').waitFor();
    await expectAccessible(stats);
    await screenshot(page, 'department-03-statistics');
  });

  it('4. the auditor sees the same board and no action anywhere', async () => {
    await page.locator('a[data-panel-link=board]').click();
    await switchUser(page, AUDITOR);
    await expectText(page.locator('#demo-user-name'), 'Lê Thị Thu Trang');
    const r = row(overdueId);
    await expectText(r, SUBJECT);
    await expectText(r.locator('.actions-cell'), 'Chỉ xem');
    expect(await board().getByTestId('action-menu').count()).toBe(0);
    expect(await board().getByTestId('bulk-remind').count()).toBe(0);
    // Acting is refused by the API too, not only hidden.
    const refused = await stack.h.call('POST', `/contacts/${overdueId}/actions/remind`, {
      as: AUDITOR,
      headers: { 'idempotency-key': 'auditor-tries-1' },
      body: { message: REMINDER },
    });
    // 409 names what the auditor may do here (nothing); either way nothing happened.
    expect([403, 409]).toContain(refused.status);
    await r.getByTestId('board-open').click();
    const contact = page.locator('#contact-panel pl-contact');
    await contact.getByTestId('no-actions').waitFor();
    await screenshot(page, 'department-04-auditor');
    expect(stack.pageErrors).toEqual([]);
  });
});
