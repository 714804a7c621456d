// Issue 6: after `kill -9` of `npm start`'s node process, the Temporal dev server it had started kept
// running, and the next `npm start` stopped with "Port … is already in use". The next start must recover by
// itself and find the same data (Temporal's SQLite file, PGlite under the data folder, the dev signing key);
// Ctrl-C must leave no dev server behind.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import {
  devServerRecordFile,
  devToken,
  freePort,
  startProduct,
  stopLeftoverDevServer,
  type ProductProcess,
  type ProductSettings,
} from '../../scripts/product-process.ts';
import { isRunning, readRecord } from '../../server/dev-server-record.ts';
import { portOpen } from '../../server/temporal-dev-server.ts';

const REPORTER = 'pv-nguyen-van-an';
const REQUEST = {
  kind: 'information_request',
  agencyId: 'qt-so-yte',
  subject: 'Số liệu tiêm chủng sau sự cố',
  question: 'Xin cung cấp số liệu tiêm chủng mở rộng quý IV năm 2026.',
};

let settings: ProductSettings;
const started: ProductProcess[] = [];

beforeAll(async () => {
  settings = {
    dataDir: await mkdtemp(path.join(tmpdir(), 'pl-restart-')),
    port: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
  };
});

afterAll(async () => {
  // Whatever happened above, leave no product and no dev server running.
  for (const product of started) await product.kill9();
  if (settings) {
    await stopLeftoverDevServer(settings.dataDir);
    await rm(settings.dataDir, { recursive: true, force: true });
  }
}, 60_000);

async function start(): Promise<ProductProcess> {
  const product = await startProduct(settings);
  started.push(product);
  return product;
}

async function create(api: string, token: string, key: string): Promise<Response> {
  return fetch(`${api}/contacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(REQUEST),
  });
}

describe('npm start after a crash', () => {
  it('comes back after kill -9 with its data, and Ctrl-C leaves no dev server running', async () => {
    const first = await start();
    const firstRecord = await readRecord(devServerRecordFile(settings.dataDir));
    expect(firstRecord?.ownerPid).toBe(first.pid);
    const token = await devToken(first.api, REPORTER, ['journalist']);
    const response = await create(first.api, token, 'restart-after-crash-0001');
    const created = (await response.json()) as ContactView;
    expect(response.status, JSON.stringify(created)).toBe(201);

    expect((await first.kill9()).signal).toBe('SIGKILL');

    const second = await start();
    expect(second.output()).toContain('Press Liaison is running');
    // The token was signed with the key kept in the data folder, so it still works; the contact is there.
    const seen = await fetch(`${second.api}/contacts/${created.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as ContactView).subject).toBe(REQUEST.subject);
    // The same Idempotency-Key after the crash names the same contact and opens no second one.
    const retried = await create(second.api, token, 'restart-after-crash-0001');
    expect(retried.status).toBe(201);
    expect(((await retried.json()) as ContactView).id).toBe(created.id);
    const list = await fetch(`${second.api}/contacts?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([created.id]);

    const secondRecord = await readRecord(devServerRecordFile(settings.dataDir));
    expect(secondRecord?.ownerPid).toBe(second.pid);
    expect(secondRecord?.pid).not.toBe(firstRecord?.pid);
    expect(await isRunning(firstRecord!.pid)).toBe(false);

    const exit = await second.stop('SIGINT');
    expect(exit, second.output()).toEqual({ code: 0, signal: null });
    expect(await isRunning(secondRecord!.pid)).toBe(false);
    expect(await portOpen(settings.temporalPort)).toBe(false);
    expect(await portOpen(settings.temporalUiPort)).toBe(false);
    expect(existsSync(devServerRecordFile(settings.dataDir))).toBe(false);
  }, 480_000);
});
