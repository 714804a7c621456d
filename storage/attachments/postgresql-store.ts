/**
 * @module
 * Attachment content in the database (`attachment_content`, one `bytea` row per distinct content), written
 * in the same transaction as the attachment's metadata: both commit or neither. For deployments without a
 * shared, backed-up disk (several API processes on different machines).
 */
import type { Em } from '../../db/orm.ts';
import {
  assertSha256,
  isReferenced,
  lockContent,
  type AttachmentStore,
  type StoredContent,
} from './store.ts';

export class PostgresqlAttachmentStore implements AttachmentStore {
  readonly kind = 'postgresql';

  async put(em: Em, { sha256, bytes }: StoredContent): Promise<void> {
    assertSha256(sha256);
    await em.execute(
      `insert into attachment_content (sha256, bytes, size, created_at) values (?, ?, ?, now())
       on conflict (sha256) do nothing`,
      [sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.length],
    );
  }

  async get(em: Em, sha256: string): Promise<Uint8Array | undefined> {
    assertSha256(sha256);
    const rows = await em.execute<{ bytes: Uint8Array }[]>(
      'select bytes from attachment_content where sha256 = ?',
      [sha256],
    );
    return rows[0] ? new Uint8Array(rows[0].bytes) : undefined;
  }

  async has(em: Em, sha256: string): Promise<boolean> {
    assertSha256(sha256);
    const rows = await em.execute<{ n: number }[]>('select 1 as n from attachment_content where sha256 = ?', [
      sha256,
    ]);
    return rows.length > 0;
  }

  async release(em: Em, sha256: string): Promise<void> {
    assertSha256(sha256);
    // Content written in a rolled-back transaction is gone already; this covers content left unreferenced.
    await em.transactional(async (tx) => {
      await lockContent(tx, sha256);
      if (!(await isReferenced(tx, sha256)))
        await tx.execute('delete from attachment_content where sha256 = ?', [sha256]);
    });
  }
}
