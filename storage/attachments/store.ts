/**
 * @module
 * Where attachment content lives: one interface, two stores chosen by `ATTACHMENT_STORE` — the file system
 * under `DATA_DIR` (the default) or a `bytea` table in the database. Both address content by its SHA-256, so
 * the same file attached twice is stored once and a name can never collide.
 */
import type { Em } from '../../db/orm.ts';

export type AttachmentStoreKind = 'filesystem' | 'postgresql';

export interface StoredContent {
  /** Lower-case hex SHA-256 of `bytes`. */
  sha256: string;
  bytes: Uint8Array;
}

export interface AttachmentStore {
  readonly kind: AttachmentStoreKind;
  /**
   * Stores the content (idempotent). `em` is the transaction that writes the attachment's metadata row: the
   * PostgreSQL store writes in it, so both commit or neither; the file-system store writes durably at once
   * (a temporary file renamed into place), and a failed transaction then calls {@link release}.
   */
  put(em: Em, content: StoredContent): Promise<void>;
  /** The content with this hash, or `undefined` when the store has none. */
  get(em: Em, sha256: string): Promise<Uint8Array | undefined>;
  /** Whether the store holds content with this hash. */
  has(em: Em, sha256: string): Promise<boolean>;
  /**
   * Removes the content if no attachment refers to it (after a failed upload). Takes the same per-hash lock
   * as an upload, so it never removes content that an upload in flight is about to refer to.
   */
  release(em: Em, sha256: string): Promise<void>;
}

/** A lower-case hex SHA-256: the only shape a hash may have before it becomes a path or a key. */
export function assertSha256(sha256: string): void {
  if (!/^[0-9a-f]{64}$/u.test(sha256)) throw new Error(`Not a SHA-256 hex digest: '${sha256.slice(0, 80)}'.`);
}

/** Serialises uploads and releases of one content (transaction-scoped advisory lock). */
export async function lockContent(em: Em, sha256: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`attachment_content:${sha256}`]);
}

/** Whether any attachment refers to the content. */
export async function isReferenced(em: Em, sha256: string): Promise<boolean> {
  const rows = await em.execute<{ n: number }[]>('select 1 as n from attachment where sha256 = ? limit 1', [
    sha256,
  ]);
  return rows.length > 0;
}
