/**
 * @module
 * Files attached to contacts. `attachment` holds what the API lists (name, type, size, SHA-256, who and
 * when); the bytes live in the configured store (`storage/attachments/`), addressed by their SHA-256 — on the
 * file system, or in `attachment_content` when `ATTACHMENT_STORE=postgresql`. A metadata row is written in
 * the transaction that stores (or, on disk, after it has stored) its content, so no row lacks its bytes.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const Attachment = defineEntity({
  name: 'Attachment',
  tableName: 'attachment',
  indexes: [{ properties: ['contactId', 'createdAt'] }, { properties: ['sha256'] }],
  properties: {
    id: p.string().length(64).primary(),
    contactId: p.string().length(64),
    /** The sanitised name it is served under (`domain/attachments/file-name.ts`). */
    name: p.string().length(255),
    /** The type found from its content, served as `Content-Type`. */
    type: p.string().length(120),
    size: p.integer(),
    sha256: p.string().length(64),
    uploadedBySub: p.string().length(200),
    uploadedByName: p.string().length(200),
    createdAt: p.datetime(),
  },
});

/** Content of the PostgreSQL store: one row per distinct content (the same file attached twice is kept once). */
export const AttachmentContent = defineEntity({
  name: 'AttachmentContent',
  tableName: 'attachment_content',
  properties: {
    sha256: p.string().length(64).primary(),
    bytes: p.blob(),
    size: p.integer(),
    createdAt: p.datetime(),
  },
});
