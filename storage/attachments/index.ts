/** @module Attachment content stores and the attachments of a contact (metadata with its content). */
import path from 'node:path';
import { FilesystemAttachmentStore } from './filesystem-store.ts';
import { PostgresqlAttachmentStore } from './postgresql-store.ts';
import type { AttachmentStore, AttachmentStoreKind } from './store.ts';

export * from './attachments.ts';
export { FilesystemAttachmentStore } from './filesystem-store.ts';
export { PostgresqlAttachmentStore } from './postgresql-store.ts';
export type { AttachmentStore, AttachmentStoreKind, StoredContent } from './store.ts';

/** The store `ATTACHMENT_STORE` names; file-system content lives in `<dataDir>/attachments`. */
export function openAttachmentStore(kind: AttachmentStoreKind, dataDir: string): AttachmentStore {
  return kind === 'postgresql'
    ? new PostgresqlAttachmentStore()
    : new FilesystemAttachmentStore(path.join(dataDir, 'attachments'));
}
