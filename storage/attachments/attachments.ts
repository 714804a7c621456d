/**
 * @module
 * A contact's attachments: metadata rows in `attachment`, content in an {@link AttachmentStore}. Adding one
 * is all or nothing: under a per-contact lock it counts the contact's attachments (409 past the limit),
 * stores the content, then writes the row, in one transaction; if anything fails after the content was
 * stored on disk, the content is released again unless another attachment refers to it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { assertRoomForAttachment, type AttachmentLimits } from '../../domain/attachments/index.ts';
import type { Em } from '../../db/orm.ts';
import { logLine } from '../../logging/redact.ts';
import { lockContent, type AttachmentStore } from './store.ts';

export interface AttachmentRecord {
  id: string;
  contactId: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
  createdAt: string;
  uploadedBy: { sub: string; name: string };
}

interface AttachmentRow {
  id: string;
  contact_id: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
  created_at: Date | string;
  uploaded_by_sub: string;
  uploaded_by_name: string;
}

const recordOf = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id,
  contactId: r.contact_id,
  name: r.name,
  size: r.size,
  type: r.type,
  sha256: r.sha256,
  createdAt: new Date(r.created_at).toISOString(),
  uploadedBy: { sub: r.uploaded_by_sub, name: r.uploaded_by_name },
});

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The contact's attachments, oldest first. */
export async function listAttachments(em: Em, contactId: string): Promise<AttachmentRecord[]> {
  const rows = await em.execute<AttachmentRow[]>(
    'select * from attachment where contact_id = ? order by created_at, id',
    [contactId],
  );
  return rows.map(recordOf);
}

/** How many attachments the contact holds. */
export async function countAttachments(em: Em, contactId: string): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from attachment where contact_id = ?',
    [contactId],
  );
  return Number(row?.n ?? 0);
}

/** One attachment of the contact, or `undefined`. */
export async function findAttachment(
  em: Em,
  contactId: string,
  id: string,
): Promise<AttachmentRecord | undefined> {
  const rows = await em.execute<AttachmentRow[]>('select * from attachment where id = ? and contact_id = ?', [
    id,
    contactId,
  ]);
  return rows[0] ? recordOf(rows[0]) : undefined;
}

export interface NewAttachment {
  contactId: string;
  /** Already sanitised, with the extension of `type`. */
  name: string;
  /** Found from the content. */
  type: string;
  bytes: Uint8Array;
  by: { sub: string; name: string };
  at: number;
  limits: AttachmentLimits;
}

/** Stores a new attachment (see the module comment); throws `too_many_attachments` past the limit. */
export async function addAttachment(
  em: Em,
  store: AttachmentStore,
  input: NewAttachment,
): Promise<AttachmentRecord> {
  const sha256 = sha256Hex(input.bytes);
  const id = randomUUID();
  let stored = false;
  try {
    await em.transactional(async (tx) => {
      // Concurrent uploads to one contact take turns, so the count below stays true until the insert.
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`attachments:${input.contactId}`]);
      assertRoomForAttachment(await countAttachments(tx, input.contactId), input.limits);
      await lockContent(tx, sha256);
      await store.put(tx, { sha256, bytes: input.bytes });
      stored = true;
      await tx.execute(
        `insert into attachment (id, contact_id, name, type, size, sha256, uploaded_by_sub, uploaded_by_name, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          input.contactId,
          input.name,
          input.type,
          input.bytes.length,
          sha256,
          input.by.sub,
          input.by.name,
          new Date(input.at),
        ],
      );
    });
  } catch (error) {
    if (stored)
      await store.release(em.fork(), sha256).catch((releaseError: unknown) =>
        logLine('error', 'attachment content not released after a failed upload', {
          sha256,
          error: releaseError,
        }),
      );
    throw error;
  }
  return {
    id,
    contactId: input.contactId,
    name: input.name,
    size: input.bytes.length,
    type: input.type,
    sha256,
    createdAt: new Date(input.at).toISOString(),
    uploadedBy: { ...input.by },
  };
}

/**
 * The attachment's content, checked against its SHA-256. Missing or altered content is our failure, not the
 * caller's: it throws (a logged 500) rather than serving something else.
 */
export async function readAttachmentContent(
  em: Em,
  store: AttachmentStore,
  attachment: AttachmentRecord,
): Promise<Uint8Array> {
  const bytes = await store.get(em, attachment.sha256);
  if (!bytes)
    throw new Error(`Attachment ${attachment.id}: its content is missing from the ${store.kind} store.`);
  if (sha256Hex(bytes) !== attachment.sha256)
    throw new Error(`Attachment ${attachment.id}: its content does not match its SHA-256.`);
  return bytes;
}
