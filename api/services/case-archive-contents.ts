/**
 * @module
 * What the case archive (`GET /contacts/{id}/archive`, issue 10) holds besides the contact's view: the whole
 * message thread, internal notes included (the archive is for the agency side only), and every document —
 * the reminder letters that name the contact (PDF and DOCX) and every file attached to it, with its bytes
 * read from the attachment store and checked against their SHA-256.
 */
import type { ArchiveDocument, ArchiveMessage } from '../../documents/case-archive/index.ts';
import type { MessageSide } from '../../domain/messages/index.ts';
import type { Em } from '../../db/orm.ts';
import { documentFile, documentsOfContact } from '../../db/repositories/documents.ts';
import {
  listAttachments,
  PostgresqlAttachmentStore,
  readAttachmentContent,
  type AttachmentStore,
} from '../../storage/attachments/index.ts';
import { listMessages } from './messages.ts';

/** Messages read per query while gathering the thread. */
const PAGE = 500;

/** The side a message was written from, in words. */
const SIDE_IN_WORDS: Record<MessageSide, string> = { journalist: 'phóng viên', agency: 'cơ quan' };

/** Where attachment content lives when none is configured: the PostgreSQL store, as the attachment routes. */
export const DEFAULT_ATTACHMENT_STORE: AttachmentStore = new PostgresqlAttachmentStore();

/**
 * Every message of the contact's thread, oldest first, internal notes included: `from` is the author's name
 * and side ("Nguyễn Văn An (phóng viên)"), `attachments` the files it refers to, by attachment id.
 */
export async function archiveMessages(em: Em, contactId: string): Promise<ArchiveMessage[]> {
  const messages: ArchiveMessage[] = [];
  let after = 0;
  for (;;) {
    const page = await listMessages(em, contactId, { withInternal: true, after, limit: PAGE });
    for (const m of page.items)
      messages.push({
        at: m.at,
        from: `${m.author.name} (${SIDE_IN_WORDS[m.author.side] ?? m.author.side})`,
        text: m.text,
        internal: m.internal,
        attachments: m.attachments.map((a) => ({ id: a.id, name: a.name })),
      });
    if (page.next === undefined) return messages;
    after = page.next;
  }
}

/**
 * The contact's documents: its reminder letters (newest first, PDF then DOCX), then every attachment, oldest
 * first, under the name it was uploaded with and its id (which the messages refer to). Content missing from
 * the store or not matching its SHA-256 throws, as a download of it would: an archive never silently lacks
 * a file.
 */
export async function archiveDocuments(
  em: Em,
  store: AttachmentStore,
  contactId: string,
): Promise<ArchiveDocument[]> {
  const documents: ArchiveDocument[] = [];
  for (const d of await documentsOfContact(em, contactId)) {
    const stem = `van-ban-don-doc-${d.number.replace(/[^A-Za-z0-9-]+/g, '-')}`;
    for (const format of ['pdf', 'docx'] as const) {
      const file = await documentFile(em, d.id, format);
      if (file) documents.push({ fileName: `${stem}.${format}`, bytes: file.bytes });
    }
  }
  for (const attachment of await listAttachments(em, contactId))
    documents.push({
      id: attachment.id,
      fileName: attachment.name,
      bytes: await readAttachmentContent(em, store, attachment),
    });
  return documents;
}
