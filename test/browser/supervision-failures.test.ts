// Regression (review of the department's widgets): the board and the reports must survive failures. A failed
// progress check once stopped a bulk reminder's or a report's progress for good (the bar frozen, "creating…"
// forever, the bulk button disabled until reload, a "retry" that retried something else); an action's answer
// could land in a dialog that was gone, or close another row's dialog and lose what was typed in it; the
// agency filter kept the old province's agencies when a central user changed `province-id`; a failed report
// showed the workflow's English technical message; and the board said "Workflow task" in English.
// The network is made to fail with `page.route` (the API and its jobs are the real ones).
import type { Locator, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { eventually, expectJson, openRequest, USERS } from '../support/api-helpers.ts';
import { durationRule, PROVINCE_RULES } from '../support/rules.ts';
import { expectAttribute, expectText, startStack, switchUser, type Stack } from './support.ts';

const SUPERVISOR = USERS.supervisor;
const REMINDER = 'Đề nghị các cơ quan trả lời ngay các yêu cầu quá hạn.';
/** The job polls: `/reminders/bulk/{id}` and `/reports/{id}` (not the POSTs, the list or the files). */
const BULK_POLL = '**/api/v1/reminders/bulk/*';
const REPORT_POLL = '**/api/v1/reports/*';
const REPORT_LIST = '**/api/v1/reports?**';
const REMIND = '**/api/v1/contacts/*/actions/remind';

let stack: Stack;
let page: Page;
const overdue: string[] = [];

const read = async (id: string) =>
  expectJson<ContactView>(await stack.h.call('GET', `/contacts/${id}`, { as: SUPERVISOR }), 200);

/** A problem answer as a proxy or a busy API would give it. */
const problem = (status: number) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ status, code: `http_${status}`, title: 'Unavailable' }),
});

beforeAll(async () => {
  stack = await startStack({ officeHours: 'always' });
  const h = stack.h;
  // First responses due two seconds after submission: the requests below are overdue within seconds.
  await expectJson(
    await h.call('PUT', PROVINCE_RULES, {
      as: USERS.admin,
      body: {
        items: [
          durationRule('information_request', 'first_response', 'PT2S', 'PT1S', 'PT1H'),
          durationRule('information_request', 'answer', 'PT1H', 'PT10M', 'PT1H'),
        ],
      },
    }),
    200,
  );
  overdue.push((await openRequest(h, { subject: 'Sạt lở bờ sông Thạch Hãn' })).id);
  overdue.push((await openRequest(h, { agencyId: 'qt-so-xay-dung', subject: 'Cầu Đông Hà xuống cấp' })).id);
  for (const id of overdue)
    await eventually(
      () => read(id),
      (v) => v.overdue,
    );
  page = await stack.context.newPage();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

let signedIn = false;
/** Shows `panel` of the department's page, signed in as the supervisor the first time (tests run alone too). */
async function show(panel: 'board' | 'reports'): Promise<void> {
  if (!signedIn) {
    await page.goto(`${stack.baseUrl}/demo/department.html`);
    await switchUser(page, SUPERVISOR);
    signedIn = true;
  }
  await page.locator(`a[data-panel-link=${panel}]`).click();
}

const board = () => page.locator('pl-supervisor-board');
const row = (id: string): Locator => board().locator(`[data-testid=board-row][data-contact-id="${id}"]`);
const dialog = () => board().getByTestId('board-dialog');
/** What the tests use of a `<dialog>` and of an element (the tests' own types have no DOM). */
type DialogLike = { open: boolean; close(): void };
type ElementLike = { setAttribute(name: string, value: string): void };
const isOpen = () => dialog().evaluate((d) => (d as unknown as DialogLike).open);
const forceClose = () => dialog().evaluate((d) => (d as unknown as DialogLike).close());
const watchProvince = (id: string) =>
  board().evaluate((b, p) => (b as unknown as ElementLike).setAttribute('province-id', p), id);

/** Routes `pattern`'s GETs through `handle` (everything else goes on). */
async function onGet(pattern: string, handle: (route: Route) => Promise<void>): Promise<void> {
  await page.route(pattern, (route) =>
    route.request().method() === 'GET' ? handle(route) : route.fallback(),
  );
}

/** Starts a bulk reminder from the board's button and its dialog. */
async function startBulk(): Promise<void> {
  await board().getByTestId('bulk-remind').click();
  await expectAttribute(dialog(), 'data-mode', 'bulk');
  await dialog().getByTestId('dialog-message').fill(REMINDER);
  await dialog().getByTestId('dialog-submit').click();
}

/**
 * Holds the next remind request until `release` says what becomes of it (it fails as if the network dropped,
 * or goes on to the API); `sent` says when it has been sent.
 */
async function holdRemind(): Promise<{
  sent: Promise<Request>;
  release: (how: 'fail' | 'pass') => Promise<void>;
}> {
  let decide!: (how: 'fail' | 'pass') => void;
  const decided = new Promise<'fail' | 'pass'>((resolve) => (decide = resolve));
  let sent!: (r: Request) => void;
  const seen = new Promise<Request>((resolve) => (sent = resolve));
  let handled!: () => void;
  const done = new Promise<void>((resolve) => (handled = resolve));
  let held = false;
  await page.route(REMIND, async (route) => {
    if (held) return route.fallback();
    held = true;
    sent(route.request());
    if ((await decided) === 'fail') await route.abort('failed');
    else await route.continue();
    handled();
  });
  const release = async (how: 'fail' | 'pass') => {
    decide(how);
    await done;
    await page.unroute(REMIND);
  };
  return { sent: seen, release };
}

async function openRemind(id: string, text: string): Promise<void> {
  const r = row(id);
  await r.locator('[data-testid=action-menu] summary').click();
  await r.getByTestId('action-remind').click();
  await expectAttribute(dialog(), 'data-mode', 'remind');
  await expectText(dialog().locator('h3'), id);
  await dialog().getByTestId('dialog-message').fill(text);
}

describe('the board', () => {
  it('keeps following a bulk reminder through failed progress checks', async () => {
    await show('board');
    await expectText(row(overdue[0]!), 'Sạt lở');
    // The first two checks get no answer: a network blip, then a busy proxy.
    const failures: number[] = [];
    await onGet(BULK_POLL, async (route) => {
      if (failures.length >= 2) return route.fallback();
      failures.push(Date.now());
      return failures.length === 1 ? route.abort('failed') : route.fulfill(problem(503));
    });
    await startBulk();
    await expectText(board().getByTestId('bulk-status'), 'Đã gửi 2 văn bản đôn đốc.', 40_000);
    expect(failures).toHaveLength(2);
    // The letters name their agencies.
    await expectText(board().getByTestId('bulk-letters'), 'Sở Y tế tỉnh Quảng Trị');
    await expectText(board().getByTestId('bulk-letters'), 'Sở Xây dựng tỉnh Quảng Trị');
    expect(await board().getByTestId('bulk-remind').isEnabled()).toBe(true);
    expect(await board().getByTestId('bulk').getByTestId('error').count()).toBe(0);
    await page.unroute(BULK_POLL);
    // The agency filter lists the province's agencies from the first load on.
    const agencies = board().getByTestId('filter-agencyId');
    await expect.poll(() => agencies.locator('option[value="qt-so-yte"]').count()).toBe(1);
    expect(await agencies.locator('option[value="hue-so-yte"]').count()).toBe(0);
  });

  it('gives up after failed checks in a row, says so, frees the button, and "Thử lại" resumes', async () => {
    await show('board');
    const checks: number[] = [];
    await onGet(BULK_POLL, async (route) => {
      checks.push(Date.now());
      await route.abort('failed');
    });
    await startBulk();
    const bulk = board().getByTestId('bulk');
    // Five failed checks with growing pauses (about 25 s), then it stops asking.
    await expectText(bulk.getByTestId('error'), 'Không kết nối được với máy chủ', 60_000);
    await expectText(board().getByTestId('bulk-status'), 'Chưa cập nhật được tiến độ đôn đốc');
    expect(await bulk.locator('progress').count()).toBe(0);
    expect(checks).toHaveLength(5);
    const pauses = checks.slice(1).map((at, i) => at - checks[i]!);
    expect(pauses[3]!).toBeGreaterThan(pauses[0]! * 2);
    expect(await board().getByTestId('bulk-remind').isEnabled()).toBe(true);
    await page.waitForTimeout(2500);
    expect(checks).toHaveLength(5);

    await page.unroute(BULK_POLL);
    await bulk.getByRole('button', { name: 'Thử lại' }).click();
    await expectText(board().getByTestId('bulk-status'), 'văn bản đôn đốc.', 30_000);
    expect(await bulk.getByTestId('error').count()).toBe(0);
    expect(await board().getByTestId('bulk-remind').isEnabled()).toBe(true);
  }, 150_000);

  it('keeps an action’s dialog open while it is sent, and shows its failure there', async () => {
    await show('board');
    const held = await holdRemind();
    await openRemind(overdue[0]!, 'Đề nghị trả lời trong ngày.');
    await dialog().getByTestId('dialog-submit').click();
    await held.sent;
    // Neither Cancel nor Escape closes it while the request is on its way.
    expect(await dialog().getByTestId('dialog-cancel').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(await isOpen()).toBe(true);
    await held.release('fail');
    await expectText(dialog().getByTestId('dialog-error'), 'Không kết nối được với máy chủ');
    expect(await isOpen()).toBe(true);
    expect(await dialog().getByTestId('dialog-cancel').isEnabled()).toBe(true);
    await dialog().getByTestId('dialog-cancel').click();
    await expect.poll(isOpen).toBe(false);
  });

  it('shows the failure on the board when the dialog was closed anyway', async () => {
    await show('board');
    const held = await holdRemind();
    await openRemind(overdue[0]!, 'Đề nghị trả lời trong ngày.');
    await dialog().getByTestId('dialog-submit').click();
    await held.sent;
    // Chromium closes a modal dialog on a second Escape whatever the page says (its close-watcher rules).
    await forceClose();
    await held.release('fail');
    await expectText(board().getByTestId('action-error'), 'Đôn đốc');
    await expectText(board().getByTestId('action-error'), 'Không kết nối được với máy chủ');
  });

  it('does not close another row’s dialog when an earlier action succeeds', async () => {
    await show('board');
    const held = await holdRemind();
    await openRemind(overdue[0]!, 'Đề nghị trả lời trong ngày.');
    await dialog().getByTestId('dialog-submit').click();
    await held.sent;
    await forceClose();
    // Opening another dialog clears the failure said on the board.
    const typed = 'Đề nghị Sở Xây dựng báo cáo tiến độ sửa cầu.';
    await openRemind(overdue[1]!, typed);
    expect(await board().getByTestId('action-error').count()).toBe(0);
    await held.release('pass');
    await expectText(board().getByTestId('notice'), 'Đã thực hiện: Đôn đốc.');
    await eventually(
      () => read(overdue[0]!),
      (v) => v.timeline.some((e) => e.type === 'remind' && JSON.stringify(e).includes('trong ngày')),
    );
    expect(await isOpen()).toBe(true);
    await expectText(dialog().locator('h3'), overdue[1]!);
    expect(await dialog().getByTestId('dialog-message').inputValue()).toBe(typed);
    await dialog().getByTestId('dialog-cancel').click();
    await expect.poll(isOpen).toBe(false);
  });

  it('names a workflow task’s failing attempts in Vietnamese', async () => {
    await show('board');
    // A workflow whose own code keeps failing cannot be made in a test: its health is added to a real answer.
    await page.route('**/api/v1/board?**', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: Record<string, unknown>[] };
      for (const item of body.items)
        item['health'] = { pendingActivities: [], workflowTaskAttempt: 3, delayedEvents: 0 };
      await route.fulfill({ response, json: body });
    });
    await board().getByTestId('sort-age').click();
    const health = row(overdue[0]!).getByTestId('health');
    await health.locator('summary').click();
    await expectText(health, 'Tác vụ workflow: thử lần 3');
    expect((await health.textContent()) ?? '').not.toContain('Workflow task');
    await page.unroute('**/api/v1/board?**');
    await board().getByTestId('sort-dueAt').click();
    await expect.poll(() => row(overdue[0]!).getByTestId('health').count()).toBe(0);
  });

  it('lists the agencies of the province a central user switches to', async () => {
    await show('board');
    await switchUser(page, USERS.nationalAuditor);
    const agency = board().getByTestId('filter-agencyId');
    await expect.poll(() => agency.locator('option[value="qt-so-yte"]').count()).toBe(1);
    await agency.selectOption('qt-so-yte');
    await expect.poll(() => row(overdue[1]!).count()).toBe(0);
    await expectText(row(overdue[0]!), 'Sạt lở');

    const reloaded = page.waitForRequest((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/v1/board' && url.searchParams.get('provinceId') === 'hue';
    });
    await watchProvince('hue');
    const query = new URL((await reloaded).url()).searchParams;
    // The old province's agency no longer filters (it would match nothing in Huế).
    expect(query.get('agencyId')).toBeNull();
    await expect.poll(() => agency.locator('option[value="hue-so-yte"]').count()).toBe(1);
    expect(await agency.locator('option[value="qt-so-yte"]').count()).toBe(0);
    expect(await agency.inputValue()).toBe('');

    await watchProvince('quang-tri');
    await expect.poll(() => agency.locator('option[value="qt-so-yte"]').count()).toBe(1);
    await expectText(row(overdue[1]!), 'Cầu Đông Hà');
    await switchUser(page, SUPERVISOR);
  });
});

describe('the reports', () => {
  const reports = () => page.locator('pl-reports');
  const status = () => reports().getByTestId('report-status');

  it('keep following a report through failed progress checks', async () => {
    await show('reports');
    await expectText(reports().locator('h2'), 'Báo cáo định kỳ');
    let failures = 0;
    await onGet(REPORT_POLL, async (route) => {
      if (failures >= 2) return route.fallback();
      failures++;
      return failures === 1 ? route.abort('failed') : route.fulfill(problem(503));
    });
    await reports().getByTestId('report-create').click();
    await expectText(status(), 'đã sẵn sàng', 40_000);
    expect(failures).toBe(2);
    await reports().getByTestId('report-download').waitFor();
    expect(await reports().getByTestId('error').count()).toBe(0);
    await page.unroute(REPORT_POLL);
  });

  it('stop saying "creating" once checks fail for good, and "Thử lại" resumes them', async () => {
    await show('reports');
    await onGet(REPORT_POLL, (route) => route.fulfill(problem(500)));
    await reports().getByTestId('report-create').click();
    const error = reports().getByTestId('error');
    await expectText(error, 'Đã có lỗi xảy ra');
    await expectText(status(), 'Chưa cập nhật được tiến độ');
    expect((await status().textContent()) ?? '').not.toContain('Đang tạo báo cáo');
    expect(await reports().locator('progress').count()).toBe(0);
    expect(await reports().getByTestId('report-create').isEnabled()).toBe(true);

    await page.unroute(REPORT_POLL);
    // The recent list fails to load once the report is done: its own error, with its own "retry".
    let listFailed = false;
    await onGet(REPORT_LIST, async (route) => {
      if (listFailed) return route.fallback();
      listFailed = true;
      await route.fulfill(problem(503));
    });
    await error.getByRole('button', { name: 'Thử lại' }).click();
    await expectText(status(), 'đã sẵn sàng', 30_000);
    await expect.poll(() => listFailed).toBe(true);
    await expectText(error, 'Hệ thống đang bận');
    await page.unroute(REPORT_LIST);
    const before = await reports().locator('[data-testid=recent-reports] tbody tr').count();
    await error.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => reports().getByTestId('error').count()).toBe(0);
    expect(await reports().locator('[data-testid=recent-reports] tbody tr').count()).toBeGreaterThan(before);
  });

  it('say in Vietnamese that a report failed, the workflow’s message only as detail', async () => {
    await show('reports');
    // The job fails for real: its workflow finds a period it cannot read (written while no worker runs).
    await stack.h.stopWorker();
    try {
      const created = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/v1/reports' && r.request().method() === 'POST',
      );
      await reports().getByTestId('report-create').click();
      const job = (await (await created).json()) as { id: string };
      await stack.h.orm.em
        .fork()
        .execute(`update supervision_job set params = jsonb_set(params, '{period}', '"1999"') where id = ?`, [
          job.id,
        ]);
    } finally {
      await stack.h.startWorker();
    }
    await expectText(status(), 'Không tạo được báo cáo.', 40_000);
    expect((await status().textContent()) ?? '').not.toContain('period');
    const detail = reports().getByTestId('report-error-detail');
    await expectText(detail.locator('summary'), 'Chi tiết kỹ thuật');
    await expectText(detail, 'The period is not valid.');
    expect(await reports().getByTestId('report-create').isEnabled()).toBe(true);
    expect(stack.pageErrors).toEqual([]);
  });
});
