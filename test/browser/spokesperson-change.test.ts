// Issue 3's end-to-end promise: a journalist finds a spokesperson on the portal by a name typed without
// diacritics; the agency head changes that spokesperson on the IOffice page; the change reaches the
// change feed (as the Ministry would read it) and the public directory.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, screenshot, startStack, switchUser, type Stack } from './support.ts';

let stack: Stack;
let portal: Page;
let ioffice: Page;

beforeAll(async () => {
  stack = await startStack();
  portal = await stack.context.newPage();
  ioffice = await stack.context.newPage();
});
afterAll(async () => stack?.close());

async function searchDirectory(text: string) {
  const dir = portal.locator('pl-spokesperson-directory');
  await dir.getByTestId('directory-q').fill(text);
  await dir.getByTestId('directory-submit').click();
  return dir;
}

describe('a spokesperson change, from IOffice to the feed and the directory', () => {
  it('the journalist finds the spokesperson without typing diacritics', async () => {
    await portal.goto(`${stack.baseUrl}/demo/portal.html`);
    await switchUser(portal, 'pv-nguyen-van-an');
    const dir = await searchDirectory('hoang minh duc');
    const entry = dir.locator('[data-testid=spokesperson][data-id=sp-qt-yte]');
    await expectText(entry.getByTestId('name'), 'Hoàng Minh Đức');
    await expectText(entry.getByTestId('phone'), '0232 3822 101');
  });

  it('the agency head changes the phone number on IOffice, and the feed and the directory show it', async () => {
    const { items: before } = (await (
      await stack.h.call('GET', '/spokespersons/changes?limit=1000', { as: 'admin-quang-tri' })
    ).json()) as { items: { id: number }[] };
    await ioffice.goto(`${stack.baseUrl}/demo/ioffice.html#nguoi-phat-ngon`);
    await switchUser(ioffice, 'yte-giam-doc');
    const admin = ioffice.locator('pl-registry-admin');
    const entry = admin.locator('[data-testid=registry-entry][data-id=sp-qt-yte]');
    await entry.getByTestId('edit').click();
    await entry.getByTestId('sp-phone').fill('0232 3999 888');
    await entry.getByTestId('sp-save').click();
    await expectText(admin.getByTestId('message'), 'Đã lưu thay đổi của Hoàng Minh Đức.');
    await screenshot(ioffice, 'change-01-head-edits-phone');

    const feed = (await (
      await stack.h.call('GET', '/spokespersons/changes?limit=1000', { as: 'vhttdl-giam-sat' })
    ).json()) as {
      items: {
        id: number;
        changeType: string;
        spokespersonId: string;
        actorSub?: string;
        snapshot: { phone: string };
      }[];
    };
    const newest = feed.items.at(-1);
    expect(feed.items.length).toBe(before.length + 1);
    expect(newest).toMatchObject({
      changeType: 'updated',
      spokespersonId: 'sp-qt-yte',
      snapshot: { phone: '0232 3999 888' },
    });

    const dir = await searchDirectory('hoang minh duc');
    await expectText(
      dir.locator('[data-testid=spokesperson][data-id=sp-qt-yte]').getByTestId('phone'),
      '0232 3999 888',
    );
    await screenshot(portal, 'change-02-directory-shows-new-phone');
    expect(stack.pageErrors).toEqual([]);
  });
});
