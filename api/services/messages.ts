/**
 * @module
 * A contact's message thread in the database. Posting is one transaction: the message row, the contact's
 * `last_action_at` (the supervision board's "no action for N days" clock, `api/services/board.ts`) and the
 * notifications, keyed `<contact>:message:<id>:<n>` like the activities' `<contact>:<seq>:<n>`, which the
 * live stream already delivers (`api/change-stream.ts`). The workflow is not involved: a message is not an
 * action.
 */
import type { NotificationIntent } from '../../domain/contact/notifications.ts';
import type { MessageAttachment, MessageSide, MessageView } from '../../domain/messages/index.ts';
import type { Em } from '../../db/orm.ts';

interface MessageRow {
  id: string | number;
  contact_id: string;
  author_sub: string;
  author_name: string;
  author_side: string;
  internal: boolean;
  text: string;
  attachment_ids: string[] | string;
  created_at: Date | string;
}

const idsOf = (value: string[] | string): string[] =>
  Array.isArray(value) ? value : (JSON.parse(value) as string[]);

/** The view of a row, its attachments looked up among the contact's (a missing one is left out). */
function viewOf(row: MessageRow, attachments: ReadonlyMap<string, MessageAttachment>): MessageView {
  return {
    id: String(row.id),
    contactId: row.contact_id,
    at: new Date(row.created_at).toISOString(),
    author: { sub: row.author_sub, name: row.author_name, side: row.author_side as MessageSide },
    text: row.text,
    internal: row.internal,
    attachments: idsOf(row.attachment_ids).flatMap((id) => {
      const found = attachments.get(id);
      return found ? [found] : [];
    }),
  };
}

/** The contact's attachments as messages show them, by id. */
export async function contactAttachments(em: Em, contactId: string): Promise<Map<string, MessageAttachment>> {
  const rows = await em.execute<MessageAttachment[]>(
    'select id, name, size, type from attachment where contact_id = ? order by created_at, id',
    [contactId],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, size: Number(r.size), type: r.type }]));
}

/** The ids of files cited by the contact's messages that are not internal notes (shared with the journalist). */
export async function publicMessageFileIds(em: Em, contactId: string): Promise<string[]> {
  const rows = await em.execute<Pick<MessageRow, 'attachment_ids'>[]>(
    'select attachment_ids from message where contact_id = ? and not internal',
    [contactId],
  );
  return rows.flatMap((r) => idsOf(r.attachment_ids));
}

export interface MessagePage {
  items: MessageView[];
  /** The id to continue after, when there may be more. */
  next: number | undefined;
}

/** A page of the thread, oldest first, after message id `after`; internal notes only with `withInternal`. */
export async function listMessages(
  em: Em,
  contactId: string,
  options: { withInternal: boolean; after: number; limit: number },
): Promise<MessagePage> {
  const rows = await em.execute<MessageRow[]>(
    `select * from message where contact_id = ? and id > ? and (? or not internal) order by id limit ?`,
    [contactId, options.after, options.withInternal, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  const attachments = await contactAttachments(em, contactId);
  return {
    items: page.map((row) => viewOf(row, attachments)),
    next: rows.length > options.limit ? Number(page.at(-1)!.id) : undefined,
  };
}

export interface NewMessage {
  contactId: string;
  author: { sub: string; name: string; side: MessageSide };
  text: string;
  internal: boolean;
  attachments: MessageAttachment[];
  at: number;
  notifications: NotificationIntent[];
}

/** Stores a message, moves the contact's last action to it and notifies, all or nothing. */
export async function postMessage(em: Em, input: NewMessage): Promise<MessageView> {
  const at = new Date(input.at);
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<MessageRow[]>(
      `insert into message (contact_id, author_sub, author_name, author_side, internal, text, attachment_ids, created_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning *`,
      [
        input.contactId,
        input.author.sub,
        input.author.name,
        input.author.side,
        input.internal,
        input.text,
        JSON.stringify(input.attachments.map((a) => a.id)),
        at,
      ],
    );
    await tx.execute(
      `update contact set last_action_at = greatest(coalesce(last_action_at, submitted_at), ?) where id = ?`,
      [at, input.contactId],
    );
    for (const [index, n] of input.notifications.entries()) {
      const r = n.recipient;
      await tx.execute(
        `insert into notification (key, contact_id, type, text, recipient_sub, recipient_agency_id, recipient_roles,
           recipient_province_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?) on conflict (key) do nothing`,
        [
          `${input.contactId}:message:${row!.id}:${index}`,
          input.contactId,
          n.type,
          n.text,
          r.kind === 'person' ? r.sub : null,
          r.kind === 'agency_role' ? r.agencyId : null,
          r.kind === 'agency_role'
            ? `{${r.roles.join(',')}}`
            : r.kind === 'province_supervisors'
              ? '{supervisor}'
              : null,
          r.kind === 'province_supervisors' ? r.provinceId : null,
          at,
        ],
      );
    }
    return viewOf(row!, new Map(input.attachments.map((a) => [a.id, a])));
  });
}
