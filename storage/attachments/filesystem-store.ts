/**
 * @module
 * Attachment content on the file system: `<root>/<aa>/<bb>/<sha256>`, written to a temporary file in
 * `<root>/tmp` (same file system), flushed to disk, then renamed into place — so a reader sees the whole
 * file or none, and a crash leaves at most a stray temporary file, never a partial attachment.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Em } from '../../db/orm.ts';
import {
  assertSha256,
  isReferenced,
  lockContent,
  type AttachmentStore,
  type StoredContent,
} from './store.ts';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Flushes a directory's entries (the rename) to disk; some platforms cannot, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EISDIR/EPERM on platforms without directory fsync.
  } finally {
    await handle.close();
  }
}

export class FilesystemAttachmentStore implements AttachmentStore {
  readonly kind = 'filesystem';
  /** The folder holding the content (`DATA_DIR/attachments` by default). */
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Where the content with this hash lives. */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(_em: Em, { sha256, bytes }: StoredContent): Promise<void> {
    const target = this.pathOf(sha256);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === bytes.length) return;
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${randomUUID()}.part`);
    try {
      const handle = await open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    await syncDirectory(path.dirname(target));
  }

  async get(_em: Em, sha256: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(sha256)));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(_em: Em, sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => undefined))?.isFile() ?? false;
  }

  async release(em: Em, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    await em.transactional(async (tx) => {
      await lockContent(tx, sha256);
      if (!(await isReferenced(tx, sha256))) await rm(target, { force: true });
    });
  }
}
