/**
 * @module
 * Messages in a contact's thread (`domain/messages/`): written by the API in the transaction that also moves
 * the contact's `last_action_at` and inserts the notifications; never part of the workflow. The serial id
 * orders a thread (oldest first) and pages it.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const Message = defineEntity({
  name: 'Message',
  tableName: 'message',
  indexes: [{ properties: ['contactId', 'id'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    contactId: p.string().length(64),
    authorSub: p.string().length(200),
    authorName: p.string().length(200),
    /** `journalist` or `agency` (`MessageSide`). */
    authorSide: p.string().length(20),
    /** An internal note: read by the agency side only. */
    internal: p.boolean().default(false),
    text: p.text(),
    /** Ids of attachments of the same contact, in the order the author gave them. */
    attachmentIds: p.json<string[]>(),
    createdAt: p.datetime(),
  },
});
