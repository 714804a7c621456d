// The IOffice administration panel (issue 11) in Chromium on the real API, worker, Temporal and database: the
// province administrator adds a deadline rule from today and sees it in force as the province's; editing it
// into the past is refused with the server's message at the field; then the central administrator (the holidays
// are national) confirms the current year with an extra day off on the next working day, watches the open
// contacts' deadlines being counted again to the end, and finds the change in the year's audit. Screenshots go
// to test-results/browser/.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, nextWorkingDay, OFFICIAL_SCHEDULES, toLocalDate } from '../../domain/calendar/index.ts';
import { expectJson, openRequest, USERS } from '../support/api-helpers.ts';
import {
  expectAccessible,
  expectAttribute,
  expectText,
  screenshot,
  startStack,
  switchUser,
  type Stack,
} from './support.ts';

let stack: Stack;
let page: Page;
const today = toLocalDate(Date.now());
const year = Number(today.slice(0, 4));
/** `today` as the widgets write dates: day/month/year. */
const todayShown = today.split('-').reverse().join('/');

beforeAll(async () => {
  stack = await startStack();
  page = await stack.context.newPage();
});

afterAll(async () => {
  await stack?.close();
});

const rules = () => page.locator('pl-rules-admin');
/** Sets (or with `null` removes) the rules widget's `province-id`, as a host page would. */
const setProvince = (id: string | null) =>
  page.evaluate(
    id === null
      ? `document.querySelector('pl-rules-admin').removeAttribute('province-id')`
      : `document.querySelector('pl-rules-admin').setAttribute('province-id', ${JSON.stringify(id)})`,
  );
const calendar = () => page.locator('pl-calendar-admin');

describe('the administration panel', () => {
  it('1. the province administrator adds a rule from today and sees it in force as the province’s', async () => {
    await page.goto(`${stack.baseUrl}/demo/ioffice.html#quan-tri`);
    await switchUser(page, USERS.admin);
    await expect.poll(() => page.locator('a[data-panel-link=administration]').isVisible()).toBe(true);
    const answer = rules().locator(
      '[data-testid=in-force-row][data-kind=information_request][data-clock=answer]',
    );
    await expectAttribute(answer, 'data-source', 'default', 15_000);
    await rules().getByTestId('rule-add').click();
    const form = rules().getByTestId('rule-form');
    await form.getByTestId('rule-kind').selectOption('information_request');
    await form.getByTestId('rule-clock').selectOption('answer');
    await form.getByTestId('rule-spanUnit').selectOption('working_days');
    await form.getByTestId('rule-span').fill('3');
    expect(await form.getByTestId('rule-effectiveFrom').inputValue()).toBe(today);
    await expectAccessible(rules());
    await form.getByTestId('rule-save').click();
    await expectText(rules().getByTestId('rules-status'), 'Đã lưu quy định thời hạn.');
    await expectAttribute(answer, 'data-source', 'province');
    await expectText(answer.getByTestId('span'), '3 ngày làm việc');
    await expectText(answer.getByTestId('source'), 'Của tỉnh');
    // Dates read day/month/year, on screen and in the buttons' names.
    await expectText(answer, `từ ${todayShown}`);
    expect(await answer.textContent()).not.toContain(today);
    const own = rules().locator('[data-testid=rule-row][data-kind=information_request][data-clock=answer]');
    expect(await own.getByTestId('rule-edit').getAttribute('aria-label')).toMatch(
      new RegExp(`^Sửa quy định .* từ ${todayShown}$`),
    );
    await page.getByTestId('lang-toggle').click();
    await expectText(answer, `from ${todayShown}`);
    await page.getByTestId('lang-toggle').click();
    await expectText(answer, `từ ${todayShown}`);
    await screenshot(page, 'admin-settings-01-rule-saved');
  });

  it('2. a rule edited into the past is refused with the server’s message at the field', async () => {
    const row = rules().locator(`[data-testid=rule-row][data-kind=information_request][data-clock=answer]`);
    await row.getByTestId('rule-edit').click();
    const form = rules().getByTestId('rule-form');
    await form.getByTestId('rule-effectiveFrom').fill(addDays(today, -1));
    await form.getByTestId('rule-save').click();
    const error = form.locator('[data-testid=field-error][data-field=effectiveFrom]');
    await expectText(error, `Quy định mới chỉ áp dụng từ hôm nay (${today}) trở đi.`);
    await expectAttribute(form.getByTestId('rule-effectiveFrom'), 'aria-invalid', 'true');
    await expectText(rules().getByTestId('rules-status'), 'Không lưu được');
    await screenshot(page, 'admin-settings-02-rule-refused');
    await form.getByTestId('rule-cancel').click();
    // Nothing changed on the server.
    const answer = rules().locator(
      '[data-testid=in-force-row][data-kind=information_request][data-clock=answer]',
    );
    await expectAttribute(answer, 'data-source', 'province');
  });

  it('3. the central administrator confirms the year with an extra day off and watches the recomputation', async () => {
    // The calendar is national: a province's administrator may not confirm it (403 `central_admin_required`),
    // so the panel says who does instead of offering a button that would be refused.
    await expectText(calendar().getByTestId('central-only'), 'chỉ quản trị viên cấp trung ương xác nhận');
    expect(await calendar().getByTestId('confirm-year').count()).toBe(0);
    await switchUser(page, USERS.centralAdmin);
    await calendar().getByTestId('confirm-year').waitFor();
    expect(await calendar().getByTestId('central-only').count()).toBe(0);
    // An open contact whose first response falls due on the next working day: the day off moves it.
    await openRequest(stack.h, { subject: 'Lịch tiếp công dân cuối năm' });
    const official = OFFICIAL_SCHEDULES.filter((s) => s.year === year || s.year === year + 1);
    const next = nextWorkingDay({ schedules: official }, today);
    const extra = Number(next.slice(0, 4)) === year ? next : today;
    await expectText(calendar().locator('h2'), `Lịch làm việc năm ${year}`);
    await expectAccessible(calendar());
    await calendar().getByTestId('add-day-off').click();
    const rows = calendar().locator('[data-testid=daysOff] [data-testid=day-row]');
    const added = rows.last();
    await added.getByTestId('day-date').fill(extra);
    await added.getByTestId('day-kind').selectOption('extra_day_off');
    await added.getByTestId('day-name').fill('Nghỉ thêm theo thông báo của Chính phủ');
    await calendar().getByTestId('confirm-year').click();
    const progress = calendar().getByTestId('calendar-progress');
    await expectAttribute(progress, 'data-status', 'done', 30_000);
    const text = (await progress.getByTestId('progress-text').textContent()) ?? '';
    expect(text).toMatch(/Đã tính lại (\d+)\/\1 hồ sơ, \d+ hồ sơ đổi hạn/);
    const bar = progress.getByTestId('progressbar');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    await expectText(calendar().getByTestId('calendar-live'), 'Tính lại xong');
    await expectAttribute(calendar().getByTestId('calendar-status'), 'data-status', 'confirmed');
    const audit = calendar().locator('[data-testid=audit-row]').first();
    await expectAttribute(audit, 'data-status', 'done');
    await expectText(audit, 'Trịnh Minh Long');
    expect(
      await calendar()
        .locator(`[data-testid=day-row][data-date="${extra}"] [data-testid=day-name]`)
        .inputValue(),
    ).toBe('Nghỉ thêm theo thông báo của Chính phủ');
    await screenshot(page, 'admin-settings-03-calendar-confirmed');
  });

  it('4. pl-calendar-admin is accessible (named controls, live region) and the panel is hidden from other people', async () => {
    await expectAccessible(calendar());
    await switchUser(page, USERS.clerk);
    await expect.poll(() => page.locator('a[data-panel-link=administration]').isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('admin-only-note').isVisible()).toBe(true);
    expect(stack.pageErrors).toEqual([]);
  });

  it('5. a province’s rules answered late do not replace the next province’s, and saving goes to the province set', async () => {
    await switchUser(page, USERS.centralAdmin);
    await expect.poll(() => page.locator('a[data-panel-link=administration]').isVisible()).toBe(true);
    await expectText(rules().getByTestId('rules-scope'), 'mặc định toàn quốc', 15_000);
    // Quảng Trị's rules are held until Huế's are shown.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const quangTri = (url: URL) =>
      url.pathname === '/api/v1/deadline-rules' && url.searchParams.get('provinceId') === 'quang-tri';
    const hold = async (route: Route) => {
      if (route.request().method() !== 'GET') return route.continue();
      held();
      await released;
      await route.continue();
    };
    await page.route(quangTri, hold);
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/deadline-rules')) puts.push(r.url());
    });
    try {
      await setProvince('quang-tri');
      await isHeld;
      await setProvince('hue');
      await expectText(rules().getByTestId('rules-scope'), 'Phạm vi: tỉnh hue');
      const late = page.waitForEvent('requestfinished', (r) => quangTri(new URL(r.url())));
      release();
      await late;
      // Time for the late answer to reach the widget and be rendered, had it been taken.
      await page.waitForTimeout(500);
      await expectText(rules().getByTestId('rules-scope'), 'Phạm vi: tỉnh hue');
    } finally {
      await page.unroute(quangTri, hold);
    }

    await rules().getByTestId('rule-add').click();
    const form = rules().getByTestId('rule-form');
    await form.getByTestId('rule-kind').selectOption('information_request');
    await form.getByTestId('rule-clock').selectOption('answer');
    await form.getByTestId('rule-spanUnit').selectOption('working_days');
    await form.getByTestId('rule-span').fill('4');
    await form.getByTestId('rule-save').click();
    await expectText(rules().getByTestId('rules-status'), 'Đã lưu quy định thời hạn.');
    expect(puts.map((u) => new URL(u).searchParams.get('provinceId'))).toEqual(['hue']);
    // Saved as Huế's rule (4 working days), and Quảng Trị's rules are as they were (3 working days).
    const spans = async (province: string) =>
      (
        await expectJson<{ items: { provinceId?: string; span: unknown }[] }>(
          await stack.h.call('GET', `/deadline-rules?provinceId=${province}`, { as: USERS.centralAdmin }),
          200,
        )
      ).items.map((r) => [r.provinceId, r.span]);
    expect(await spans('hue')).toContainEqual(['hue', { unit: 'working_days', amount: 4 }]);
    expect(await spans('quang-tri')).toEqual([['quang-tri', { unit: 'working_days', amount: 3 }]]);
    await setProvince(null);
    expect(stack.pageErrors).toEqual([]);
  });
});
