// Message threads in the widgets, on the real API, worker, Temporal and database: the reporter writes to the
// agency with a file from the portal, the clerk answers with a file and leaves an internal note from IOffice;
// files are chosen with the keyboard through the composer's file picker. The reporter sees the answer arrive
// live, never the internal note; the clerk sees both, the note marked as internal.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRequest } from '../support/api-helpers.ts';
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

const REPORTER = 'pv-nguyen-van-an';
const CLERK = 'yte-van-thu';
const QUESTION = 'Xin gửi kèm bảng số liệu; đề nghị Sở đối chiếu giúp.';
const ANSWER = 'Sở đã đối chiếu, số liệu khớp; gửi kèm công văn trả lời.';
const NOTE = 'Chờ giám đốc ký công văn trước khi gửi bản chính thức.';

let stack: Stack;
let portal: Page;
let ioffice: Page;
let contactId = '';

beforeAll(async () => {
  stack = await startStack();
  portal = await stack.context.newPage();
  ioffice = await stack.context.newPage();
  contactId = (await openRequest(stack.h, { subject: 'Số liệu tiêm chủng tháng 11' })).id;
});

afterAll(async () => {
  await stack?.close();
});

/** Writes `text` in the thread's composer, choosing `file` with the keyboard, and sends it with Enter. */
async function compose(
  page: Page,
  thread: Locator,
  text: string,
  file?: string,
  internal = false,
): Promise<void> {
  const composer = thread.getByTestId('composer');

  await composer.locator('textarea').fill(text);
  if (file) {
    const picker = composer.getByRole('button', { name: 'Đính kèm tệp' });
    await chooseFilesWithKeyboard(page, picker, [file]);
    await expectText(composer.getByTestId('composer-files'), path.basename(file));
  }
  if (internal) {
    await composer.getByTestId('internal-toggle').focus();
    await page.keyboard.press('Space');
  }
  await composer.locator('button[type=submit]').focus();
  await page.keyboard.press('Enter');
  await expectText(thread.getByTestId('thread-status'), 'Đã gửi tin nhắn.');
}

const messagesIn = (thread: Locator) => thread.getByTestId('thread-message');

/**
 * The composer's controls have accessible names and the thread a polite live region; the hidden file input is
 * opened by a named button.
 */
async function expectAccessibleComposer(thread: Locator, withInternal: boolean): Promise<void> {
  expect(await thread.getByRole('textbox', { name: 'Tin nhắn' }).count()).toBe(1);
  expect(await thread.getByRole('button', { name: 'Đính kèm tệp' }).count()).toBe(1);
  expect(await thread.getByRole('button', { name: 'Gửi' }).count()).toBe(1);
  expect(await thread.getByRole('checkbox', { name: 'Ghi chú nội bộ (nhà báo không thấy)' }).count()).toBe(
    withInternal ? 1 : 0,
  );
  await expectAccessible(thread);
}

describe('message threads in pl-contact', () => {
  it('1. the reporter writes to the agency with a file, from the portal', async () => {
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html`);
    await switchUser(ioffice, CLERK);
    await portal.goto(`${stack.baseUrl}/demo/portal.html`);
    await portal.bringToFront();
    await switchUser(portal, REPORTER);
    const row = portal.locator(`pl-my-contacts [data-testid=contact-row][data-contact-id="${contactId}"]`);
    await row.click();
    const thread = portal.locator('pl-my-contacts pl-contact pl-contact-thread');
    await expectText(thread.getByTestId('thread-empty'), 'Chưa có tin nhắn nào.');
    // The journalist is offered no internal note.
    await expectAccessibleComposer(thread, false);

    await compose(
      portal,
      thread,
      QUESTION,
      await textFile('bang-so-lieu.txt', 'Tháng 11: 1.204 mũi tiêm.\n'),
    );
    const mine = messagesIn(thread).first();
    await expectText(mine, QUESTION);
    await expectText(mine.getByTestId('message-attachments'), 'bang-so-lieu.txt');
    await screenshot(portal, 'messages-1-portal');
  });

  it('2. the clerk reads it in IOffice, answers with a file and leaves an internal note', async () => {
    await ioffice.bringToFront();
    const row = ioffice.locator(`pl-inbox [data-testid=contact-row][data-contact-id="${contactId}"]`);
    await row.click();
    const thread = ioffice.locator('pl-inbox pl-contact pl-contact-thread');
    const first = messagesIn(thread).first();
    await expectText(first, QUESTION);
    await expectText(first.getByTestId('message-attachments'), 'bang-so-lieu.txt');
    await expectAccessibleComposer(thread, true);

    await compose(ioffice, thread, ANSWER, await textFile('cong-van-tra-loi.txt', 'Công văn số 12/SYT.\n'));
    await compose(ioffice, thread, NOTE, undefined, true);
    await expect.poll(() => messagesIn(thread).count()).toBe(3);
    await expectText(messagesIn(thread).nth(1).getByTestId('message-attachments'), 'cong-van-tra-loi.txt');
    const note = messagesIn(thread).nth(2);
    await expectAttribute(note, 'data-internal', 'true');
    await expectText(note.locator('[part=internal-badge]'), 'Ghi chú nội bộ');
    await screenshot(ioffice, 'messages-2-ioffice');
  });

  it('3. the reporter sees the answer and its file arrive live, never the internal note', async () => {
    await portal.bringToFront();
    const thread = portal.locator('pl-my-contacts pl-contact pl-contact-thread');
    await expect.poll(() => messagesIn(thread).count(), { timeout: 10_000 }).toBe(2);
    const answer = messagesIn(thread).nth(1);
    await expectText(answer, ANSWER);
    await expectText(answer.getByTestId('message-attachments'), 'cong-van-tra-loi.txt');
    expect(await thread.locator('[data-internal]').count()).toBe(0);
    expect(await thread.textContent()).not.toContain(NOTE);

    const download = portal.waitForEvent('download');
    await answer.getByTestId('message-attachments').locator('button').focus();
    await portal.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe('cong-van-tra-loi.txt');
    expect(stack.pageErrors).toEqual([]);
  });
});
