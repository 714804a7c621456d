// The attachment content stores, on their own: both keep content by SHA-256 and give it back whole; an
// upload whose metadata row fails after the content was stored leaves no content behind (unless another
// attachment shares it) and no temporary file; altered or missing content is never served; and
// ATTACHMENT_STORE / ATTACHMENT_MAX_BYTES / ATTACHMENTS_PER_CONTACT are read and checked at start.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../domain/attachments/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';
import { loadConfig } from '../../server/config.ts';
import {
  addAttachment,
  FilesystemAttachmentStore,
  openAttachmentStore,
  PostgresqlAttachmentStore,
  readAttachmentContent,
  sha256Hex,
  type AttachmentStore,
  type NewAttachment,
} from '../../storage/attachments/index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
let db: ScratchDatabase;
let root: string;

beforeAll(async () => {
  db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_test');
  root = await mkdtemp(path.join(os.tmpdir(), 'pl-attachment-store-'));
});
afterAll(async () => {
  await db?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

let serial = 0;
const newAttachment = (bytes: Uint8Array, overrides: Partial<NewAttachment> = {}): NewAttachment => ({
  contactId: `YC-STORE-${++serial}`,
  name: 'ghi-chu.txt',
  type: 'text/plain; charset=utf-8',
  bytes,
  by: { sub: 'pv-nguyen-van-an', name: 'Nguyễn Văn An' },
  at: Date.UTC(2026, 11, 2, 3),
  limits: DEFAULT_ATTACHMENT_LIMITS,
  ...overrides,
});

describe.each([
  ['postgresql', () => new PostgresqlAttachmentStore()],
  ['filesystem', () => new FilesystemAttachmentStore(path.join(root, 'fs'))],
] as const)('the %s store', (_kind, makeStore) => {
  let store: AttachmentStore;
  beforeAll(() => {
    store = makeStore();
  });
  const em = () => db.orm.em.fork();

  it('gives back what it stored, keyed by SHA-256; storing twice is harmless', async () => {
    const bytes = utf8(`Nội dung ${Math.random()}`);
    const sha256 = sha256Hex(bytes);
    expect(await store.get(em(), sha256)).toBeUndefined();
    await em().transactional((tx) => store.put(tx, { sha256, bytes }));
    await em().transactional((tx) => store.put(tx, { sha256, bytes }));
    expect(await store.get(em(), sha256)).toEqual(bytes);
    expect(await store.has(em(), sha256)).toBe(true);
    await expect(store.get(em(), '../../etc/passwd')).rejects.toThrow(/SHA-256/);
  });

  it('leaves no content when the metadata row cannot be written, but keeps content another attachment uses', async () => {
    const lonely = utf8(`Chỉ một lần ${Math.random()}`);
    // A name longer than its column: the insert fails after the content was stored.
    const failing = newAttachment(lonely, { name: 'x'.repeat(300) });
    await expect(addAttachment(em(), store, failing)).rejects.toThrow();
    expect(await store.has(em(), sha256Hex(lonely))).toBe(false);

    const shared = utf8(`Dùng chung ${Math.random()}`);
    const kept = await addAttachment(em(), store, newAttachment(shared));
    await expect(
      addAttachment(em(), store, newAttachment(shared, { name: 'y'.repeat(300) })),
    ).rejects.toThrow();
    expect(await readAttachmentContent(em(), store, kept)).toEqual(shared);
  });

  it('refuses to serve content that is missing or does not match its hash', async () => {
    const bytes = utf8(`Sẽ bị sửa ${Math.random()}`);
    const record = await addAttachment(em(), store, newAttachment(bytes));
    if (store instanceof FilesystemAttachmentStore) {
      await writeFile(store.pathOf(record.sha256), 'altered');
    } else {
      await em().execute('update attachment_content set bytes = ? where sha256 = ?', [
        Buffer.from('altered'),
        record.sha256,
      ]);
    }
    await expect(readAttachmentContent(em(), store, record)).rejects.toThrow(/does not match/);
    const missing = { ...record, sha256: sha256Hex(utf8(`không có ${Math.random()}`)) };
    await expect(readAttachmentContent(em(), store, missing)).rejects.toThrow(/missing/);
  });
});

describe('the file-system store', () => {
  it('lays content out by hash and leaves no temporary file', async () => {
    const store = openAttachmentStore('filesystem', path.join(root, 'data'));
    expect(store).toBeInstanceOf(FilesystemAttachmentStore);
    const fs = store as FilesystemAttachmentStore;
    expect(fs.root).toBe(path.join(root, 'data', 'attachments'));
    const bytes = utf8('Tệp trên đĩa');
    const sha256 = sha256Hex(bytes);
    await fs.put(db.orm.em.fork(), { sha256, bytes });
    expect(fs.pathOf(sha256)).toBe(path.join(fs.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256));
    expect(await readdir(path.join(fs.root, 'tmp'))).toEqual([]);
    expect(openAttachmentStore('postgresql', root)).toBeInstanceOf(PostgresqlAttachmentStore);
  });
});

describe('configuration', () => {
  it('defaults to the file system, 10 MB and 20 per contact', () => {
    expect(loadConfig({}).attachments).toEqual({
      store: 'filesystem',
      limits: { maxBytes: 10 * 1024 * 1024, maxPerContact: 20 },
    });
  });

  it('reads the store and the limits, and refuses nonsense', () => {
    expect(
      loadConfig({
        ATTACHMENT_STORE: 'postgresql',
        ATTACHMENT_MAX_BYTES: '1048576',
        ATTACHMENTS_PER_CONTACT: '5',
      }).attachments,
    ).toEqual({ store: 'postgresql', limits: { maxBytes: 1048576, maxPerContact: 5 } });
    expect(() => loadConfig({ ATTACHMENT_STORE: 's3' })).toThrow(/ATTACHMENT_STORE/);
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '10MB' })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(() => loadConfig({ ATTACHMENTS_PER_CONTACT: '0' })).toThrow(/ATTACHMENTS_PER_CONTACT/);
  });
});
