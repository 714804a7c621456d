/**
 * @module
 * Who may read and write a contact's message thread (issue 10). A message is not an action: it changes no
 * status and never reaches the workflow. Reading follows the contact's visibility (`maySeeContact`); an
 * internal note (`internal: true`) is read by the agency side only (`seesAgencySide`) — never by the
 * journalist, nor by an agency the contact was merely referred to. Writing is for the people who work the
 * contact: its journalist, its agency's staff, spokesperson and head, and the supervisors of its province;
 * internal notes for the agency side among them. Auditors, administrators, national overseers and referred
 * agencies read and write nothing.
 *
 * A thread stays open while the contact is, and for {@link MESSAGE_GRACE_DAYS} days after it ended (thanks, a
 * last document, a question before reopening a difficulty report); after that a message is refused with 409
 * `contact_closed` — the contact is history, and a new question is a new contact.
 */
import { actsForAgency, supervisesProvince, type Actor } from '../actor.ts';
import { seesAgencySide, type Visible } from '../contact/visibility.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';

/** Days after a contact ended during which its thread still takes messages. */
export const MESSAGE_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;

/** Which side of the contact wrote a message. */
export type MessageSide = 'journalist' | 'agency';

/** The contact as the rules read it: who sees it, and whether and when it ended. */
export interface MessageContact extends Visible {
  /** Whether the contact reached a terminal status. */
  terminal: boolean;
  /** When it last changed (epoch ms): for a terminal contact, when it ended. */
  updatedAt: number;
}

/** Whether `actor` is the contact's own journalist. */
export function isContactsJournalist(actor: Actor, contact: Visible): boolean {
  return actor.roles.includes('journalist') && actor.sub === contact.journalistSub;
}

/** Whether `actor` works the contact for the agency side: its agency's staff or its province's supervisors. */
export function worksForAgencySide(actor: Actor, contact: Visible): boolean {
  return (
    seesAgencySide(actor, contact) &&
    (actsForAgency(actor, contact.agencyId) || supervisesProvince(actor, contact.provinceId ?? undefined))
  );
}

/** The side `actor` writes from, or `undefined` when they may not write on the contact. */
export function writerSide(actor: Actor, contact: Visible): MessageSide | undefined {
  // The agency side first: a person who is both (a clerk holding a press card) writes for the agency.
  if (worksForAgencySide(actor, contact)) return 'agency';
  if (isContactsJournalist(actor, contact)) return 'journalist';
  return undefined;
}

/** Whether `actor` reads the contact's internal notes (who may see the contact at all is a separate rule). */
export function readsInternalNotes(actor: Actor, contact: Visible): boolean {
  return seesAgencySide(actor, contact);
}

/** Whether the thread still takes messages at `now`. */
export function threadOpen(contact: Pick<MessageContact, 'terminal' | 'updatedAt'>, now: number): boolean {
  return !contact.terminal || now - contact.updatedAt <= MESSAGE_GRACE_DAYS * DAY_MS;
}

/**
 * The side `actor` writes a message from, after checking they may: 403 `message_not_allowed` for those who
 * do not work the contact, 403 `internal_note_not_allowed` for an internal note from the journalist, 409
 * `contact_closed` past the grace period.
 */
export function assertMayWriteMessage(
  actor: Actor,
  contact: MessageContact,
  message: { internal: boolean },
  now: number,
): MessageSide {
  const side = writerSide(actor, contact);
  if (!side)
    throw ForbiddenError.because(
      'message_not_allowed',
      'Only the contact’s journalist, its agency and the supervising department write in its thread.',
    );
  if (message.internal && side !== 'agency')
    throw ForbiddenError.because(
      'internal_note_not_allowed',
      'Only the agency side writes internal notes; the journalist never sees them.',
    );
  if (!threadOpen(contact, now))
    throw new ConflictError(
      'contact_closed',
      `The contact ended more than ${MESSAGE_GRACE_DAYS} days ago; its thread takes no more messages.`,
      { graceDays: MESSAGE_GRACE_DAYS },
    );
  return side;
}
