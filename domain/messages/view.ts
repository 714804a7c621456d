/**
 * @module
 * A message as the API shows it, and which messages a reader sees: everything for the agency side, public
 * messages only for the journalist (and for an agency the contact was referred to).
 */
import type { MessageSide } from './rules.ts';

/** An attachment a message refers to, as shown beside it. */
export interface MessageAttachment {
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface MessageView {
  id: string;
  contactId: string;
  /** ISO 8601. */
  at: string;
  author: { sub: string; name: string; side: MessageSide };
  text: string;
  /** An internal note: the agency side alone reads it. */
  internal: boolean;
  attachments: MessageAttachment[];
}

/** The messages a reader sees (`readsInternal`: they are on the agency side). */
export function messagesFor<M extends { internal: boolean }>(
  messages: readonly M[],
  readsInternal: boolean,
): M[] {
  return readsInternal ? [...messages] : messages.filter((m) => !m.internal);
}

/**
 * The attachments a message refers to, in the order given, resolved among the contact's own attachments;
 * `missing` lists ids that are not the contact's (the API refuses them with 422).
 */
export function resolveAttachments(
  ids: readonly string[],
  contactAttachments: readonly MessageAttachment[],
): { attachments: MessageAttachment[]; missing: string[] } {
  const byId = new Map(contactAttachments.map((a) => [a.id, a]));
  const attachments: MessageAttachment[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const found = byId.get(id);
    if (found) attachments.push({ id: found.id, name: found.name, size: found.size, type: found.type });
    else missing.push(id);
  }
  return { attachments, missing };
}
